import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ArticleSource, ArticleStatus } from '@kefu/shared/contracts';

/** One immutable save of an article. Never updated; a restore writes a new version. */
@Entity('knowledge_article_versions')
export class ArticleVersion {
  @PrimaryColumn({ type: 'integer' }) articleId!: number;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'text', nullable: true }) externalKey!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) questions!: string[];
  @Column({ type: 'text', default: '' }) answer!: string;
  @Column({ type: 'text' }) locale!: string;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) regions!: string[];
  @Column({ type: 'text', array: true, default: () => `'{}'` }) productIds!: string[];
  @Column({ type: 'text', array: true, default: () => `'{}'` }) categoryIds!: string[];
  @Column({ type: 'text', array: true, default: () => `'{}'` }) tags!: string[];
  @Column({ type: 'text' }) status!: ArticleStatus;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) source!: ArticleSource;
  @Column({ type: 'integer', nullable: true }) restoredFrom!: number | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
