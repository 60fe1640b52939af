export * from './lib/handoff.routes';
export * from './lib/handoff-icons';
export * from './lib/kill-switch/kill-switch-banner.component';
