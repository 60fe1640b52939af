export * from './circuit-breaker';
export * from './cost';
export * from './llm-client';
export * from './llm-unavailable.error';
export * from './retry-policy';
export * from './usage-recorder';
