import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The structured part of a hand-off summary (the note carries the same as text). */
export interface HandoffSummaryBody {
  wants: string;
  tried: string[];
  facts: string[];
  mood: string;
}

/** The summary written for one hand-off of a conversation; read and written by HandoffSummaryService. */
@Entity('handoff_summaries')
export class HandoffSummaryRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) conversationId!: string;
  @Column({ type: 'timestamptz' }) handoffAt!: Date;
  @Column({ type: 'text' }) language!: 'zh' | 'en' | 'ja';
  @Column({ type: 'text' }) source!: 'claude' | 'offline';
  @Column({ type: 'jsonb' }) summary!: HandoffSummaryBody;
  @Column({ type: 'uuid', nullable: true }) noteId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
