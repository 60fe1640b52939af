import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AssignmentStrategy, BusinessHours } from '@kefu/shared/contracts';

/** A group of agents a hand-off is routed to (general, senior, VIP, returns, …). */
@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text', default: 'least_load' }) assignment!: AssignmentStrategy;
  /** An inbox's hours shape; null or `enabled: false`: always open. */
  @Column({ type: 'jsonb', nullable: true }) businessHours!: BusinessHours | null;
  @Column({ type: 'integer', nullable: true }) escalateAfterMinutes!: number | null;
  @Column({ type: 'text', default: 'notify_lead' }) escalationAction!: 'reassign' | 'notify_lead';
  @Column({ type: 'uuid', nullable: true }) leadUserId!: string | null;
  /** Round robin's cursor. */
  @Column({ type: 'uuid', nullable: true }) lastAssignedUserId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
