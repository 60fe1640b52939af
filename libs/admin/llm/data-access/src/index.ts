export * from './lib/llm-api.service';
export * from './lib/llm-settings-view';
export * from './lib/llm-settings.store';
export * from './lib/llm-training.store';
export * from './lib/llm-usage-view';
export * from './lib/llm-format';
