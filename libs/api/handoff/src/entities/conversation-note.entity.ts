import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An agents-only note on a conversation; never sent to the shopper. */
@Entity('conversation_notes')
export class ConversationNote {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) conversationId!: string;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) text!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
