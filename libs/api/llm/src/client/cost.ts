/**
 * What a Messages API call costs, from its usage and the model's family.
 *
 * Prices are USD per million tokens, list prices of the Anthropic API (standard tier, no batch discount):
 * | family                              | input | output |
 * |-------------------------------------|-------|--------|
 * | Opus 4.5 and later (opus-4-5…, 5)   |  5    | 25     |
 * | Opus 4 / 4.1 and Claude 3 Opus      | 15    | 75     |
 * | Sonnet (3.7, 4, 4.5, …)             |  3    | 15     |
 * | Haiku 4.5 and later                 |  1    |  5     |
 * | Haiku 3.5                           |  0.8  |  4     |
 * | Haiku 3                             |  0.25 |  1.25  |
 * Prompt caching: a cache read costs 0.1 × input, a 5-minute cache write 1.25 × input, a 1-hour write 2 × input.
 * An unknown model is charged like the dearest family (Opus 4), so the daily budget errs on the safe side.
 * Update the table when Anthropic changes its prices; it is a default, callers may pass their own.
 */
export interface ModelPrice {
  /** Matched against the model id (first match wins). */
  pattern: RegExp;
  inputPerMTok: number;
  outputPerMTok: number;
}

export const PRICE_TABLE: readonly ModelPrice[] = [
  { pattern: /opus-(4-[5-9]|[5-9])/, inputPerMTok: 5, outputPerMTok: 25 },
  { pattern: /opus/, inputPerMTok: 15, outputPerMTok: 75 },
  { pattern: /sonnet/, inputPerMTok: 3, outputPerMTok: 15 },
  { pattern: /haiku-(4-[5-9]|[5-9])/, inputPerMTok: 1, outputPerMTok: 5 },
  { pattern: /3-5-haiku|haiku-3-5/, inputPerMTok: 0.8, outputPerMTok: 4 },
  { pattern: /haiku/, inputPerMTok: 0.25, outputPerMTok: 1.25 },
];

/** Charged for a model no row matches. */
export const FALLBACK_PRICE: ModelPrice = { pattern: /.*/, inputPerMTok: 15, outputPerMTok: 75 };

export const CACHE_READ_MULTIPLIER = 0.1;
export const CACHE_WRITE_5M_MULTIPLIER = 1.25;
export const CACHE_WRITE_1H_MULTIPLIER = 2;

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  /** All cache-write tokens (the API's `cache_creation_input_tokens`). */
  cacheWriteTokens: number;
  /** The part of `cacheWriteTokens` written with a 1-hour TTL, when the API says so. */
  cacheWrite1hTokens?: number;
}

export function priceFor(model: string, table: readonly ModelPrice[] = PRICE_TABLE): ModelPrice {
  return table.find((p) => p.pattern.test(model)) ?? FALLBACK_PRICE;
}

/** Cost in USD of one call, rounded to a millionth of a dollar. */
export function costUsd(
  model: string,
  usage: TokenUsage,
  table: readonly ModelPrice[] = PRICE_TABLE,
): number {
  const price = priceFor(model, table);
  const write1h = Math.min(usage.cacheWrite1hTokens ?? 0, usage.cacheWriteTokens);
  const write5m = usage.cacheWriteTokens - write1h;
  const inputEquivalent =
    usage.inputTokens +
    usage.cacheReadTokens * CACHE_READ_MULTIPLIER +
    write5m * CACHE_WRITE_5M_MULTIPLIER +
    write1h * CACHE_WRITE_1H_MULTIPLIER;
  const usd = (inputEquivalent * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
