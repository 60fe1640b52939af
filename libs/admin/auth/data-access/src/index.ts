export * from './lib/api-error';
export * from './lib/auth.service';
export * from './lib/auth.guard';
export * from './lib/session-expired.interceptor';
