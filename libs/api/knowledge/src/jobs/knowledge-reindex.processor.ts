import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueService } from '@kefu/api/platform/queue';
import { KnowledgeCacheBus } from '../cache/knowledge-cache-bus';
import { ExclusiveTransactions, yieldToEventLoop } from '../db/exclusive-transaction';
import { buildArticleIndex, INDEX_VERSION } from '../indexing/article-index';
import { rebuildTermStats } from '../indexing/term-stats';
import { SynonymsService } from '../synonyms/synonyms.service';
import { KnowledgeReindexJob } from './knowledge.jobs';

/** Articles re-segmented per transaction (the embedded database serves other requests between them). */
const BATCH = 200;
const INDEX_VERSION_KEY = 'index_version';

/**
 * Re-segments every article and recounts the term statistics. Runs after synonym edits (the
 * Chinese segmenter learns new terms as words, so stored tokens may no longer match new queries) and
 * once after an upgrade that changes how text is segmented (INDEX_VERSION, e.g. traditional Chinese
 * folded to simplified): at boot, an index older than the code queues it. Migrations never
 * re-segment — they cannot run the segmenter, and a big knowledge base would hold the upgrade.
 * Idempotent: running it twice gives the same index. Searches keep working meanwhile.
 */
@Injectable()
export class KnowledgeReindexProcessor implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger(KnowledgeReindexProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly synonyms: SynonymsService,
    private readonly tx: ExclusiveTransactions,
    private readonly bus: KnowledgeCacheBus,
  ) {}

  onModuleInit() {
    this.queue.process(KnowledgeReindexJob, async ({ requestedAt, indexVersion }) => {
      if (indexVersion !== undefined) {
        if ((await this.indexVersion()) >= indexVersion) return;
      } else {
        // Edits in quick succession queue one job each; a re-index that started after an edit covers it.
        const [last] = (await this.db.query(
          `SELECT value FROM knowledge_settings WHERE key = 'reindex_started_at'`,
        )) as { value: string }[];
        if (last && new Date(last.value).getTime() >= new Date(requestedAt).getTime()) return;
      }
      await this.reindexAll();
    });
  }

  /** An index written by older segmentation code is rebuilt in the background, once (the job id is per version). */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.indexVersion()) >= INDEX_VERSION) return;
    const [{ any }] = (await this.db.query(`SELECT EXISTS (SELECT 1 FROM knowledge_articles) AS any`)) as {
      any: boolean;
    }[];
    if (!any) {
      await this.setIndexVersion(); // nothing to rebuild
      return;
    }
    this.log.log(
      `the knowledge index predates index version ${INDEX_VERSION}: re-indexing the articles in the background`,
    );
    await this.queue.add(
      KnowledgeReindexJob,
      { requestedAt: new Date().toISOString(), indexVersion: INDEX_VERSION },
      { jobId: `knowledge-reindex-index-v${INDEX_VERSION}` },
    );
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
        `SELECT id, title, questions, answer, locale, content_hash FROM knowledge_articles WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [lastId],
      )) as {
        id: number;
        title: string;
        questions: string[];
        answer: string;
        locale: string;
        content_hash: string;
      }[];
      if (!rows.length) break;
      const index = rows.map((r) => {
        const ix = buildArticleIndex(r);
        return {
          id: r.id,
          h: r.content_hash,
          v: ix.searchVector,
          sv: ix.searchVariants,
          st: ix.searchTokens,
        };
      });
      // An article saved since we read it keeps the index its save wrote (the content hash differs).
      await this.tx.run((em) =>
        em.query(
          `UPDATE knowledge_articles a SET search_vector = x.v::tsvector,
             search_variants = ARRAY(SELECT jsonb_array_elements_text(x.sv)),
             search_tokens = ARRAY(SELECT jsonb_array_elements_text(x.st))
           FROM jsonb_to_recordset($1::jsonb) AS x(id integer, h text, v text, sv jsonb, st jsonb)
           WHERE a.id = x.id AND a.content_hash = x.h`,
          [JSON.stringify(index)],
        ),
      );
      count += rows.length;
      lastId = rows[rows.length - 1].id;
      await yieldToEventLoop();
    }
    await this.tx.run(async (em) => {
      await rebuildTermStats(em);
      await this.bus.changed(em, ['terms:*']);
    });
    await this.setIndexVersion();
    this.log.log(`re-indexed ${count} articles`);
    return count;
  }

  private async indexVersion(): Promise<number> {
    const [row] = (await this.db.query(`SELECT value FROM knowledge_settings WHERE key = $1`, [
      INDEX_VERSION_KEY,
    ])) as { value: unknown }[];
    return typeof row?.value === 'number' ? row.value : 1;
  }

  private async setIndexVersion(): Promise<void> {
    await this.db.query(
      `INSERT INTO knowledge_settings (key, value) VALUES ($1, to_jsonb($2::int))
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [INDEX_VERSION_KEY, INDEX_VERSION],
    );
  }
}
