import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ConversationStatus } from '@kefu/shared/contracts';

/** Owned by the bot or by one human, never both. */
@Entity('conversations')
export class Conversation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) inboxId!: string;
  @Column({ type: 'uuid' }) contactId!: string;
  @Column({ type: 'text', default: ConversationStatus.Bot }) status!: ConversationStatus;
  @Column({ type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ type: 'integer', default: 0 }) messageCount!: number;
  @Column({ type: 'timestamptz' }) lastMessageAt!: Date;
  @Column({ type: 'text', nullable: true }) lastMessagePreview!: string | null;
  /** Why the bot handed the conversation to a human (`pending_human`), e.g. customer_request. */
  @Column({ type: 'text', nullable: true }) handoffReason!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) handoffAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) greetedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) awaySentAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
