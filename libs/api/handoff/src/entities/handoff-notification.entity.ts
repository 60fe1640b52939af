import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A workspace notification (a rule's notify action, a time-limit escalation, an assignment). */
@Entity('handoff_notifications')
export class HandoffNotification {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: 'rule' | 'escalation' | 'assigned' | 'transfer';
  @Column({ type: 'uuid', nullable: true }) conversationId!: string | null;
  /** For everyone in the team … */
  @Column({ type: 'uuid', nullable: true }) teamId!: string | null;
  /** … or for one user. */
  @Column({ type: 'uuid', nullable: true }) userId!: string | null;
  @Column({ type: 'text', default: '' }) message!: string;
  @Column({ type: 'timestamptz', nullable: true }) readAt!: Date | null;
  /** Sent over the admin socket (after the transaction that wrote it committed). */
  @Column({ type: 'timestamptz', nullable: true }) emittedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
