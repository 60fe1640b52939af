import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of an order; `name` is the product name at the time of purchase. */
@Entity('commerce_order_items')
export class OrderItem {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' }) id!: number;
  @Column({ type: 'integer' }) orderId!: number;
  @Column({ type: 'text' }) skuId!: string;
  @Column({ type: 'text' }) productId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'integer' }) quantity!: number;
  @Column({ type: 'integer' }) unitPrice!: number;
  @Column({ type: 'integer' }) total!: number;
}
