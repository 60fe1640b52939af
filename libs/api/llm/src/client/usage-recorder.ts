/**
 * Where every Claude call's usage and cost goes. The product stores it in a table (see the report /
 * README of this folder); tests and the embedded mode without a database use the in-memory one.
 */
export type UsageOutcome = 'ok' | 'error' | 'timeout' | 'breaker_open' | 'budget';

export interface UsageRecord {
  at: Date;
  /** What the call was for: 'reply', 'classify', 'handoff_summary', ... */
  purpose: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Whole call, retries and backoff included. */
  latencyMs: number;
  costUsd: number;
  outcome: UsageOutcome;
  conversationId?: string;
  /** HTTP attempts made (0 when refused before sending: breaker open, budget spent). */
  attempts?: number;
}

export interface UsageRecorder {
  record(r: UsageRecord): Promise<void>;
  /** Sum of `costUsd` recorded on the same calendar day as `now`. */
  spentToday(now: Date): Promise<number>;
}

/** The calendar day of `at` in `timeZone`, as YYYY-MM-DD. */
export function dayKey(at: Date, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export class InMemoryUsageRecorder implements UsageRecorder {
  readonly records: UsageRecord[] = [];

  /** @param timeZone the shop's time zone: the budget day starts at its midnight. */
  constructor(private readonly timeZone = 'UTC') {}

  async record(r: UsageRecord): Promise<void> {
    this.records.push({ ...r });
  }

  async spentToday(now: Date): Promise<number> {
    const today = dayKey(now, this.timeZone);
    return this.records
      .filter((r) => dayKey(r.at, this.timeZone) === today)
      .reduce((sum, r) => sum + r.costUsd, 0);
  }
}
