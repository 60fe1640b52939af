import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { SizeChart } from '../calculators/size-advice';

/** A catalogue product with its names in zh-CN, en and ja. Prices live on its SKUs. */
@Entity('commerce_products')
export class Product {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) nameZh!: string;
  @Column({ type: 'text' }) nameEn!: string;
  @Column({ type: 'text' }) nameJa!: string;
  @Column({ type: 'text' }) brand!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text', default: 'main' }) storeId!: string;
  @Column({ type: 'jsonb', default: {} }) attributes!: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) sizeChart!: SizeChart | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
