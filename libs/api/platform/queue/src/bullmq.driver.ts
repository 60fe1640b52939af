import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis, { Redis } from 'ioredis';
import { JobDefinition, JobHandler, JobOptions, ProcessOptions, resolveOptions } from './job';
import { QueueDriver } from './queue-driver';

const KEEP_COMPLETED = { age: 3600, count: 50_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };
const ADD_TIMEOUT_MS = 2000;
const READY_WAIT_MS = 1000;

/**
 * BullMQ on Redis (server mode). Producers fail fast when Redis is unreachable (no offline queue),
 * so the caller's outbox row stays `received` and the sweeper enqueues it once Redis is back.
 */
export class BullMqQueueDriver implements QueueDriver {
  readonly kind = 'bullmq' as const;
  private readonly log = new Logger('Queue');
  private readonly producer: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly workerConnections: Redis[] = [];

  constructor(
    private readonly url: string,
    private readonly prefix: string,
  ) {
    this.producer = new IORedis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.producer.on('error', (err) => this.log.warn(`Redis (producer): ${err.message}`));
  }

  async add<P>(job: JobDefinition<P>, payload: P, opts?: JobOptions): Promise<void> {
    // BullMQ would wait for a lost connection to come back; the caller's outbox row is the retry.
    await this.ready();
    const o = resolveOptions(job, opts);
    const added = this.queue(job.name).add(job.name, payload, {
      jobId: o.jobId,
      attempts: o.attempts,
      backoff: o.backoff,
      delay: o.delay || undefined,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    added.catch(() => undefined); // may settle after the timeout below; its outcome is then moot
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`enqueue timed out after ${ADD_TIMEOUT_MS} ms`)), ADD_TIMEOUT_MS);
    });
    try {
      await Promise.race([added, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  process<P>(job: JobDefinition<P>, handler: JobHandler<P>, opts: ProcessOptions = {}): void {
    const connection = new IORedis(this.url, { maxRetriesPerRequest: null, retryStrategy: (t) => Math.min(t * 200, 2000) });
    connection.on('error', (err) => this.log.warn(`Redis (worker ${job.name}): ${err.message}`));
    this.workerConnections.push(connection);
    const worker = new Worker(
      job.name,
      async (j) => {
        const maxAttempts = j.opts.attempts ?? 1;
        const attempt = j.attemptsMade + 1;
        await handler(j.data as P, { jobId: String(j.id), attempt, maxAttempts, isLastAttempt: attempt >= maxAttempts });
      },
      { connection, prefix: this.prefix, concurrency: Math.max(1, opts.concurrency ?? 1) },
    );
    worker.on('failed', (j, err) =>
      this.log.warn(`job ${job.name} ${j?.id} failed (try ${j?.attemptsMade}/${j?.opts.attempts ?? 1}): ${err.message}`),
    );
    worker.on('error', (err) => this.log.warn(`worker ${job.name}: ${err.message}`));
    this.workers.push(worker);
  }

  /** Resolves when the producer connection is up; waits at most READY_WAIT_MS for it. */
  private async ready(): Promise<void> {
    if (this.producer.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        this.producer.off('ready', onReady);
        reject(new Error(`Redis is not connected (${this.producer.status})`));
      }, READY_WAIT_MS);
      this.producer.once('ready', onReady);
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.ready();
      return (await this.producer.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async counts(name: string) {
    const c = await this.queue(name).getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed');
    return { waiting: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, failed: c.failed ?? 0 };
  }

  async close(timeoutMs: number): Promise<void> {
    // Worker.close() waits for active jobs; past the timeout, force-close so the jobs
    // return to the queue as stalled and another worker picks them up.
    const graceful = Promise.allSettled(this.workers.map((w) => w.close()));
    const timedOut = await Promise.race([
      graceful.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref()),
    ]);
    if (timedOut) await Promise.allSettled(this.workers.map((w) => w.close(true)));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await Promise.allSettled([this.producer, ...this.workerConnections].map(closeConnection));
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.producer, prefix: this.prefix });
      q.on('error', (err) => this.log.warn(`queue ${name}: ${err.message}`));
      this.queues.set(name, q);
    }
    return q;
  }
}

/** QUIT when connected (pending replies settle); otherwise wait briefly for the handshake, then drop. */
async function closeConnection(c: Redis): Promise<void> {
  if (c.status === 'connecting' || c.status === 'connect') {
    await new Promise((r) => {
      const t = setTimeout(r, READY_WAIT_MS);
      c.once('ready', () => (clearTimeout(t), r(undefined)));
    });
  }
  if (c.status === 'ready') {
    await c.quit().catch(() => c.disconnect());
  } else {
    c.disconnect();
  }
}
