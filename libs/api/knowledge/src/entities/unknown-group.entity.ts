import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UnknownGroupStatus } from '@kefu/shared/contracts';

/** Similar questions the bot could not answer. Holds no shopper text itself: that lives in the questions. */
@Entity('knowledge_unknown_groups')
export class UnknownGroup {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', default: 'open' }) status!: UnknownGroupStatus;
  @Column({ type: 'text' }) language!: string;
  @Column({ type: 'integer', default: 0 }) count!: number;
  @Column({ type: 'text', nullable: true }) intent!: string | null;
  @Column({ type: 'integer', nullable: true }) articleId!: number | null;
  @Column({ type: 'uuid', nullable: true }) resolvedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'timestamptz' }) firstSeenAt!: Date;
  @Column({ type: 'timestamptz' }) lastSeenAt!: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
