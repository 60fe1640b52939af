import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';

export interface BackoffOptions {
  /** First retry waits about this long; each further retry doubles it. */
  baseMs: number;
  /** No single wait is longer; a `retry-after` above it ends the retries instead. */
  maxMs: number;
}

/** Statuses worth another try: request timeout, rate limit, server errors and 529 overloaded. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Whether a failed attempt may be tried again. Connection errors and 408/429/5xx/529 may; other 4xx
 * (our request is wrong, the key is bad) may not. An SSE `error` event mid-stream has no status: it is
 * retried when it is an overload or server error. `x-should-retry` from the server has the last word.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof APIUserAbortError) return false;
  if (err instanceof APIConnectionError) return true;
  if (!(err instanceof APIError)) return false;
  const hint = err.headers?.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  if (err.status === undefined)
    return ['overloaded_error', 'api_error', 'timeout_error'].includes(errorType(err) ?? '');
  return isRetryableStatus(err.status);
}

/** The error's API type (`overloaded_error`, `rate_limit_error`, ...), when the body said. */
export function errorType(err: APIError): string | undefined {
  const body = err.error as { error?: { type?: unknown }; type?: unknown } | undefined;
  const type = body?.error?.type ?? err.type;
  return typeof type === 'string' ? type : undefined;
}

/** `retry-after-ms` or `retry-after` (seconds or an HTTP date) in milliseconds, if the server sent one. */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (0-based): the server's `retry-after` when given,
 * else exponential backoff with jitter (a random ½ to 1 of) base·2^retry, capped at maxMs.
 * Returns null when the server asks for a wait longer than maxMs (give up: a shopper is waiting).
 */
export function backoffMs(
  retry: number,
  opts: BackoffOptions,
  retryAfter?: number,
  random: () => number = Math.random,
): number | null {
  if (retryAfter !== undefined) return retryAfter <= opts.maxMs ? retryAfter : null;
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** retry);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
