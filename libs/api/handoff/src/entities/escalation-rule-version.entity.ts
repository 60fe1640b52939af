import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RuleInput, RuleVersionDto } from '@kefu/shared/contracts';

/** Every change of a rule, with the rule as it was after it (null once deleted). */
@Entity('escalation_rule_versions')
export class EscalationRuleVersion {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) ruleId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) change!: RuleVersionDto['change'];
  @Column({ type: 'jsonb', nullable: true }) rule!: RuleInput | null;
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
