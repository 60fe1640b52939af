import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ArticleSource, ArticleStatus } from '@kefu/shared/contracts';

/**
 * The current state of an FAQ article. Every save also writes an immutable ArticleVersion; the
 * search_* columns are the retrieval index, rebuilt from the content on every save.
 */
@Entity('knowledge_articles')
export class Article {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' }) id!: number;
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
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) source!: ArticleSource;
  @Column({ type: 'uuid', nullable: true }) feedId!: string | null;
  /** sha256 of the content fields: an import or feed row that hashes the same changes nothing. */
  @Column({ type: 'text' }) contentHash!: string;
  @Column({ type: 'tsvector', select: false }) searchVector!: string;
  @Column({ type: 'text', array: true, select: false }) searchVariants!: string[];
  @Column({ type: 'text', array: true, select: false }) searchTokens!: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
