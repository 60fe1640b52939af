import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('commerce_warehouses')
export class Warehouse {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) region!: string;
}
