export { LlmSettingsService, LLM_SETTINGS_UPDATED } from './llm-settings.service';
export { LlmSettingsStore, LLM_SETTINGS_CACHE_MS } from './llm-settings.store';
export type { LlmSettingsSnapshot } from './llm-settings.store';
export { LlmKeyTester } from './llm-key-tester';
export { LlmSettingsController } from './llm-settings.controller';
export { SecretBox, SecretBoxError, masterSecret, SECRET_FILE } from './secret-box';
export { effectiveSettings, storedOverrides } from './stored-llm-settings';
