import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';

import { backoffMs, isRetryable, retryAfterMs } from './retry-policy';

const apiError = (status: number | undefined, type = 'api_error', headers: Record<string, string> = {}) =>
  APIError.generate(
    status,
    { type: 'error', error: { type, message: 'x' } },
    undefined,
    new Headers(headers),
  );

describe('retry policy', () => {
  it.each([408, 429, 500, 502, 503, 529])('retries status %d', (status) => {
    expect(isRetryable(apiError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 413, 422])('does not retry status %d', (status) => {
    expect(isRetryable(apiError(status, 'invalid_request_error'))).toBe(false);
  });

  it('retries connection errors but not a caller abort or a plain error', () => {
    expect(isRetryable(new APIConnectionError({ message: 'reset' }))).toBe(true);
    expect(isRetryable(new APIUserAbortError())).toBe(false);
    expect(isRetryable(new Error('bug'))).toBe(false);
  });

  it('retries a mid-stream overload but not a mid-stream invalid request', () => {
    expect(
      isRetryable(
        new APIError(undefined, { type: 'error', error: { type: 'overloaded_error' } }, undefined, undefined),
      ),
    ).toBe(true);
    expect(
      isRetryable(
        new APIError(
          undefined,
          { type: 'error', error: { type: 'invalid_request_error' } },
          undefined,
          undefined,
        ),
      ),
    ).toBe(false);
  });

  it('lets x-should-retry overrule the status', () => {
    expect(isRetryable(apiError(400, 'invalid_request_error', { 'x-should-retry': 'true' }))).toBe(true);
    expect(isRetryable(apiError(529, 'overloaded_error', { 'x-should-retry': 'false' }))).toBe(false);
  });

  it('reads retry-after-ms, retry-after seconds and retry-after dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2025-06-01T10:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 01 Jun 2025 10:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({}))).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, and gives up on a retry-after beyond the cap', () => {
    const opts = { baseMs: 100, maxMs: 1000 };
    expect(backoffMs(0, opts, undefined, () => 1)).toBe(100);
    expect(backoffMs(0, opts, undefined, () => 0)).toBe(50);
    expect(backoffMs(2, opts, undefined, () => 1)).toBe(400);
    expect(backoffMs(6, opts, undefined, () => 1)).toBe(1000);
    expect(backoffMs(0, opts, 700)).toBe(700);
    expect(backoffMs(0, opts, 5000)).toBeNull();
  });
});
