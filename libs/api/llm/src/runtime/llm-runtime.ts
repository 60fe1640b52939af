import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { LlmOffReason, LlmSettings, LlmSettingsDto } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import type { BreakerState } from '../client/circuit-breaker';
import { LlmClient } from '../client/llm-client';
import { LlmSettingsSnapshot, LlmSettingsStore } from '../settings/llm-settings.store';
import { PostgresUsageRecorder } from '../usage/postgres-usage-recorder';
import { BudgetAlerts } from './budget-alerts';

export type LlmPurpose = 'reply' | 'classify' | 'handoff_summary' | 'suggest';

export interface LlmScope {
  purpose: LlmPurpose;
  channel?: string | null;
  intent?: string | null;
  region?: string | null;
}

/** Why Claude is not asked for this scope: the caller takes the offline path. */
export type LlmUnavailableReason =
  | 'disabled'
  | 'no_key'
  | 'channel_off'
  | 'intent_off'
  | 'never_abroad'
  | 'feature_off'
  | 'budget'
  | 'breaker_open';

export type LlmHandle =
  | {
      ok: true;
      client: LlmClient;
      settings: LlmSettings;
      /** Mask personal data before the request leaves: false only for a region the admin allows unmasked. */
      mask: boolean;
    }
  | { ok: false; reason: LlmUnavailableReason };

/** Retries after the first attempt (429, 529, 5xx, timeouts), with backoff. */
export const LLM_MAX_RETRIES = 2;

/**
 * Whether Claude may answer a given scope right now, and the client to ask. Cheap enough for every
 * message: cached settings and spending, no network. One client is kept while the key, base URL, model,
 * timeout and budget stay the same, so its circuit breaker remembers failures across calls.
 */
@Injectable()
export class LlmRuntime {
  private readonly log = new Logger(LlmRuntime.name);
  private current: { fingerprint: string; client: LlmClient } | null = null;

  constructor(
    private readonly store: LlmSettingsStore,
    private readonly usage: PostgresUsageRecorder,
    private readonly alerts: BudgetAlerts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async settings(): Promise<LlmSettings> {
    return (await this.store.snapshot()).settings;
  }

  async resolve(scope: LlmScope): Promise<LlmHandle> {
    const snap = await this.store.snapshot();
    const s = snap.settings;
    const off = (reason: LlmUnavailableReason): LlmHandle => ({ ok: false, reason });
    if (!s.enabled) return off('disabled');
    if (!snap.apiKey) return off('no_key');
    if (scope.channel && !(s.channels as readonly string[]).includes(scope.channel))
      return off('channel_off');
    if (scope.purpose === 'reply' && scope.intent && s.disabledIntents.includes(scope.intent))
      return off('intent_off');
    const region = scope.region?.trim().toUpperCase() || null;
    if (region && s.neverAbroadRegions.includes(region)) return off('never_abroad');
    if (scope.purpose === 'classify' && !s.classificationFallback) return off('feature_off');
    if ((scope.purpose === 'suggest' || scope.purpose === 'handoff_summary') && !s.agentAssist)
      return off('feature_off');
    const client = this.clientFor(snap, snap.apiKey);
    if (client.breakerState === 'open') return off('breaker_open');
    if (await this.budgetSpent(s)) return off('budget');
    return { ok: true, client, settings: s, mask: !(region && s.unmaskedRegions.includes(region)) };
  }

  /** Claude's state for the settings page: why it is off for every scope (null: it answers). */
  async status(): Promise<LlmSettingsDto['status']> {
    const snap = await this.store.snapshot();
    const s = snap.settings;
    const client =
      snap.apiKey && this.current?.fingerprint === fingerprint(snap, snap.apiKey, this.baseURL)
        ? this.current.client
        : null;
    const breaker = client?.breakerState ?? 'closed';
    let spentTodayUsd = 0;
    let spentUnknown = false;
    try {
      spentTodayUsd = await this.usage.spentToday(new Date());
    } catch {
      spentUnknown = true;
    }
    const budgetReached = s.dailyBudgetUsd !== null && (spentUnknown || spentTodayUsd >= s.dailyBudgetUsd);
    const off: LlmOffReason = !s.enabled
      ? 'disabled'
      : !snap.apiKey
        ? 'no_key'
        : breaker === 'open'
          ? 'breaker_open'
          : budgetReached
            ? 'budget'
            : null;
    return { off, breaker, spentTodayUsd };
  }

  /** The breaker of the client Claude is asked through now ('closed' before the first call). */
  breakerState(): BreakerState {
    return this.current?.client.breakerState ?? 'closed';
  }

  /** Forget the client and its breaker: the next call builds a new one (tests; an operator's retry). */
  resetBreaker(): void {
    this.current = null;
  }

  private get baseURL(): string | undefined {
    return this.config.ANTHROPIC_BASE_URL;
  }

  /** Fails closed: when the spending cannot be read, the hard stop cannot be honoured. */
  private async budgetSpent(s: LlmSettings): Promise<boolean> {
    if (s.dailyBudgetUsd === null) return false;
    try {
      return (await this.usage.spentToday(new Date())) >= s.dailyBudgetUsd;
    } catch (err) {
      this.log.warn(
        `Claude's spending today cannot be read (${(err as Error).name}): treated as over budget`,
      );
      return true;
    }
  }

  private clientFor(snap: LlmSettingsSnapshot, apiKey: string): LlmClient {
    const fp = fingerprint(snap, apiKey, this.baseURL);
    if (this.current?.fingerprint === fp) return this.current.client;
    const s = snap.settings;
    const client = new LlmClient(
      {
        apiKey,
        ...(this.baseURL ? { baseURL: this.baseURL } : {}),
        model: s.model,
        timeoutMs: s.timeoutMs,
        maxRetries: LLM_MAX_RETRIES,
        // Default: five failed calls in a row open it; after 30 s one trial call is let through.
        breaker: {
          failureThreshold: this.config.LLM_BREAKER_FAILURES,
          cooldownMs: this.config.LLM_BREAKER_COOLDOWN_MS,
        },
        dailyBudgetUsd: s.dailyBudgetUsd,
        budgetAlertRatio: s.budgetAlertRatio,
        onBudgetAlert: (alert) => void this.alerts.raise(alert),
        logger: { warn: (message) => this.log.warn(message) },
      },
      this.usage,
    );
    this.current = { fingerprint: fp, client };
    return client;
  }
}

/** What a client is built from; a change builds a new one (and with it a new, closed breaker). */
function fingerprint(snap: LlmSettingsSnapshot, apiKey: string, baseURL: string | undefined): string {
  const s = snap.settings;
  // The key only as a hash: this string is compared, never shown, but need not hold the key either.
  const key = createHash('sha256').update(apiKey).digest('base64');
  return JSON.stringify([key, baseURL ?? null, s.model, s.timeoutMs, s.dailyBudgetUsd, s.budgetAlertRatio]);
}
