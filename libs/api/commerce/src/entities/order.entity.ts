import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type OrderStatus =
  'pending_payment' | 'paid' | 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'returned';

export interface ShippingAddress {
  recipient: string;
  phone: string;
  country: string;
  region: string;
  city: string;
  line1: string;
  postcode?: string;
}

/** An order; totals in minor units of `currency`. */
@Entity('commerce_orders')
export class Order {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' }) id!: number;
  @Column({ type: 'text' }) number!: string;
  @Column({ type: 'integer' }) customerId!: number;
  @Column({ type: 'text' }) status!: OrderStatus;
  @Column({ type: 'text', default: 'main' }) storeId!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ type: 'integer' }) subtotal!: number;
  @Column({ type: 'integer', default: 0 }) discount!: number;
  @Column({ type: 'integer', default: 0 }) shippingFee!: number;
  @Column({ type: 'integer' }) total!: number;
  @Column({ type: 'jsonb', nullable: true }) shippingAddress!: ShippingAddress | null;
  @Column({ type: 'timestamptz' }) placedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) paidAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
