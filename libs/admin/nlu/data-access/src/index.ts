export * from './lib/nlu.service';
export * from './lib/nlu-training.store';
export * from './lib/nlu-intents.store';
