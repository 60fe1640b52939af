export * from './lib/rules-api.service';
export * from './lib/rule-draft';
export * from './lib/rule-summary';
export * from './lib/rules-list.store';
export * from './lib/rule-references.store';
export * from './lib/rule-history';
export * from './lib/rule-test-input';
