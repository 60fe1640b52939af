import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { UnknownQuestionReason } from '@kefu/shared/contracts';

/** One message the bot could not answer: the shopper's text, and the agent's answer when a human gave one. */
@Entity('knowledge_unknown_questions')
export class UnknownQuestion {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) groupId!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) normalized!: string;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) tokens!: string[];
  @Column({ type: 'text' }) language!: string;
  @Column({ type: 'text' }) reason!: UnknownQuestionReason;
  @Column({ type: 'uuid', nullable: true }) conversationId!: string | null;
  @Column({ type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'text', nullable: true }) intent!: string | null;
  @Column({ type: 'real', nullable: true }) confidence!: number | null;
  @Column({ type: 'text', nullable: true }) agentAnswer!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
