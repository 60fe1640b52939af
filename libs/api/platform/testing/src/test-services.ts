// Also loaded by the Jest global setup, which runs outside the module mapper: no @kefu alias here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { readTestEnv } from '../../config/src/test-env';

/* Where the integration tests find PostgreSQL and Redis. */
export const TEST_DATABASE_NAME = 'kefu_test';

/**
 * The database the tests create (dropped first!): `kefu_test`, or the database DATABASE_URL names when
 * that name starts with `kefu_test` (e.g. `…/kefu_test_2`), so that two test runs on one server can
 * each have their own.
 */
export function testDatabaseName(databaseUrl: string | undefined): string {
  const name = databaseUrl ? decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) : '';
  return /^kefu_test[a-z0-9_]*$/.test(name) ? name : TEST_DATABASE_NAME;
}

export function serviceUrls() {
  const env = readTestEnv();
  const server = env.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redis = env.redisUrl ?? 'redis://127.0.0.1:6379';
  return { server, redis, test: withDatabase(server, testDatabaseName(env.databaseUrl)) };
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
