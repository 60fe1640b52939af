import { ConflictException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArticleSource, ArticleStatus } from '@kefu/shared/contracts';
import { Article } from '../entities/article.entity';
import { ArticleVersion } from '../entities/article-version.entity';
import {
  ArticleContent,
  buildArticleIndex,
  CONTENT_FIELDS,
  contentHash,
  termsOfStoredTokens,
} from '../indexing/article-index';
import { applyTermDeltas, mergeDeltas, TermContribution, termDeltas } from '../indexing/term-stats';
import { KnowledgeCacheBus } from '../cache/knowledge-cache-bus';

export interface WriteMeta {
  authorId: string | null;
  source: ArticleSource;
  feedId?: string | null;
  note?: string | null;
  restoredFrom?: number | null;
  /** The caller already knows the external key is free (bulk imports check a whole batch at once). */
  keyChecked?: boolean;
}

/** What a write needs to know about the current row: its stored tokens correct the term statistics. */
export type LoadedArticle = Pick<Article, 'id' | 'version' | 'status' | 'locale'> & {
  searchTokens: string[];
};

/**
 * The one place articles are written. Every write, whoever makes it (the editor, an import, a feed,
 * a restore), saves a new immutable version, rebuilds the retrieval index of the row and corrects
 * the document frequencies, all inside the caller's transaction.
 *
 * `deltas`: pass a map to collect term-statistics changes and apply them once for a batch
 * (applyTermDeltas); without it they are applied at once.
 */
@Injectable()
export class ArticleWriter {
  constructor(private readonly bus: KnowledgeCacheBus) {}

  /** Inserts an article and its version 1; returns the new id. */
  async create(
    em: EntityManager,
    content: ArticleContent,
    meta: WriteMeta,
    deltas?: Map<string, number>,
  ): Promise<number> {
    if (!meta.keyChecked) await this.assertKeyFree(em, content.externalKey, null);
    const index = buildArticleIndex(content);
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(Article)
      .values({
        ...pick(content),
        version: 1,
        authorId: meta.authorId,
        source: meta.source,
        feedId: meta.feedId ?? null,
        contentHash: contentHash(content),
        searchVector: index.searchVector,
        searchVariants: index.searchVariants,
        searchTokens: index.searchTokens,
      } as Partial<Article>)
      .returning(['id'])
      .updateEntity(false)
      .execute();
    const id = (inserted.raw as { id: number }[])[0].id;
    await this.writeVersion(em, id, 1, content, meta);
    await this.terms(em, null, contribution(content, index.terms), deltas);
    return id;
  }

  /** The article locked for update, with its stored tokens; null when it does not exist. */
  async load(em: EntityManager, id: number): Promise<(Article & LoadedArticle) | null> {
    return (await em
      .createQueryBuilder(Article, 'a')
      .addSelect('a.searchTokens')
      .where('a.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne()) as (Article & LoadedArticle) | null;
  }

  /** Saves `content` as the next version of `current`; returns the new version number. */
  async update(
    em: EntityManager,
    current: LoadedArticle,
    content: ArticleContent,
    meta: WriteMeta,
    deltas?: Map<string, number>,
  ): Promise<number> {
    if (!meta.keyChecked) await this.assertKeyFree(em, content.externalKey, current.id);
    const index = buildArticleIndex(content);
    const version = current.version + 1;
    await em
      .createQueryBuilder()
      .update(Article)
      .set({
        ...pick(content),
        version,
        authorId: meta.authorId,
        source: meta.source,
        ...(meta.feedId !== undefined ? { feedId: meta.feedId } : {}),
        contentHash: contentHash(content),
        searchVector: index.searchVector,
        searchVariants: index.searchVariants,
        searchTokens: index.searchTokens,
        updatedAt: () => 'now()',
      } as unknown as Partial<Article>)
      .where('id = :id', { id: current.id })
      .execute();
    await this.writeVersion(em, current.id, version, content, meta);
    const before =
      current.status === ArticleStatus.Published
        ? { locale: current.locale, terms: termsOfStoredTokens(current.searchTokens) }
        : null;
    await this.terms(em, before, contribution(content, index.terms), deltas);
    return version;
  }

  async remove(em: EntityManager, current: LoadedArticle): Promise<void> {
    await em.delete(Article, { id: current.id });
    if (current.status === ArticleStatus.Published) {
      await this.terms(
        em,
        { locale: current.locale, terms: termsOfStoredTokens(current.searchTokens) },
        null,
      );
    }
  }

  private async writeVersion(
    em: EntityManager,
    articleId: number,
    version: number,
    c: ArticleContent,
    meta: WriteMeta,
  ) {
    await em.insert(ArticleVersion, {
      articleId,
      version,
      ...pick(c),
      authorId: meta.authorId,
      source: meta.source,
      restoredFrom: meta.restoredFrom ?? null,
      note: meta.note ?? null,
    } as Partial<ArticleVersion>);
  }

  private async terms(
    em: EntityManager,
    before: TermContribution | null,
    after: TermContribution | null,
    into?: Map<string, number>,
  ) {
    const d = termDeltas(before, after);
    if (into) mergeDeltas(into, d);
    else await applyTermDeltas(em, d);
    // Every process drops the locale's cached document frequencies once this transaction commits.
    const locales = new Set([before?.locale, after?.locale].filter((l): l is string => !!l));
    if (locales.size)
      await this.bus.changed(
        em,
        [...locales].map((l) => `terms:${l}`),
      );
  }

  private async assertKeyFree(em: EntityManager, key: string | null, selfId: number | null) {
    if (!key) return;
    const [row] = (await em.query(`SELECT id FROM knowledge_articles WHERE external_key = $1`, [key])) as {
      id: number;
    }[];
    if (row && row.id !== selfId)
      throw new ConflictException(`externalKey "${key}" is already used by article ${row.id}`);
  }
}

function contribution(c: ArticleContent, terms: string[]): TermContribution | null {
  return c.status === ArticleStatus.Published ? { locale: c.locale, terms } : null;
}

function pick(c: ArticleContent): ArticleContent {
  const out = {} as Record<string, unknown>;
  for (const f of CONTENT_FIELDS) out[f] = c[f];
  return out as unknown as ArticleContent;
}

/** An article's content as the writer takes it. */
export function contentOf(a: ArticleContent): ArticleContent {
  return pick(a);
}
