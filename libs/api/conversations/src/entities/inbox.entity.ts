import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BusinessHours, ChannelType } from '@kefu/shared/contracts';

/** One channel endpoint (an API integration, later a widget, a WeChat account, a mailbox). */
@Entity('inboxes')
export class Inbox {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) channel!: ChannelType;
  /** HMAC key for the channel's signed pushes and our signed callbacks. */
  @Column({ type: 'text' }) secret!: string;
  @Column({ type: 'text', nullable: true }) callbackUrl!: string | null;
  @Column({ type: 'boolean', default: false }) greetingEnabled!: boolean;
  @Column({ type: 'text', default: '' }) greetingMessage!: string;
  @Column({ type: 'boolean', default: false }) awayEnabled!: boolean;
  @Column({ type: 'text', default: '' }) awayMessage!: string;
  @Column({ type: 'jsonb' }) businessHours!: BusinessHours;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
