import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { HumanEditStatus } from '@kefu/shared/contracts';

/** A suggested reply an agent changed before sending: both texts, for the knowledge base or training. */
@Entity('human_edits')
export class HumanEdit {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) conversationId!: string;
  /** The agent's message as sent. */
  @Column({ type: 'uuid' }) messageId!: string;
  @Column({ type: 'uuid', nullable: true }) agentId!: string | null;
  /** The shopper's message it answered. */
  @Column({ type: 'text', nullable: true }) question!: string | null;
  @Column({ type: 'text', nullable: true }) intent!: string | null;
  @Column({ type: 'text', nullable: true }) language!: string | null;
  @Column({ type: 'text' }) suggested!: string;
  @Column({ type: 'text' }) edited!: string;
  @Column({ type: 'text' }) source!: 'template' | 'knowledge' | 'llm';
  @Column({ type: 'text', nullable: true }) ref!: string | null;
  @Column({ type: 'text', default: 'new' }) status!: HumanEditStatus;
  @Column({ type: 'text', nullable: true }) targetId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
