import { Inject, Injectable } from '@nestjs/common';
import { APIError } from '@anthropic-ai/sdk';
import type { LlmKeyTestDto } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { LlmClient } from '../client/llm-client';
import { LlmUnavailableError } from '../client/llm-unavailable.error';
import { PostgresUsageRecorder } from '../usage/postgres-usage-recorder';
import { LlmSettingsStore } from './llm-settings.store';

/** The test call's own limit: long enough for a slow day, short enough for a button. */
const TEST_TIMEOUT_MS = 20_000;

/**
 * "Does the key work?": one tiny real call (`max_tokens: 1`) with the key Claude would use and the
 * configured model. A client of its own, so an open breaker or a spent budget does not hide the answer
 * and the test does not count against the breaker; its cost is recorded under purpose 'test'.
 */
@Injectable()
export class LlmKeyTester {
  constructor(
    private readonly store: LlmSettingsStore,
    private readonly usage: PostgresUsageRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async test(): Promise<LlmKeyTestDto> {
    const snap = await this.store.snapshot();
    const model = snap.settings.model;
    if (!snap.apiKey) {
      return {
        ok: false,
        model,
        latencyMs: 0,
        error: snap.keySet
          ? 'the saved key cannot be decrypted (the server secret changed): save the key again'
          : 'no API key: save one here or set ANTHROPIC_API_KEY',
      };
    }
    const client = new LlmClient(
      {
        apiKey: snap.apiKey,
        ...(this.config.ANTHROPIC_BASE_URL ? { baseURL: this.config.ANTHROPIC_BASE_URL } : {}),
        model,
        timeoutMs: Math.max(TEST_TIMEOUT_MS, snap.settings.timeoutMs),
        maxRetries: 0,
        breaker: { failureThreshold: 1, cooldownMs: 0 },
        dailyBudgetUsd: null,
      },
      this.usage,
    );
    const started = performance.now();
    try {
      await client.create(
        { max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] },
        { purpose: 'test' },
      );
      return { ok: true, model, latencyMs: Math.round(performance.now() - started) };
    } catch (err) {
      return {
        ok: false,
        model,
        latencyMs: Math.round(performance.now() - started),
        error: describe(err, snap.apiKey),
      };
    }
  }
}

/** The API's own words when it answered (e.g. "invalid x-api-key"), else what went wrong; never the key. */
function describe(err: unknown, apiKey: string): string {
  const cause = err instanceof LlmUnavailableError ? err.cause : err;
  let text: string;
  if (cause instanceof APIError) {
    const body = cause.error as { error?: { type?: string; message?: string } } | undefined;
    const said = body?.error?.message;
    text = [cause.status, body?.error?.type, said].filter((p) => p !== undefined && p !== '').join(' ');
    if (!said) text = `${text} ${cause.message}`.trim();
  } else if (err instanceof LlmUnavailableError && err.reason === 'timeout') {
    text = 'no answer in time (timeout)';
  } else {
    text = err instanceof Error ? err.message : String(err);
  }
  // An echoed key (some proxies do) is cut out whatever the source.
  return text.split(apiKey).join('[key]').slice(0, 500);
}
