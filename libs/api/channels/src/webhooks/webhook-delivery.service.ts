import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { JobContext, QueueService } from '@kefu/api/platform/queue';
import { WebhookDeliverJob, WebhookDeliverPayload } from './webhook-deliver.job';
import { envelopeBody, WebhookEnvelope } from './webhook-events';
import { WebhookSender } from './webhook-sender';

/** TypeORM answers UPDATE … RETURNING on PostgreSQL with [rows, count]. */
export const returnedRows = <T>(raw: unknown[]): T[] =>
  Array.isArray(raw[0]) ? (raw[0] as T[]) : (raw as T[]);

/** How long a delivered webhook delivery is kept (for the counts and support questions) before it is deleted. */
export const DELIVERED_RETENTION_DAYS = 30;

interface DeliveryRow {
  id: string;
  status: string;
  event: string;
  payload: WebhookEnvelope;
  url: string;
  secret: string;
  enabled: boolean;
}

/**
 * Sends webhook deliveries: one `webhook.deliver` job per delivery row, retried with exponential backoff.
 * 2xx → `delivered`; a failure on the last try → `dead` with the error and the receiver's status, for the
 * dead-letter list. Rows still `pending` are the outbox: a sweeper re-enqueues the ones whose job was lost.
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(WebhookDeliveryService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly sender: WebhookSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.queue.process(WebhookDeliverJob, (p, ctx) => this.deliver(p, ctx), {
      concurrency: this.config.WORKER_CONCURRENCY,
    });
  }

  onApplicationBootstrap() {
    if (!this.config.runsWorker) return;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.sweep()
        .catch((e) => this.log.warn(`webhook sweep failed: ${(e as Error).message}`))
        .finally(() => (busy = false));
    }, this.config.SWEEPER_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  /** False when the queue could not be reached; the sweeper tries again. */
  async enqueue(deliveryId: string, jobId = deliveryId): Promise<boolean> {
    try {
      await this.queue.add(
        WebhookDeliverJob,
        { deliveryId },
        {
          jobId,
          attempts: this.config.WEBHOOK_MAX_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.WEBHOOK_BACKOFF_MS },
        },
      );
      return true;
    } catch (err) {
      this.log.warn(
        `webhook delivery ${deliveryId} not enqueued (${(err as Error).message}); the sweeper will retry`,
      );
      return false;
    }
  }

  /**
   * Re-enqueues pending deliveries of enabled webhooks whose job is gone: never tried and older than
   * SWEEPER_STALE_MS (same job id, so a job still waiting is not doubled), or untouched for longer than the
   * longest backoff between two tries.
   */
  async sweep(): Promise<number> {
    const c = this.config;
    const longestWait =
      c.WEBHOOK_BACKOFF_MS * 2 ** Math.max(0, c.WEBHOOK_MAX_ATTEMPTS - 2) +
      c.WEBHOOK_TIMEOUT_MS +
      c.SWEEPER_STALE_MS;
    const rows: { id: string; attempts: number }[] = await this.db.query(
      `SELECT d.id, d.attempts FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.status = 'pending' AND w.enabled
          AND d.updated_at < now() - (CASE WHEN d.attempts = 0 THEN $1 ELSE $2 END || ' milliseconds')::interval
        ORDER BY d.created_at LIMIT 500`,
      [String(Math.max(c.SWEEPER_STALE_MS, 1000)), String(longestWait)],
    );
    let n = 0;
    for (const r of rows)
      if (await this.enqueue(r.id, r.attempts === 0 ? r.id : `${r.id}:s${r.attempts}`)) n++;
    await this.prune();
    return n;
  }

  /** Deletes delivered rows (they carry message text) after DELIVERED_RETENTION_DAYS; dead ones stay until replayed. */
  async prune(): Promise<number> {
    const raw: unknown[] = await this.db.query(
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT id FROM webhook_deliveries WHERE status = 'delivered' AND delivered_at < now() - make_interval(days => $1) LIMIT 5000)
       RETURNING id`,
      [DELIVERED_RETENTION_DAYS],
    );
    return returnedRows(raw).length;
  }

  async deliver({ deliveryId }: WebhookDeliverPayload, ctx: JobContext): Promise<void> {
    const [d]: DeliveryRow[] = await this.db.query(
      `SELECT d.id, d.status, d.event, d.payload, w.url, w.secret, w.enabled
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    );
    // Gone (webhook deleted), already done, or its webhook disabled: enabling it enqueues its pending rows again.
    if (!d || d.status !== 'pending' || !d.enabled) return;
    const result = await this.sender.send(d, { id: d.id, event: d.event }, envelopeBody(d.payload));
    if (result.ok) {
      await this.db.query(
        `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, response_status = $2, last_error = NULL,
           delivered_at = now(), updated_at = now() WHERE id = $1 AND status = 'pending'`,
        [d.id, result.status],
      );
      return;
    }
    const dead = ctx.isLastAttempt;
    const raw: unknown[] = await this.db.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, response_status = $3, last_error = $4, updated_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING attempts`,
      [d.id, dead ? 'dead' : 'pending', result.status, result.error],
    );
    const attempts = returnedRows<{ attempts: number }>(raw)[0]?.attempts;
    if (!dead) throw new Error(result.error ?? 'delivery failed');
    this.log.warn(`webhook delivery ${d.id} (${d.event}) gave up after ${attempts} tries: ${result.error}`);
  }
}
