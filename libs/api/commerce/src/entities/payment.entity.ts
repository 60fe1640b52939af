import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'refunded';

/** A payment attempt; `failureCode` is the gateway's code, diagnosed by `diagnosePaymentFailure`. */
@Entity('commerce_payments')
export class Payment {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' }) id!: number;
  @Column({ type: 'integer' }) orderId!: number;
  @Column({ type: 'text' }) gateway!: string;
  @Column({ type: 'text' }) status!: PaymentStatus;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ type: 'text', nullable: true }) failureCode!: string | null;
  @Column({ type: 'text', nullable: true }) gatewayRef!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
