import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SHIPMENT_STATUSES = [
  'pending',
  'packed',
  'shipped',
  'in_transit',
  'delayed',
  'delivered',
  'returned',
  'exception',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

@Entity('commerce_shipments')
export class Shipment {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' }) id!: number;
  @Column({ type: 'integer' }) orderId!: number;
  @Column({ type: 'text', nullable: true }) warehouseId!: string | null;
  @Column({ type: 'text' }) carrier!: string;
  @Column({ type: 'text', nullable: true }) trackingNumber!: string | null;
  @Column({ type: 'text' }) status!: ShipmentStatus;
  @Column({ type: 'timestamptz', nullable: true }) eta!: Date | null;
  /** Why it is delayed or in exception, e.g. `weather`, `address_unreachable`. */
  @Column({ type: 'text', nullable: true }) exceptionReason!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) shippedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
