import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { isUuid } from '@kefu/api/platform/http';
import { dayKey, UsageRecord, UsageRecorder } from '../client/usage-recorder';

/** How long the day's sum read from the database is reused (plus what this process recorded since). */
export const SPENT_CACHE_MS = 5000;

interface SpentCache {
  /** The shop's calendar day the sum belongs to. */
  day: string;
  readAt: number;
  sum: Promise<number>;
  /** Cost this process recorded since the sum was read. */
  local: number;
}

/**
 * Every Claude call's usage in `llm_usage`, and the day's spending for the budget. The budget is checked
 * before each call, so the day's sum is read at most every five seconds and this process's own calls
 * since are added to it; other processes' calls show up at the next read. A record that cannot be
 * stored is logged and dropped: a call is never failed for its bookkeeping.
 */
@Injectable()
export class PostgresUsageRecorder implements UsageRecorder {
  private readonly log = new Logger(PostgresUsageRecorder.name);
  private readonly timeZone: string;
  private cache: SpentCache | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.timeZone = config.SHOP_TIMEZONE;
  }

  async record(r: UsageRecord): Promise<void> {
    // Counted at once for the budget, even if the row below cannot be written: the money was spent.
    if (this.cache && this.cache.day === dayKey(r.at, this.timeZone)) this.cache.local += r.costUsd;
    try {
      await this.db.query(
        `INSERT INTO llm_usage (at, purpose, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                                latency_ms, cost_usd, outcome, attempts, conversation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          r.at,
          r.purpose,
          r.model,
          r.inputTokens,
          r.outputTokens,
          r.cacheReadTokens,
          r.cacheWriteTokens,
          Math.max(0, Math.round(r.latencyMs)),
          r.costUsd,
          r.outcome,
          r.attempts ?? 0,
          r.conversationId && isUuid(r.conversationId) ? r.conversationId : null,
        ],
      );
    } catch (err) {
      const code = (err as { code?: string }).code;
      this.log.warn(`a Claude usage record was not stored (${(err as Error).name}${code ? ` ${code}` : ''})`);
    }
  }

  /** USD spent since the shop's local midnight of `now`'s day. Rejects when the database cannot say. */
  async spentToday(now: Date): Promise<number> {
    const day = dayKey(now, this.timeZone);
    const cached = this.cache;
    if (!cached || cached.day !== day || Date.now() - cached.readAt >= SPENT_CACHE_MS) {
      const entry: SpentCache = { day, readAt: Date.now(), sum: this.readSpent(now), local: 0 };
      this.cache = entry;
      entry.sum.catch(() => {
        if (this.cache === entry) this.cache = null;
      });
    }
    const entry = this.cache as SpentCache;
    return round6((await entry.sum) + entry.local);
  }

  /** Read the sum again at the next `spentToday` (tests, and after rows were written elsewhere). */
  forget(): void {
    this.cache = null;
  }

  private async readSpent(now: Date): Promise<number> {
    const rows: { spent: number | string }[] = await this.db.query(
      `SELECT COALESCE(sum(cost_usd), 0)::float8 AS spent FROM llm_usage
        WHERE at >= (date_trunc('day', $1::timestamptz AT TIME ZONE $2) AT TIME ZONE $2)
          AND at < ((date_trunc('day', $1::timestamptz AT TIME ZONE $2) + interval '1 day') AT TIME ZONE $2)`,
      [now, this.timeZone],
    );
    return Number(rows[0]?.spent ?? 0);
  }
}

const round6 = (n: number) => Math.round(n * 1_000_000) / 1_000_000;
