import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { QuickReply } from '../templates/reply';

/**
 * One reply template: a key (`track_order.shipped`, `ask.order_number`) in one locale, optionally
 * for one region. Admins edit them; every edit bumps `version`.
 */
@Entity('dialogue_templates')
export class DialogueTemplate {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) key!: string;
  @Column({ type: 'text' }) locale!: string;
  /** Upper-case region code (`CN`, `JP`, `US`), or null for every region of the locale. */
  @Column({ type: 'text', nullable: true }) region!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'jsonb', nullable: true }) quickReplies!: QuickReply[] | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'uuid', nullable: true }) updatedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
