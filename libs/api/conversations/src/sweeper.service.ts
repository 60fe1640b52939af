import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { IngestService } from './ingest.service';

const BATCH = 500;

/**
 * Re-enqueues incoming messages left in `received` (a crash or a Redis outage between commit and
 * enqueue). The job id is the message id, so a message that is still queued is not queued twice,
 * and the processor ignores a message that was already processed.
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(SweeperService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingest: IngestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.runsWorker) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().catch((e) => (this.log.warn(`sweep failed: ${(e as Error).message}`), 0)).finally(() => (this.running = undefined));
    }, this.config.SWEEPER_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many stranded messages it enqueued. */
  async sweep(): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM messages WHERE status = 'received' AND created_at < now() - ($1 || ' milliseconds')::interval ORDER BY created_at LIMIT ${BATCH}`,
      [String(this.config.SWEEPER_STALE_MS)],
    );
    let enqueued = 0;
    for (const r of rows) if (await this.ingest.enqueue(r.id)) enqueued++;
    if (enqueued) this.log.log(`re-enqueued ${enqueued} stranded message(s)`);
    return enqueued;
  }
}
