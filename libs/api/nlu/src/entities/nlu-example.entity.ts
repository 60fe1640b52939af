import { registerPersonalData } from '@kefu/api/platform/database';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A training example added by an admin or taught from the unknown-question queue (may hold shopper text). */
@Entity('nlu_examples')
export class NluExample {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) intent!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) language!: 'zh' | 'en' | 'ja';
  @Column({ type: 'text', default: 'admin' }) source!: string;
  /** The shopper whose message this example was taught from, if any: erasing them erases it. */
  @Column({ type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

registerPersonalData({
  table: 'nlu_examples',
  columns: ['text'],
  subject: { kind: 'contact', column: 'contact_id' },
  description:
    "Training examples taught from shoppers' messages (unknown-question queue); admin-written examples have no contact.",
});
