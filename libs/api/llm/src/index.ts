/**
 * The Claude layer (issue 8, groundwork): a guarded Messages API client (retries, timeouts, circuit breaker,
 * daily budget, usage and cost per call), tools over the shop's data with policy enforced in our code and a
 * bounded tool loop ending in a structured outcome, and the redaction of personal data before a request leaves.
 * Not wired into the dialogue engine yet.
 */
export * from './client';
export * from './tools';
export * from './redaction';
