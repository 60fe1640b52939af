import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** How a channel names a contact: unique per inbox and external id. */
@Entity('contact_identities')
export class ContactIdentity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) contactId!: string;
  @Column({ type: 'uuid' }) inboxId!: string;
  @Column({ type: 'text' }) externalId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
