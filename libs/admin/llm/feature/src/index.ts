export * from './lib/llm.routes';
export * from './lib/llm-icons';
