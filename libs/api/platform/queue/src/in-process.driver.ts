import { Logger } from '@nestjs/common';
import { backoffDelay, JobDefinition, JobHandler, JobOptions, ProcessOptions, resolveOptions } from './job';
import { QueueDriver } from './queue-driver';

interface Entry {
  id: string;
  name: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  opts: JobOptions;
  state: 'waiting' | 'active';
}

interface Lane {
  handler?: JobHandler<unknown>;
  concurrency: number;
  active: number;
  ready: Entry[];
  failed: number;
}

const COMPLETED_TTL_MS = 60 * 60 * 1000;
const COMPLETED_MAX = 100_000;

/**
 * Jobs run inside this process (embedded mode). Same contract as BullMQ: deterministic ids dedupe,
 * attempts and backoff apply. Jobs are not persisted; the outbox rows and sweepers bring back
 * whatever a restart dropped.
 */
export class InProcessQueueDriver implements QueueDriver {
  readonly kind = 'in-process' as const;
  private readonly log = new Logger('Queue');
  private readonly lanes = new Map<string, Lane>();
  private readonly known = new Map<string, Entry>();
  private readonly completed = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private seq = 0;

  async add<P>(job: JobDefinition<P>, payload: P, opts?: JobOptions): Promise<void> {
    if (this.closed) throw new Error('queue is closed');
    const o = resolveOptions(job, opts);
    const id = o.jobId ?? `${job.name}:${++this.seq}`;
    const key = `${job.name}|${id}`;
    if (this.known.has(key) || this.isRecentlyCompleted(key)) return;
    const entry: Entry = { id, name: job.name, payload, attempt: 0, maxAttempts: o.attempts, opts: o, state: 'waiting' };
    this.known.set(key, entry);
    this.schedule(entry, o.delay);
  }

  process<P>(job: JobDefinition<P>, handler: JobHandler<P>, opts: ProcessOptions = {}): void {
    const lane = this.lane(job.name);
    lane.handler = handler as JobHandler<unknown>;
    lane.concurrency = Math.max(1, opts.concurrency ?? 1);
    this.pump(lane);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async counts(name: string) {
    const lane = this.lane(name);
    let waiting = 0;
    for (const e of this.known.values()) if (e.name === name && e.state === 'waiting') waiting++;
    return { waiting, active: lane.active, failed: lane.failed };
  }

  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  private lane(name: string): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = { concurrency: 1, active: 0, ready: [], failed: 0 };
      this.lanes.set(name, lane);
    }
    return lane;
  }

  private schedule(entry: Entry, delay: number) {
    entry.state = 'waiting';
    if (delay <= 0) {
      this.enqueue(entry);
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.enqueue(entry);
    }, delay);
    this.timers.add(t);
  }

  private enqueue(entry: Entry) {
    const lane = this.lane(entry.name);
    lane.ready.push(entry);
    this.pump(lane);
  }

  private pump(lane: Lane) {
    while (!this.closed && lane.handler && lane.active < lane.concurrency && lane.ready.length > 0) {
      const entry = lane.ready.shift() as Entry;
      lane.active++;
      const run = this.run(lane, entry).finally(() => {
        lane.active--;
        this.running.delete(run);
        this.pump(lane);
      });
      this.running.add(run);
    }
  }

  private async run(lane: Lane, entry: Entry): Promise<void> {
    const key = `${entry.name}|${entry.id}`;
    entry.state = 'active';
    entry.attempt++;
    const attempt = entry.attempt;
    try {
      await (lane.handler as JobHandler<unknown>)(entry.payload, {
        jobId: entry.id,
        attempt,
        maxAttempts: entry.maxAttempts,
        isLastAttempt: attempt >= entry.maxAttempts,
      });
      this.known.delete(key);
      this.markCompleted(key);
    } catch (err) {
      if (attempt < entry.maxAttempts && !this.closed) {
        this.log.warn(`job ${entry.name} ${entry.id} failed (try ${attempt}/${entry.maxAttempts}): ${(err as Error).message}`);
        this.schedule(entry, backoffDelay(entry.opts.backoff, attempt));
      } else {
        this.log.error(`job ${entry.name} ${entry.id} failed for good after ${attempt} tries: ${(err as Error).message}`);
        this.known.delete(key);
        lane.failed++;
      }
    }
  }

  private isRecentlyCompleted(key: string): boolean {
    const at = this.completed.get(key);
    if (at === undefined) return false;
    if (Date.now() - at > COMPLETED_TTL_MS) {
      this.completed.delete(key);
      return false;
    }
    return true;
  }

  private markCompleted(key: string) {
    this.completed.set(key, Date.now());
    if (this.completed.size > COMPLETED_MAX) {
      const oldest = this.completed.keys().next().value as string;
      this.completed.delete(oldest);
    }
  }
}
