export * from './enums';
export * from './permissions';
export * from './inbound-message';
export * from './inbox';
export * from './conversation';
export * from './auth';
export * from './api-error';
export * from './signature';
