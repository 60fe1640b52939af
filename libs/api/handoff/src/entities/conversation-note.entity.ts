import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An agents-only note on a conversation; never sent to the shopper. */
@Entity('conversation_notes')
export class ConversationNote {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) conversationId!: string;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) text!: string;
  /** Notes Kefu writes itself (`summary`: the hand-off summary); null for an agent's note. */
  @Column({ type: 'text', nullable: true }) kind!: 'summary' | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
