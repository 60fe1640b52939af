/* Where the integration tests find PostgreSQL and Redis. Tests may read process.env; nothing else may. */
export const TEST_DATABASE_NAME = 'kefu_test';

export function serviceUrls() {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
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
