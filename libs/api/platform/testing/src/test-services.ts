// Also loaded by the Jest global setup, which runs outside the module mapper: no @kefu alias here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { readTestEnv } from '../../config/src/test-env';

/* Where the integration tests find PostgreSQL and Redis. */
export const TEST_DATABASE_NAME = 'kefu_test';

export function serviceUrls() {
  const env = readTestEnv();
  const server = env.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redis = env.redisUrl ?? 'redis://127.0.0.1:6379';
  return { server, redis, test: withDatabase(server, TEST_DATABASE_NAME) };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
}
