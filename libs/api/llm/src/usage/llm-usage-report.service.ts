import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LlmUsageDay, LlmUsagePurpose, LlmUsageReportDto, llmUsageQuerySchema } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { parseWith } from '@kefu/api/platform/http';
import { dayKey } from '../client/usage-recorder';
import { LlmSettingsStore } from '../settings/llm-settings.store';

interface DayRow {
  day: string;
  calls: number;
  failed: number;
  input_tokens: string;
  output_tokens: string;
  cache_read_tokens: string;
  cache_write_tokens: string;
  cost_usd: number;
  median_latency_ms: number | null;
}

/**
 * Claude's usage and cost per day of the shop's calendar (days without a call included, so a chart has
 * no gaps), per purpose, and in total with the prompt cache's hit ratio. Reads the `at` index by range.
 */
@Injectable()
export class LlmUsageReportService {
  private readonly timeZone: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: LlmSettingsStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.timeZone = config.SHOP_TIMEZONE;
  }

  async report(query: unknown, now = new Date()): Promise<LlmUsageReportDto> {
    const { days } = parseWith(llmUsageQuerySchema, query ?? {}, 'query');
    const to = dayKey(now, this.timeZone);
    const from = addDays(to, -(days - 1));
    const tz = this.timeZone;
    const range = `u.at >= ($1::date::timestamp AT TIME ZONE $3) AND u.at < (($2::date + 1)::timestamp AT TIME ZONE $3)`;
    const rows: DayRow[] = await this.db.query(
      `WITH per_day AS (
         SELECT (u.at AT TIME ZONE $3)::date AS day,
                count(*)::int AS calls,
                (count(*) FILTER (WHERE u.outcome <> 'ok'))::int AS failed,
                sum(u.input_tokens)::bigint AS input_tokens,
                sum(u.output_tokens)::bigint AS output_tokens,
                sum(u.cache_read_tokens)::bigint AS cache_read_tokens,
                sum(u.cache_write_tokens)::bigint AS cache_write_tokens,
                sum(u.cost_usd)::float8 AS cost_usd,
                (percentile_cont(0.5) WITHIN GROUP (ORDER BY u.latency_ms) FILTER (WHERE u.outcome = 'ok'))::float8 AS median_latency_ms
           FROM llm_usage u
          WHERE ${range}
          GROUP BY 1
       )
       SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
              COALESCE(p.calls, 0) AS calls, COALESCE(p.failed, 0) AS failed,
              COALESCE(p.input_tokens, 0) AS input_tokens, COALESCE(p.output_tokens, 0) AS output_tokens,
              COALESCE(p.cache_read_tokens, 0) AS cache_read_tokens, COALESCE(p.cache_write_tokens, 0) AS cache_write_tokens,
              COALESCE(p.cost_usd, 0) AS cost_usd, p.median_latency_ms
         FROM generate_series($1::date, $2::date, interval '1 day') AS d(day)
         LEFT JOIN per_day p ON p.day = d.day::date
        ORDER BY d.day`,
      [from, to, tz],
    );
    const purposes: { purpose: string; calls: number; cost_usd: number }[] = await this.db.query(
      `SELECT u.purpose, count(*)::int AS calls, sum(u.cost_usd)::float8 AS cost_usd
         FROM llm_usage u WHERE ${range}
        GROUP BY u.purpose ORDER BY cost_usd DESC, u.purpose`,
      [from, to, tz],
    );

    const dayDtos: LlmUsageDay[] = rows.map((r) => ({
      day: r.day,
      calls: Number(r.calls),
      failed: Number(r.failed),
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
      cacheReadTokens: Number(r.cache_read_tokens),
      cacheWriteTokens: Number(r.cache_write_tokens),
      costUsd: round6(Number(r.cost_usd)),
      medianLatencyMs: r.median_latency_ms === null ? null : Math.round(Number(r.median_latency_ms)),
    }));
    const sum = (
      k:
        | 'calls'
        | 'failed'
        | 'inputTokens'
        | 'outputTokens'
        | 'cacheReadTokens'
        | 'cacheWriteTokens'
        | 'costUsd',
    ) => dayDtos.reduce((n, d) => n + d[k], 0);
    const input = sum('inputTokens');
    const cacheRead = sum('cacheReadTokens');
    const byPurpose: LlmUsagePurpose[] = purposes.map((p) => ({
      purpose: p.purpose,
      calls: Number(p.calls),
      costUsd: round6(Number(p.cost_usd)),
    }));
    return {
      from,
      to,
      timezone: tz,
      days: dayDtos,
      byPurpose,
      totals: {
        calls: sum('calls'),
        failed: sum('failed'),
        inputTokens: input,
        outputTokens: sum('outputTokens'),
        cacheReadTokens: cacheRead,
        cacheWriteTokens: sum('cacheWriteTokens'),
        costUsd: round6(sum('costUsd')),
        // Of the prompt tokens that could have come from the cache, the share that did.
        cacheHitRatio:
          cacheRead + input > 0 ? Math.round((cacheRead / (cacheRead + input)) * 10_000) / 10_000 : 0,
      },
      dailyBudgetUsd: (await this.store.snapshot()).settings.dailyBudgetUsd,
    };
  }
}

/** YYYY-MM-DD plus n calendar days (date arithmetic only; no time zone involved). */
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const round6 = (n: number) => Math.round(n * 1_000_000) / 1_000_000;
