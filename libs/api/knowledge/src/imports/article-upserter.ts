import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ArticleWriter, LoadedArticle, WriteMeta } from '../articles/article-writer';
import { ArticleContent, contentHash } from '../indexing/article-index';
import { titleKey } from './row-validation';

/** An existing article as bulk writers see it. */
export interface ExistingArticle extends LoadedArticle {
  title: string;
  externalKey: string | null;
  contentHash: string;
  feedId: string | null;
}

export type UpsertOutcome = { kind: 'created' | 'updated' | 'unchanged'; articleId: number; version: number };

const COLUMNS = `id, version, status, locale, title, external_key AS "externalKey", content_hash AS "contentHash",
  feed_id AS "feedId", search_tokens AS "searchTokens"`;

/** Bulk writes for imports and feeds: find a batch's existing articles at once, then create, update or skip each. */
@Injectable()
export class ArticleUpserter {
  constructor(private readonly writer: ArticleWriter) {}

  /** Existing articles with these external keys, locked for the transaction. */
  async byKeys(em: EntityManager, keys: string[]): Promise<Map<string, ExistingArticle>> {
    if (!keys.length) return new Map();
    const rows = (await em.query(
      `SELECT ${COLUMNS} FROM knowledge_articles WHERE external_key = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [keys],
    )) as ExistingArticle[];
    return new Map(rows.map((r) => [r.externalKey as string, r]));
  }

  /** Existing articles by locale and title (case-insensitive), for rows without an external key. */
  async byTitles(
    em: EntityManager,
    items: { locale: string; title: string }[],
  ): Promise<Map<string, ExistingArticle>> {
    if (!items.length) return new Map();
    const rows = (await em.query(
      `SELECT ${COLUMNS} FROM knowledge_articles
       WHERE (locale, lower(title)) IN (SELECT l, lower(t) FROM unnest($1::text[], $2::text[]) AS x(l, t))
       ORDER BY id`,
      [items.map((i) => i.locale), items.map((i) => i.title.trim())],
    )) as ExistingArticle[];
    const out = new Map<string, ExistingArticle>();
    for (const r of rows) if (!out.has(titleKey(r.locale, r.title))) out.set(titleKey(r.locale, r.title), r);
    return out;
  }

  /** Creates, updates (a new version) or leaves the article when its content is the same. */
  async upsert(
    em: EntityManager,
    content: ArticleContent,
    existing: ExistingArticle | undefined,
    meta: WriteMeta,
    deltas: Map<string, number>,
  ): Promise<UpsertOutcome> {
    if (!existing) {
      const id = await this.writer.create(em, content, { ...meta, keyChecked: true }, deltas);
      return { kind: 'created', articleId: id, version: 1 };
    }
    if (existing.contentHash === contentHash(content)) {
      if (meta.feedId !== undefined && existing.feedId !== meta.feedId) {
        await em.query(`UPDATE knowledge_articles SET feed_id = $2 WHERE id = $1`, [
          existing.id,
          meta.feedId,
        ]);
      }
      return { kind: 'unchanged', articleId: existing.id, version: existing.version };
    }
    const version = await this.writer.update(em, existing, content, { ...meta, keyChecked: true }, deltas);
    return { kind: 'updated', articleId: existing.id, version };
  }
}
