import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueService } from '@kefu/api/platform/queue';
import { buildArticleIndex } from '../indexing/article-index';
import { rebuildTermStats } from '../indexing/term-stats';
import { TermStatsCache } from '../search/term-stats-cache.service';
import { SynonymsService } from '../synonyms/synonyms.service';
import { KnowledgeReindexJob } from './knowledge.jobs';

const BATCH = 500;

/**
 * Re-segments every article and recounts the term statistics. Runs after synonym edits: the
 * Chinese segmenter learns new terms as words, so stored tokens may no longer match new queries.
 * Idempotent: running it twice gives the same index.
 */
@Injectable()
export class KnowledgeReindexProcessor implements OnModuleInit {
  private readonly log = new Logger(KnowledgeReindexProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly synonyms: SynonymsService,
    private readonly termStats: TermStatsCache,
  ) {}

  onModuleInit() {
    this.queue.process(KnowledgeReindexJob, async ({ requestedAt }) => {
      // Edits in quick succession queue one job each; a re-index that started after an edit covers it.
      const [last] = (await this.db.query(`SELECT value FROM knowledge_settings WHERE key = 'reindex_started_at'`)) as { value: string }[];
      if (last && new Date(last.value).getTime() >= new Date(requestedAt).getTime()) return;
      await this.reindexAll();
    });
  }

  async reindexAll(): Promise<number> {
    await this.db.query(
      `INSERT INTO knowledge_settings (key, value) VALUES ('reindex_started_at', to_jsonb($1::text))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [new Date().toISOString()],
    );
    this.synonyms.forget();
    await this.synonyms.index();
    let lastId = 0;
    let count = 0;
    for (;;) {
      const rows = (await this.db.query(
        `SELECT id, title, questions, answer, locale FROM knowledge_articles WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [lastId],
      )) as { id: number; title: string; questions: string[]; answer: string; locale: string }[];
      if (!rows.length) break;
      await this.db.transaction(async (em) => {
        for (const r of rows) {
          const ix = buildArticleIndex(r);
          await em.query(
            `UPDATE knowledge_articles SET search_vector = $2::tsvector, search_variants = $3, search_tokens = $4 WHERE id = $1`,
            [r.id, ix.searchVector, ix.searchVariants, ix.searchTokens],
          );
        }
      });
      count += rows.length;
      lastId = rows[rows.length - 1].id;
    }
    await this.db.transaction((em) => rebuildTermStats(em));
    this.termStats.forget();
    this.log.log(`re-indexed ${count} articles`);
    return count;
  }
}
