export { LlmRuntime, LLM_MAX_RETRIES } from './llm-runtime';
export type { LlmHandle, LlmPurpose, LlmScope, LlmUnavailableReason } from './llm-runtime';
export { BudgetAlerts, BUDGET_ALERT_ACTION } from './budget-alerts';
