export * from './lib/dialogue.routes';
