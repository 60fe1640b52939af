export * from './intent-classifier';
export * from './region-guide';
export * from './reply-prompt';
export * from './reply-writer';
