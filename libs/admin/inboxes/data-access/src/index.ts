export * from './lib/inboxes.service';
export * from './lib/send-message-snippets';
