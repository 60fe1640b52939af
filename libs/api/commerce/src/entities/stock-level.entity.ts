import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Units of one SKU in one warehouse; available = quantity - reserved. */
@Entity('commerce_stock')
export class StockLevel {
  @PrimaryColumn({ type: 'text' }) skuId!: string;
  @PrimaryColumn({ type: 'text' }) warehouseId!: string;
  @Column({ type: 'integer', default: 0 }) quantity!: number;
  @Column({ type: 'integer', default: 0 }) reserved!: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
