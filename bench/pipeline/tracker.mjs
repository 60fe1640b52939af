// Waits for the worker to finish incoming messages, by polling PostgreSQL: one query per tick for
// every message being waited on, whatever the number of conversations.

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/*
 * The worker marks the incoming message `processed` and writes the bot's replies in one transaction,
 * so both become visible at once. The message's updated_at is that transaction's now() (its start);
 * each reply's created_at is its insert time (clock_timestamp(), the column default since the
 * dialogue engine's migration; now() before it). A message that is processed with no outgoing
 * message after it got no reply, and none will come.
 */
const DONE_SQL = `
  SELECT m.id,
         extract(epoch FROM (m.updated_at - m.created_at)) * 1000 AS processed_ms,
         r.reply_ms, r.replies
    FROM messages m
    LEFT JOIN LATERAL (
      SELECT extract(epoch FROM (min(o.created_at) - m.created_at)) * 1000 AS reply_ms, count(*)::int AS replies
        FROM messages o
       WHERE o.conversation_id = m.conversation_id AND o.direction = 'outgoing' AND o.created_at >= m.created_at
    ) r ON true
   WHERE m.id = ANY($1::uuid[]) AND m.status <> 'received'`;

export class ReplyTracker {
  /** @param db a pg.Client of its own (queries on one client run one after another) */
  constructor(db, intervalMs) {
    this.db = db;
    this.intervalMs = intervalMs;
    this.pending = new Map();
    this.polls = 0;
    this.pollMs = 0;
    this.running = false;
    this.loop = null;
  }

  start() {
    this.running = true;
    this.loop = this.run();
  }

  async stop() {
    this.running = false;
    await this.loop;
    for (const p of this.pending.values()) p.resolve({ outcome: 'timeout', seenAt: performance.now() });
    this.pending.clear();
  }

  /**
   * Resolves with { outcome: 'replied' | 'no-reply' | 'timeout', serverMs, replies, seenAt } once the
   * message is processed, or after `timeoutMs`. `serverMs`: from the incoming message's created_at to
   * its first reply's created_at (or, with no reply, to the start of the processing transaction).
   */
  wait(id, timeoutMs) {
    if (!this.running) return Promise.resolve({ outcome: 'timeout', seenAt: performance.now() });
    return new Promise((resolve) =>
      this.pending.set(id, { resolve, deadline: performance.now() + timeoutMs }),
    );
  }

  async run() {
    while (this.running) {
      if (this.pending.size) {
        const t0 = performance.now();
        let rows;
        try {
          ({ rows } = await this.db.query(DONE_SQL, [[...this.pending.keys()]]));
        } catch (e) {
          // The database is gone or broken: give up on every waiter; the scenario reports them missing.
          this.error = e;
          this.running = false;
          for (const p of this.pending.values()) p.resolve({ outcome: 'timeout', seenAt: performance.now() });
          this.pending.clear();
          break;
        }
        const seenAt = performance.now();
        this.polls++;
        this.pollMs += seenAt - t0;
        for (const row of rows) {
          const p = this.pending.get(row.id);
          if (!p) continue;
          this.pending.delete(row.id);
          const replied = row.replies > 0;
          p.resolve({
            outcome: replied ? 'replied' : 'no-reply',
            serverMs: Number(replied ? row.reply_ms : row.processed_ms),
            replies: row.replies,
            seenAt,
          });
        }
        for (const [id, p] of this.pending)
          if (seenAt > p.deadline) {
            this.pending.delete(id);
            p.resolve({ outcome: 'timeout', seenAt });
          }
      }
      await sleep(this.intervalMs);
    }
  }
}
