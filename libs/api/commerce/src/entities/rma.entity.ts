import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `refund_only`: refunded without the item being sent back (cheap items, see `routeReturn`). */
export const RETURN_KINDS = ['return', 'exchange', 'refund_only'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];
export const RETURN_STATUSES = [
  'requested',
  'approved',
  'label_issued',
  'received',
  'refunded',
  'rejected',
  'cancelled',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** A return or exchange (RMA) of an order or one of its items. */
@Entity('commerce_returns')
export class Rma {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' }) id!: number;
  @Column({ type: 'text' }) rmaNumber!: string;
  @Column({ type: 'integer' }) orderId!: number;
  @Column({ type: 'integer', nullable: true }) orderItemId!: number | null;
  @Column({ type: 'text' }) kind!: ReturnKind;
  @Column({ type: 'text' }) status!: ReturnStatus;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'integer', default: 0 }) refundAmount!: number;
  @Column({ type: 'char', length: 3 }) currency!: string;
  /** The caller's idempotency key: a repeated request finds this RMA instead of creating another. */
  @Column({ type: 'text', nullable: true, unique: true }) requestKey!: string | null;
  /** Why it was routed this way (`ReturnRoutingReason`), for RMAs the bot created. */
  @Column({ type: 'text', nullable: true }) routingReason!: string | null;
  /** The variant wanted instead, for exchanges. */
  @Column({ type: 'jsonb', nullable: true }) exchangeFor!: { colour?: string; size?: string } | null;
  @Column({ type: 'text', nullable: true }) labelUrl!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
