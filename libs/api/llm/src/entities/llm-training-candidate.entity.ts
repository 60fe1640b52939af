import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TrainingCandidateStatus = 'new' | 'accepted' | 'dismissed';

/**
 * A shopper's message that Claude classified differently from the offline engine: an admin accepts it
 * (it becomes an NLU example) or dismisses it. Holds the message text: personal data of the contact.
 */
@Entity('llm_training_candidates')
export class LlmTrainingCandidate {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) language!: string;
  @Column({ type: 'text' }) offlineIntent!: string;
  @Column({ type: 'real' }) offlineConfidence!: number;
  @Column({ type: 'text' }) llmIntent!: string;
  @Column({ type: 'real' }) llmConfidence!: number;
  @Column({ type: 'uuid', nullable: true }) conversationId!: string | null;
  /** Unique: one candidate per message, however often it is classified. */
  @Column({ type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'text', default: 'new' }) status!: TrainingCandidateStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
