import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RuleAction, RuleCondition, RuleEvent } from '@kefu/shared/contracts';

/** One escalation rule: an event, conditions, actions. Evaluated in `position` order. */
@Entity('escalation_rules')
export class EscalationRule {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'text' }) event!: RuleEvent;
  @Column({ type: 'text', default: 'all' }) match!: 'all' | 'any';
  @Column({ type: 'jsonb', default: () => "'[]'" }) conditions!: RuleCondition[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) actions!: RuleAction[];
  @Column({ type: 'boolean', default: false }) stopProcessing!: boolean;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'uuid', nullable: true }) updatedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
