export * from './lib/conversations.service';
export * from './lib/realtime.service';
export * from './lib/conversation-list.store';
export * from './lib/transcript.store';
export * from './lib/contact-display-name';
