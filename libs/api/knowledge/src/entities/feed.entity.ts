import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A URL the knowledge base syncs from on a cron schedule. */
@Entity('knowledge_feeds')
export class Feed {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text' }) format!: 'json' | 'csv';
  @Column({ type: 'text' }) schedule!: string;
  @Column({ type: 'text' }) timezone!: string;
  @Column({ type: 'text' }) locale!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) nextRunAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) lastRunId!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
