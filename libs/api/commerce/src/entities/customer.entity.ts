import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CustomerTier = 'regular' | 'silver' | 'gold' | 'vip';
export const CUSTOMER_TIERS: readonly CustomerTier[] = ['regular', 'silver', 'gold', 'vip'];

/** A shop's customer, as its order system knows them; `contactId` links a Kefu contact once matched. */
@Entity('commerce_customers')
export class Customer {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' }) id!: number;
  @Column({ type: 'text' }) externalId!: string;
  @Column({ type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', default: 'regular' }) tier!: CustomerTier;
  /** Minor units; bigint comes back as a string from the driver. */
  @Column({ type: 'bigint', default: 0 }) lifetimeValue!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
