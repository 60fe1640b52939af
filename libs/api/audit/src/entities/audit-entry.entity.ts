import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of the append-only audit log (a trigger refuses UPDATE and DELETE). */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  /** The staff member; null for the system (e.g. a time-limit escalation). */
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) targetType!: string;
  @Column({ type: 'text', nullable: true }) targetId!: string | null;
  /** Ids, codes and before/after settings; never message text or shopper contact details. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) data!: Record<string, unknown>;
}
