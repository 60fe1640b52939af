import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PauseScope } from '@kefu/shared/contracts';

/** The kill switch: while a row exists, the bot sends no automatic reply in its scope. */
@Entity('bot_pauses')
export class BotPause {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) scope!: PauseScope;
  /** The channel or intent; null for global. */
  @Column({ type: 'text', nullable: true }) value!: string | null;
  @Column({ type: 'text', default: '' }) reason!: string;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
