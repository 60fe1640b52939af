export * from './intent-classifier';
export * from './intent-glossary';
export * from './region-guide';
export * from './reply-prompt';
export * from './reply-writer';
