import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ShipmentStatus } from './shipment.entity';

/** One scan or status change of a shipment; `code` keys the shopper-facing text (e.g. `weather_delay`). */
@Entity('commerce_shipment_events')
export class ShipmentEvent {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint' }) id!: string;
  @Column({ type: 'integer' }) shipmentId!: number;
  @Column({ type: 'text' }) status!: ShipmentStatus;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text', nullable: true }) location!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
}
