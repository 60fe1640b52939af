import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only log of what happened (message received, bot replied, delivered, ...); analytics reads it. */
@Entity('events')
export class ConversationEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'uuid', nullable: true }) inboxId!: string | null;
  @Column({ type: 'uuid', nullable: true }) conversationId!: string | null;
  @Column({ type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  /** Ids, counts and statuses only: never message text or contact details. */
  @Column({ type: 'jsonb', default: () => `'{}'` }) data!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
