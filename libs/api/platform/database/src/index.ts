export * from './data-source-options';
export * from './database.module';
export * from './personal-data.registry';
export * from './snake-naming.strategy';
export * from './safe-query-logger';
export * from './exclusive-transactions';
