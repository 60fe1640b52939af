import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Attachment, AutoReplyKind, MessageContent, MessageMetadata } from '@kefu/shared/contracts';
import { MessageDirection, MessageStatus, SenderType } from '@kefu/shared/contracts';

@Entity('messages')
export class Message {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) conversationId!: string;
  @Column({ type: 'uuid' }) inboxId!: string;
  @Column({ type: 'text' }) direction!: MessageDirection;
  @Column({ type: 'text' }) senderType!: SenderType;
  @Column({ type: 'uuid', nullable: true }) senderId!: string | null;
  /** The channel's id for an incoming message; unique per inbox, so a retried push is stored once. */
  @Column({ type: 'text', nullable: true }) externalMessageId!: string | null;
  @Column({ type: 'text', default: '' }) text!: string;
  @Column({ type: 'jsonb', default: () => `'[]'` }) attachments!: Attachment[];
  @Column({ type: 'jsonb', default: () => `'{}'` }) metadata!: MessageMetadata;
  @Column({ type: 'text', nullable: true }) locale!: string | null;
  /** The language engine's reading of an incoming message (DESIGN.md's NLU shape). */
  @Column({ type: 'jsonb', nullable: true }) nlu!: Record<string, unknown> | null;
  /** A bot reply's structure beyond its text: quick replies and cards, for channels that render them. */
  @Column({ type: 'jsonb', nullable: true }) content!: MessageContent | null;
  @Column({ type: 'text', nullable: true }) autoReplyKind!: AutoReplyKind | null;
  @Column({ type: 'text' }) status!: MessageStatus;
  @Column({ type: 'integer', default: 0 }) deliveryAttempts!: number;
  @Column({ type: 'text', nullable: true }) deliveryError!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  /** When the shopper's client reported having shown it (widget read receipts). */
  @Column({ type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @Column({ type: 'timestamptz' }) sentAt!: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
