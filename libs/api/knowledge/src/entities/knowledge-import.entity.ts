import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportRowErrorDto, KnowledgeFileFormat, KnowledgeImportStatus } from '@kefu/shared/contracts';

export interface ImportOptions {
  locale?: string;
  status?: string;
}

/** An uploaded file being imported by the `knowledge.import` job; `payload` is dropped once done. */
@Entity('knowledge_imports')
export class KnowledgeImport {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) format!: KnowledgeFileFormat;
  @Column({ type: 'text', nullable: true }) fileName!: string | null;
  @Column({ type: 'text' }) status!: KnowledgeImportStatus;
  @Column({ type: 'jsonb', default: () => `'{}'` }) options!: ImportOptions;
  @Column({ type: 'bytea', nullable: true, select: false }) payload!: Buffer | null;
  @Column({ type: 'integer', default: 0 }) total!: number;
  @Column({ type: 'integer', default: 0 }) processed!: number;
  @Column({ type: 'integer', default: 0 }) created!: number;
  @Column({ type: 'integer', default: 0 }) updated!: number;
  @Column({ type: 'integer', default: 0 }) unchanged!: number;
  @Column({ type: 'integer', default: 0 }) failed!: number;
  @Column({ type: 'jsonb', default: () => `'[]'` }) errors!: ImportRowErrorDto[];
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
