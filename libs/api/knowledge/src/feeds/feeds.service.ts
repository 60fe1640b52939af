import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  createFeedSchema,
  KnowledgeFeedDto,
  KnowledgeFeedRunDto,
  updateFeedSchema,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { QueueService } from '@kefu/api/platform/queue';
import { Feed } from '../entities/feed.entity';
import { FeedRun } from '../entities/feed-run.entity';
import { KnowledgeFeedSyncJob } from '../jobs/knowledge.jobs';
import { isUuid } from '../util';
import { checkSchedule, nextRun } from './feed-plan';

export function toFeedRunDto(r: FeedRun): KnowledgeFeedRunDto {
  return {
    id: r.id,
    feedId: r.feedId,
    trigger: r.trigger,
    status: r.status,
    created: r.created,
    updated: r.updated,
    archived: r.archived,
    unchanged: r.unchanged,
    changes: r.changes,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export function toFeedDto(f: Feed, lastRun: FeedRun | null): KnowledgeFeedDto {
  return {
    id: f.id,
    name: f.name,
    url: f.url,
    format: f.format,
    schedule: f.schedule,
    timezone: f.timezone,
    locale: f.locale,
    enabled: f.enabled,
    nextRunAt: f.nextRunAt?.toISOString() ?? null,
    lastRun: lastRun ? toFeedRunDto(lastRun) : null,
    alert: lastRun?.status === 'failed' ? `last sync failed: ${lastRun.error ?? 'unknown error'}` : null,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

/** Feed registrations, their runs, and "sync now". The sync itself is FeedSyncService. */
@Injectable()
export class FeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
  ) {}

  async list(): Promise<KnowledgeFeedDto[]> {
    const feeds = await this.db.getRepository(Feed).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    const runIds = feeds.flatMap((f) => (f.lastRunId ? [f.lastRunId] : []));
    const runs = runIds.length ? await this.db.getRepository(FeedRun).findBy({ id: In(runIds) }) : [];
    const byId = new Map(runs.map((r) => [r.id, r]));
    return feeds.map((f) => toFeedDto(f, (f.lastRunId && byId.get(f.lastRunId)) || null));
  }

  async get(id: string): Promise<KnowledgeFeedDto> {
    const f = await this.find(id);
    const last = f.lastRunId ? await this.db.getRepository(FeedRun).findOneBy({ id: f.lastRunId }) : null;
    return toFeedDto(f, last);
  }

  async create(body: unknown, userId: string | null): Promise<KnowledgeFeedDto> {
    const input = parseWith(createFeedSchema, body);
    this.assertSchedule(input.schedule, input.timezone);
    const saved = await this.db.getRepository(Feed).save({
      ...input,
      nextRunAt: input.enabled ? nextRun(input.schedule, input.timezone, new Date()) : null,
      createdBy: userId,
    });
    return this.get(saved.id);
  }

  async update(id: string, body: unknown): Promise<KnowledgeFeedDto> {
    const input = parseWith(updateFeedSchema, body);
    const f = await this.find(id);
    Object.assign(f, input);
    this.assertSchedule(f.schedule, f.timezone);
    f.nextRunAt = f.enabled ? nextRun(f.schedule, f.timezone, new Date()) : null;
    await this.db.getRepository(Feed).save(f);
    return this.get(id);
  }

  /** Deletes the feed and its runs; its articles stay (no longer synced). */
  async remove(id: string): Promise<void> {
    const f = await this.find(id);
    await this.db.getRepository(Feed).delete({ id: f.id });
  }

  async runs(id: string, limit = 20): Promise<KnowledgeFeedRunDto[]> {
    const f = await this.find(id);
    const rows = await this.db
      .getRepository(FeedRun)
      .find({
        where: { feedId: f.id },
        order: { startedAt: 'DESC', id: 'DESC' },
        take: Math.min(100, limit),
      });
    return rows.map(toFeedRunDto);
  }

  /** Starts a sync now: the run is recorded at once (status running) and the job fills it in. */
  async runNow(id: string): Promise<KnowledgeFeedRunDto> {
    const f = await this.find(id);
    const run = await this.db
      .getRepository(FeedRun)
      .save({ feedId: f.id, trigger: 'manual', status: 'running', scheduledFor: null } as Partial<FeedRun>);
    await this.queue.add(
      KnowledgeFeedSyncJob,
      { feedId: f.id, scheduledFor: null, runId: run.id },
      { jobId: `knowledge-feed-run-${run.id}` },
    );
    return toFeedRunDto(run);
  }

  private async find(id: string): Promise<Feed> {
    const f = isUuid(id) ? await this.db.getRepository(Feed).findOneBy({ id }) : null;
    if (!f) throw new NotFoundException(`feed ${id} does not exist`);
    return f;
  }

  private assertSchedule(schedule: string, timezone: string) {
    const problem = checkSchedule(schedule, timezone);
    if (problem) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `invalid body: ${problem}`,
        issues: [{ path: 'schedule', message: problem }],
      });
    }
  }
}
