import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/**
 * One event for one webhook. `(webhook_id, event_key)` is unique, so an event recorded twice is sent
 * once. `dead` rows are the dead-letter list: every retry failed; an admin can replay them.
 */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) webhookId!: string;
  @Column({ type: 'text' }) event!: string;
  @Column({ type: 'text' }) eventKey!: string;
  @Column({ type: 'uuid', nullable: true }) conversationId!: string | null;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'text' }) status!: WebhookDeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'integer', nullable: true }) responseStatus!: number | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
