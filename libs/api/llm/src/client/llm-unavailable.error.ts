export type LlmUnavailableReason = 'timeout' | 'breaker_open' | 'budget' | 'api_error' | 'disabled';

/**
 * Claude cannot answer this call: the caller takes the offline path. The message names the reason and,
 * for API errors, the status and error type only: never the prompt or the API's error text.
 */
export class LlmUnavailableError extends Error {
  override readonly name = 'LlmUnavailableError';

  constructor(
    readonly reason: LlmUnavailableReason,
    readonly details: { status?: number; errorType?: string; attempts?: number; cause?: unknown } = {},
  ) {
    const bits = [details.status, details.errorType].filter((b) => b !== undefined).join(' ');
    super(`Claude unavailable: ${reason}${bits ? ` (${bits})` : ''}`, { cause: details.cause });
  }
}
