import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One Claude call: tokens, latency, cost and how it ended. No text, so no personal data. */
@Entity('llm_usage')
export class LlmUsage {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  /** reply, classify, handoff_summary, suggest, test. */
  @Column({ type: 'text' }) purpose!: string;
  @Column({ type: 'text' }) model!: string;
  @Column({ type: 'integer', default: 0 }) inputTokens!: number;
  @Column({ type: 'integer', default: 0 }) outputTokens!: number;
  @Column({ type: 'integer', default: 0 }) cacheReadTokens!: number;
  @Column({ type: 'integer', default: 0 }) cacheWriteTokens!: number;
  @Column({ type: 'integer', default: 0 }) latencyMs!: number;
  /** numeric(12,6): the driver hands it back as a string. */
  @Column({ type: 'numeric', precision: 12, scale: 6, default: 0 }) costUsd!: string;
  /** ok | error | timeout | breaker_open | budget. */
  @Column({ type: 'text' }) outcome!: string;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'uuid', nullable: true }) conversationId!: string | null;
}
