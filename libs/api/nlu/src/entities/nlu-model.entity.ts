import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NluModelStatus } from '@kefu/shared/contracts';

/** A trained model, versioned; exactly one is active. `data` is the gzipped classifier. */
@Entity('nlu_models')
export class NluModel {
  @PrimaryGeneratedColumn('increment') version!: number;
  @Column({ type: 'text' }) status!: NluModelStatus;
  @Column({ type: 'bytea', nullable: true, select: false }) data!: Buffer | null;
  @Column({ type: 'text' }) dataHash!: string;
  /** Hash of the built-in data it was trained with: a release with new built-in data retrains at boot. */
  @Column({ type: 'text' }) builtinHash!: string;
  @Column({ type: 'integer' }) sizeBytes!: number;
  @Column({ type: 'integer' }) intents!: number;
  @Column({ type: 'integer' }) examples!: number;
  @Column({ type: 'integer' }) trainingMs!: number;
  @Column({ type: 'jsonb', default: {} }) metrics!: Record<
    string,
    { accuracy: number; macroF1: number; n: number }
  >;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
