import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BusinessHours, ChannelType } from '@kefu/shared/contracts';

/** One channel endpoint: an API integration, a web chat widget, a WeChat account or a mailbox. */
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
  /** The channel's own settings (`channelSettingsSchemas` in contracts). */
  @Column({ type: 'jsonb', default: {} }) settings!: Record<string, unknown>;
  /** The channel's secrets (`channelCredentialsSchemas`): WeChat token and keys, SMTP/IMAP passwords. */
  @Column({ type: 'jsonb', default: {} }) credentials!: Record<string, string>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
