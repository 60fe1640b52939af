/**
 * The Claude layer (issue 8, docs/claude.md): a guarded Messages API client (retries, timeouts, circuit
 * breaker, daily budget, usage and cost per call), tools over the shop's data with policy enforced in our code
 * and a bounded tool loop ending in a structured outcome (streamed when asked), the redaction of personal data
 * before a request leaves, the reply writer and the intent classifier the dialogue stage calls, and the
 * admin's settings (encrypted key), usage report and training candidates.
 */
export * from './client';
export * from './tools';
export * from './redaction';
export * from './answer';

// Settings (encrypted key), usage and cost, the runtime, training candidates: LlmModule wires them.
export { LlmModule } from './llm.module';
export { LLM_ENTITIES, LlmSettingsRow, LlmUsage, LlmTrainingCandidate } from './entities';
export { LlmRuntime, BudgetAlerts, BUDGET_ALERT_ACTION, LLM_MAX_RETRIES } from './runtime';
// The runtime's reasons are the ones callers branch on; the client's error reasons keep their own name here.
export type { LlmHandle, LlmPurpose, LlmScope, LlmUnavailableReason } from './runtime';
export type { LlmUnavailableReason as LlmCallFailureReason } from './client/llm-unavailable.error';
export {
  LlmSettingsService,
  LlmSettingsStore,
  LlmKeyTester,
  SecretBox,
  SecretBoxError,
  masterSecret,
  LLM_SETTINGS_CACHE_MS,
  LLM_SETTINGS_UPDATED,
} from './settings';
export type { LlmSettingsSnapshot } from './settings';
export { PostgresUsageRecorder, LlmUsageReportService, SPENT_CACHE_MS } from './usage';
export { LlmTrainingCandidates, TRAINING_PAGE_SIZE } from './training';
export type { TrainingCandidateInput } from './training';
