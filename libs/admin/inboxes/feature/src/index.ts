export * from './lib/inboxes.routes';
