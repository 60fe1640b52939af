import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ReturnKind = 'return' | 'exchange' | 'refund_only';
export type ReturnStatus =
  'requested' | 'approved' | 'label_issued' | 'received' | 'refunded' | 'rejected' | 'cancelled';

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
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
