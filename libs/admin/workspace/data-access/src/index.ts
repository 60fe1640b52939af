export * from './lib/workspace-api.service';
export * from './lib/workspace-format';
export * from './lib/handoff-realtime.service';
export * from './lib/queue.store';
export * from './lib/agent.store';
export * from './lib/conversation.store';
