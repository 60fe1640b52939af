import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A sellable variant of a product: colour, size and/or storage, with its price in minor units. */
@Entity('commerce_skus')
export class Sku {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) productId!: string;
  @Column({ type: 'text', nullable: true }) colour!: string | null;
  @Column({ type: 'text', nullable: true }) size!: string | null;
  @Column({ type: 'text', nullable: true }) storage!: string | null;
  @Column({ type: 'integer' }) price!: number;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
