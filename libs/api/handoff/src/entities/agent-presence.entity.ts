import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AgentAvailability } from '@kefu/shared/contracts';

/** Whether an agent takes new conversations: only `online` members are auto-assigned. */
@Entity('agent_presence')
export class AgentPresence {
  @PrimaryColumn({ type: 'uuid' }) userId!: string;
  @Column({ type: 'text', default: 'offline' }) availability!: AgentAvailability;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
