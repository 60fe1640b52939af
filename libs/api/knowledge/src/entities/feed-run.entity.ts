import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FeedChangeDto, FeedRunStatus } from '@kefu/shared/contracts';

/** One sync of a feed: what changed, or why nothing did. */
@Entity('knowledge_feed_runs')
export class FeedRun {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) feedId!: string;
  @Column({ type: 'text' }) trigger!: 'schedule' | 'manual';
  @Column({ type: 'timestamptz', nullable: true }) scheduledFor!: Date | null;
  @Column({ type: 'text' }) status!: FeedRunStatus;
  @Column({ type: 'integer', default: 0 }) created!: number;
  @Column({ type: 'integer', default: 0 }) updated!: number;
  @Column({ type: 'integer', default: 0 }) archived!: number;
  @Column({ type: 'integer', default: 0 }) unchanged!: number;
  @Column({ type: 'jsonb', default: () => `'[]'` }) changes!: FeedChangeDto[];
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) startedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
