import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NluTrainingStatus } from '@kefu/shared/contracts';

/** One background retraining, with its progress for the admin. */
@Entity('nlu_training_runs')
export class NluTrainingRun {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) status!: NluTrainingStatus;
  @Column({ type: 'real', default: 0 }) progress!: number;
  @Column({ type: 'text', default: 'queued' }) stage!: string;
  @Column({ type: 'integer', nullable: true }) modelVersion!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'uuid', nullable: true }) requestedBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
