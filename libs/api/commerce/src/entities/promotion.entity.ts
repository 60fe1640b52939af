import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PromotionKind } from '../calculators/promotion-stacking';

/**
 * A promotion. `rules` holds the calculators' `Promotion` without `id` and `kind`, dates as ISO
 * strings; `validFrom` / `validUntil` are copied out for querying.
 */
@Entity('commerce_promotions')
export class PromotionRecord {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) kind!: PromotionKind;
  @Column({ type: 'jsonb' }) rules!: Record<string, unknown>;
  @Column({ type: 'timestamptz', nullable: true }) validFrom!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) validUntil!: Date | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
