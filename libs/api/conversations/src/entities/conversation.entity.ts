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
  /** The team a hand-off was routed to (libs/api/handoff). */
  @Column({ type: 'uuid', nullable: true }) teamId!: string | null;
  /** Queue priority, 1 low … 4 urgent. */
  @Column({ type: 'smallint', default: 2 }) priority!: number;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'timestamptz', nullable: true }) firstHumanReplyAt!: Date | null;
  /** When the team's time limit escalated it (reassigned or the lead notified). */
  @Column({ type: 'timestamptz', nullable: true }) escalatedAt!: Date | null;
  /** When the idle rules last looked at it. */
  @Column({ type: 'timestamptz', nullable: true }) idleCheckedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) greetedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) awaySentAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
