export * from './lib/conversations.routes';
