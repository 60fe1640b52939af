import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArticleSource, ArticleStatus, FeedChangeDto } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { QueueService } from '@kefu/api/platform/queue';
import { ArticleWriter, contentOf } from '../articles/article-writer';
import { Feed } from '../entities/feed.entity';
import { FeedRun } from '../entities/feed-run.entity';
import { applyTermDeltas } from '../indexing/term-stats';
import { ArticleUpserter, ExistingArticle } from '../imports/article-upserter';
import { FileFormatError, parseRows } from '../imports/file-parsers';
import { KnowledgeFeedSyncJob, KnowledgeFeedSyncPayload } from '../jobs/knowledge.jobs';
import { SynonymsService } from '../synonyms/synonyms.service';
import { fetchFeed } from './feed-fetcher';
import { FeedError, nextRun, planFeedSync, validateFeedRows } from './feed-plan';

const MAX_RECORDED_CHANGES = 500;
const SCHEDULER_INTERVAL_MS = 30_000;

/**
 * Feed sync: the scheduler enqueues feeds that are due, the job fetches the feed, validates every
 * row and applies the difference in one transaction (new → created, changed → new version, gone →
 * archived). A feed that cannot be fetched or read changes nothing; its run records the error,
 * which the feed list shows as an alert.
 */
@Injectable()
export class FeedSyncService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(FeedSyncService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly upserter: ArticleUpserter,
    private readonly writer: ArticleWriter,
    private readonly synonyms: SynonymsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    if (!this.queue.process(KnowledgeFeedSyncJob, (p) => this.handle(p))) return;
    if (this.config.NODE_ENV === 'test') return; // tests call enqueueDue() themselves
    this.timer = setInterval(
      () => void this.enqueueDue().catch((e: Error) => this.log.warn(`feed scheduler: ${e.message}`)),
      SCHEDULER_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  /** Enqueues every enabled feed whose next run is due. Safe to call from several processes at once. */
  async enqueueDue(now = new Date()): Promise<number> {
    const due = (await this.db.query(
      `SELECT id, next_run_at FROM knowledge_feeds WHERE enabled AND next_run_at <= $1 ORDER BY next_run_at LIMIT 100`,
      [now],
    )) as { id: string; next_run_at: Date }[];
    for (const f of due) {
      const at = new Date(f.next_run_at);
      await this.queue.add(
        KnowledgeFeedSyncJob,
        { feedId: f.id, scheduledFor: at.toISOString() },
        { jobId: `knowledge-feed-${f.id}-${at.getTime()}` },
      );
    }
    return due.length;
  }

  async handle(p: KnowledgeFeedSyncPayload): Promise<void> {
    const run = p.runId
      ? await this.claimManual(p.runId)
      : p.scheduledFor
        ? await this.claimScheduled(p.feedId, new Date(p.scheduledFor))
        : null;
    if (!run) return;
    const feed = await this.db.getRepository(Feed).findOneBy({ id: run.feedId });
    if (!feed) return;
    try {
      const body = await fetchFeed(feed.url, {
        timeoutMs: this.config.FEED_TIMEOUT_MS,
        maxBytes: this.config.FEED_MAX_BYTES,
      });
      let contents;
      try {
        contents = validateFeedRows(parseRows(feed.format, body), feed.locale);
      } catch (e) {
        if (e instanceof FileFormatError) throw new FeedError(e.message);
        throw e;
      }
      await this.synonyms.index();
      await this.apply(feed, run, contents);
      this.log.log(`feed ${feed.id} synced: +${run.created} ~${run.updated} -${run.archived}`);
    } catch (e) {
      const message = e instanceof FeedError ? e.message : `unexpected error: ${(e as Error).message}`;
      if (!(e instanceof FeedError)) this.log.error(`feed ${feed.id} sync failed: ${(e as Error).stack}`);
      await this.db
        .getRepository(FeedRun)
        .update({ id: run.id }, { status: 'failed', error: message, finishedAt: new Date() });
    }
  }

  /** The manual run the API recorded, if it is still waiting. */
  private async claimManual(runId: string): Promise<FeedRun | null> {
    const run = await this.db.getRepository(FeedRun).findOneBy({ id: runId });
    if (!run || run.status !== 'running' || run.finishedAt) return null;
    await this.db.getRepository(Feed).update({ id: run.feedId }, { lastRunId: run.id });
    return run;
  }

  /**
   * A scheduled run, once: only if the feed is still enabled and still due at that time, and only
   * the first process to insert the (feed, due time) run wins. Moves the feed's next run on.
   */
  private async claimScheduled(feedId: string, scheduledFor: Date): Promise<FeedRun | null> {
    return this.db.transaction(async (em) => {
      const feed = await em.findOne(Feed, { where: { id: feedId }, lock: { mode: 'pessimistic_write' } });
      if (!feed || !feed.enabled || feed.nextRunAt?.getTime() !== scheduledFor.getTime()) return null;
      const inserted = (await em.query(
        `INSERT INTO knowledge_feed_runs (feed_id, trigger, scheduled_for, status) VALUES ($1, 'schedule', $2, 'running')
         ON CONFLICT (feed_id, scheduled_for) WHERE scheduled_for IS NOT NULL DO NOTHING RETURNING id`,
        [feedId, scheduledFor],
      )) as { id: string }[];
      if (!inserted.length) return null;
      await em.update(
        Feed,
        { id: feedId },
        { nextRunAt: nextRun(feed.schedule, feed.timezone, new Date()), lastRunId: inserted[0].id },
      );
      return em.findOneByOrFail(FeedRun, { id: inserted[0].id });
    });
  }

  private async apply(
    feed: Feed,
    run: FeedRun,
    contents: ReturnType<typeof validateFeedRows>,
  ): Promise<void> {
    await this.db.transaction(async (em) => {
      const byKey = await this.upserter.byKeys(
        em,
        contents.map((c) => c.externalKey as string),
      );
      const ofFeed = (await em.query(
        `SELECT id, version, status, locale, title, external_key AS "externalKey", content_hash AS "contentHash",
                feed_id AS "feedId", search_tokens AS "searchTokens"
         FROM knowledge_articles WHERE feed_id = $1 ORDER BY id FOR UPDATE`,
        [feed.id],
      )) as ExistingArticle[];
      const plan = planFeedSync(feed.id, contents, byKey, ofFeed);
      const meta = {
        authorId: null,
        source: ArticleSource.Feed,
        feedId: feed.id,
        note: `sync of feed "${feed.name}"`,
      };
      const deltas = new Map<string, number>();
      const changes: FeedChangeDto[] = [];
      for (const c of plan.create) {
        const out = await this.upserter.upsert(em, c, undefined, meta, deltas);
        changes.push({
          change: 'created',
          articleId: out.articleId,
          externalKey: c.externalKey as string,
          title: c.title,
          version: 1,
        });
      }
      for (const { content, existing } of plan.update) {
        const out = await this.upserter.upsert(em, content, existing, meta, deltas);
        changes.push({
          change: 'updated',
          articleId: existing.id,
          externalKey: content.externalKey as string,
          title: content.title,
          version: out.version,
        });
      }
      for (const { content, existing } of plan.unchanged)
        await this.upserter.upsert(em, content, existing, meta, deltas);
      for (const a of plan.archive) {
        const current = await this.writer.load(em, a.id);
        if (!current) continue;
        const version = await this.writer.update(
          em,
          current,
          { ...contentOf(current), status: ArticleStatus.Archived },
          { ...meta, keyChecked: true },
          deltas,
        );
        changes.push({
          change: 'archived',
          articleId: a.id,
          externalKey: a.externalKey ?? '',
          title: a.title,
          version,
        });
      }
      await applyTermDeltas(em, deltas);
      Object.assign(run, {
        status: 'succeeded',
        created: plan.create.length,
        updated: plan.update.length,
        archived: plan.archive.length,
        unchanged: plan.unchanged.length,
        changes: changes.slice(0, MAX_RECORDED_CHANGES),
        error: null,
        finishedAt: new Date(),
      });
      await em.update(
        FeedRun,
        { id: run.id },
        {
          status: run.status,
          created: run.created,
          updated: run.updated,
          archived: run.archived,
          unchanged: run.unchanged,
          changes: run.changes,
          error: null,
          finishedAt: run.finishedAt,
        },
      );
    });
  }
}
