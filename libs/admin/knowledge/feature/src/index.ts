export * from './lib/knowledge.routes';
