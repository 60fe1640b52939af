import Anthropic, { APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';

import { BreakerState, CircuitBreaker, CircuitBreakerOptions } from './circuit-breaker';
import { costUsd, TokenUsage } from './cost';
import { LlmUnavailableError } from './llm-unavailable.error';
import { BackoffOptions, backoffMs, errorType, isRetryable, retryAfterMs } from './retry-policy';
import { UsageOutcome, UsageRecorder } from './usage-recorder';

export interface BudgetAlert {
  level: 'warning' | 'exhausted';
  spentUsd: number;
  budgetUsd: number;
}

export interface LlmClientOptions {
  /** Empty: Claude is off and every call fails with reason 'disabled' (nothing is sent). */
  apiKey: string;
  /** Default https://api.anthropic.com (set explicitly so no environment variable can redirect it). */
  baseURL?: string;
  /** The model used when a call does not name one. */
  model: string;
  /** Per attempt: the whole call for `create`, the longest silence between events for `stream`. */
  timeoutMs: number;
  /** Retries after the first attempt (429, 529, 5xx, connection errors, timeouts). */
  maxRetries: number;
  breaker: CircuitBreakerOptions;
  /** USD per day; null: no limit. */
  dailyBudgetUsd: number | null;
  now?: () => Date;
  /** Backoff between retries; default base 500 ms, max 8 s. */
  backoff?: Partial<BackoffOptions>;
  /** Share of the budget that raises the 'warning' alert; default 0.8. */
  budgetAlertRatio?: number;
  /** Called once when the day's spending crosses the warning ratio and once when it reaches the budget. */
  onBudgetAlert?: (alert: BudgetAlert) => void;
  /** Told when the usage store fails (the call itself is not failed for it). Error names only, no content. */
  logger?: { warn(message: string): void };
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface LlmCallMeta {
  /** What the call is for ('reply', 'classify', 'handoff_summary', ...), recorded with its usage. */
  purpose: string;
  conversationId?: string;
}

/** Extra listeners of a streamed call. */
export interface StreamHandlers {
  /**
   * A tool call's input as the JSON text received so far (incomplete). Return true once something was
   * shown to the shopper from it: the call is then not retried (it would show it twice).
   */
  onToolInput?: (toolName: string, partialJson: string) => boolean;
}

export type LlmCreateParams = Omit<Anthropic.MessageCreateParamsNonStreaming, 'model'> & { model?: string };
export type LlmStreamParams = Omit<Anthropic.MessageStreamParams, 'model' | 'stream'> & { model?: string };

interface Attempt {
  signal: AbortSignal;
  /** Push the attempt's deadline back (streaming: an event arrived). */
  touch(): void;
}

/** What an attempt leaves behind when it fails. */
interface AttemptState {
  /** Output already handed to the caller: a retry would repeat it. */
  delivered: boolean;
  /** Usage known so far (a stream that failed after message_start). */
  partialUsage?: Anthropic.Usage;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 8000 };

/**
 * The one way Kefu talks to Claude: the SDK with its own retries off, wrapped in our retries with backoff,
 * a deadline per attempt, a circuit breaker, a daily budget and a usage record for every call. Any failure
 * surfaces as `LlmUnavailableError`, which callers answer with the offline path.
 */
export class LlmClient {
  private readonly sdk: Anthropic | null;
  private readonly breaker: CircuitBreaker;
  private readonly now: () => Date;
  private readonly backoff: BackoffOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly opts: LlmClientOptions,
    private readonly usage: UsageRecorder,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.breaker = new CircuitBreaker(opts.breaker, this.now);
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = opts.random ?? Math.random;
    this.sdk = opts.apiKey
      ? new Anthropic({
          apiKey: opts.apiKey,
          baseURL: opts.baseURL ?? 'https://api.anthropic.com',
          timeout: opts.timeoutMs,
          maxRetries: 0,
          // Debug logging would print prompts (personal data); never below 'warn', whatever the environment says.
          logLevel: 'warn',
        })
      : null;
  }

  get enabled(): boolean {
    return this.sdk !== null;
  }

  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  /** One Messages API call with retries (429/529/5xx, backoff), timeout, breaker, budget; records usage. */
  create(params: LlmCreateParams, meta: LlmCallMeta): Promise<Anthropic.Message> {
    const body = { ...params, model: params.model ?? this.opts.model, stream: false as const };
    return this.guarded(body.model, meta, (sdk, attempt) =>
      sdk.messages.create(body, { signal: attempt.signal, timeout: this.opts.timeoutMs, maxRetries: 0 }),
    );
  }

  /** Streaming: hands text deltas to `onText` in order, resolves the final message; same guards. */
  stream(
    params: LlmStreamParams,
    meta: LlmCallMeta,
    onText: (delta: string) => void,
    handlers: StreamHandlers = {},
  ): Promise<Anthropic.Message> {
    const body = { ...params, model: params.model ?? this.opts.model };
    return this.guarded(body.model, meta, async (sdk, attempt, state) => {
      const s = sdk.messages.stream(body, {
        signal: attempt.signal,
        timeout: this.opts.timeoutMs,
        maxRetries: 0,
      });
      s.on('streamEvent', (_event, snapshot) => {
        attempt.touch();
        state.partialUsage = snapshot.usage;
      });
      s.on('text', (delta) => {
        state.delivered = true;
        onText(delta);
      });
      if (handlers.onToolInput) {
        const onToolInput = handlers.onToolInput;
        // The SDK's snapshot drops a string still being written; callers get the raw JSON so far instead.
        let raw = '';
        let blockIndex = -1;
        s.on('inputJson', (partial) => {
          const content = s.currentMessage?.content ?? [];
          const block = content.at(-1);
          if (block?.type !== 'tool_use') return;
          if (content.length - 1 !== blockIndex) {
            blockIndex = content.length - 1;
            raw = '';
          }
          raw += partial;
          // Once a caller has shown part of a tool's input to someone, a retry would show it twice.
          if (onToolInput(block.name, raw)) state.delivered = true;
        });
      }
      return s.finalMessage();
    });
  }

  private async guarded(
    model: string,
    meta: LlmCallMeta,
    send: (sdk: Anthropic, attempt: Attempt, state: AttemptState) => Promise<Anthropic.Message>,
  ): Promise<Anthropic.Message> {
    if (!this.sdk) throw new LlmUnavailableError('disabled');
    const at = this.now();
    const started = performance.now();
    const record = (outcome: UsageOutcome, attempts: number, used?: Anthropic.Usage, usedModel = model) =>
      this.record({
        at,
        meta,
        model: usedModel,
        outcome,
        attempts,
        used,
        latencyMs: Math.round(performance.now() - started),
      });

    if (!this.breaker.tryAcquire()) {
      await record('breaker_open', 0);
      throw new LlmUnavailableError('breaker_open', { attempts: 0 });
    }
    const budget = this.opts.dailyBudgetUsd;
    let spentBefore = 0;
    if (budget !== null) {
      try {
        spentBefore = await this.usage.spentToday(at);
      } catch (err) {
        // Fail closed: without knowing what was spent, the hard stop cannot be honoured.
        this.breaker.release();
        this.warn('spentToday', err);
        throw new LlmUnavailableError('budget', { attempts: 0, cause: err });
      }
      if (spentBefore >= budget) {
        this.breaker.release();
        await record('budget', 0);
        throw new LlmUnavailableError('budget', { attempts: 0 });
      }
    }

    let lastError: unknown;
    let timedOut = false;
    let state: AttemptState = { delivered: false };
    let attempts = 0;
    for (let retry = 0; retry <= this.opts.maxRetries; retry++) {
      attempts += 1;
      state = { delivered: false };
      const deadline = new Deadline(this.opts.timeoutMs);
      try {
        const message = await send(this.sdk, deadline, state);
        this.breaker.success();
        const cost = await record('ok', attempts, message.usage, message.model || model);
        if (budget !== null) this.alertIfCrossed(spentBefore, cost, budget);
        return message;
      } catch (err) {
        lastError = err;
        timedOut = deadline.expired || err instanceof APIConnectionTimeoutError;
        if (state.delivered || retry === this.opts.maxRetries || !(timedOut || isRetryable(err))) break;
        const wait = backoffMs(
          retry,
          this.backoff,
          err instanceof APIError ? retryAfterMs(err.headers) : undefined,
          this.random,
        );
        if (wait === null) break;
        await this.sleep(wait);
      } finally {
        deadline.clear();
      }
    }

    const serviceFailure = timedOut || isRetryable(lastError);
    if (serviceFailure) this.breaker.failure();
    else this.breaker.release();
    await record(timedOut ? 'timeout' : 'error', attempts, state.partialUsage);
    const apiError = lastError instanceof APIError ? lastError : undefined;
    throw new LlmUnavailableError(timedOut ? 'timeout' : 'api_error', {
      status: apiError?.status,
      errorType: apiError ? errorType(apiError) : undefined,
      attempts,
      cause: lastError,
    });
  }

  /** Records one call; returns its cost. A failing store never fails the call. */
  private async record(r: {
    at: Date;
    meta: LlmCallMeta;
    model: string;
    outcome: UsageOutcome;
    attempts: number;
    latencyMs: number;
    used?: Anthropic.Usage;
  }): Promise<number> {
    const tokens = tokenUsage(r.used);
    const cost = costUsd(r.model, tokens);
    try {
      await this.usage.record({
        at: r.at,
        purpose: r.meta.purpose,
        model: r.model,
        inputTokens: tokens.inputTokens,
        outputTokens: tokens.outputTokens,
        cacheReadTokens: tokens.cacheReadTokens,
        cacheWriteTokens: tokens.cacheWriteTokens,
        latencyMs: r.latencyMs,
        costUsd: cost,
        outcome: r.outcome,
        attempts: r.attempts,
        ...(r.meta.conversationId ? { conversationId: r.meta.conversationId } : {}),
      });
    } catch (err) {
      this.warn('record', err);
    }
    return cost;
  }

  private alertIfCrossed(before: number, cost: number, budget: number): void {
    const after = before + cost;
    const warnAt = budget * (this.opts.budgetAlertRatio ?? 0.8);
    if (before < budget && after >= budget)
      this.opts.onBudgetAlert?.({ level: 'exhausted', spentUsd: after, budgetUsd: budget });
    else if (before < warnAt && after >= warnAt)
      this.opts.onBudgetAlert?.({ level: 'warning', spentUsd: after, budgetUsd: budget });
  }

  private warn(where: string, err: unknown): void {
    this.opts.logger?.warn(
      `llm usage store failed in ${where}: ${err instanceof Error ? err.name : typeof err}`,
    );
  }
}

export function tokenUsage(u: Anthropic.Usage | undefined): TokenUsage {
  return {
    inputTokens: u?.input_tokens ?? 0,
    outputTokens: u?.output_tokens ?? 0,
    cacheReadTokens: u?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
    cacheWrite1hTokens: u?.cache_creation?.ephemeral_1h_input_tokens ?? 0,
  };
}

/** An abort signal that fires after `ms` without a `touch()`. */
class Deadline implements Attempt {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;
  private cleared = false;
  expired = false;

  constructor(private readonly ms: number) {
    this.timer = this.arm();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    if (this.cleared) return;
    clearTimeout(this.timer);
    this.timer = this.arm();
  }

  clear(): void {
    this.cleared = true;
    clearTimeout(this.timer);
  }

  private arm(): NodeJS.Timeout {
    return setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, this.ms);
  }
}
