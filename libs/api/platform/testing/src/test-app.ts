import { DynamicModule, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, parseConfig, readTestEnv } from '@kefu/api/platform/config';
import { createHttpApp } from '@kefu/api/platform/http';
import { serviceUrls } from './test-services';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  /** http://127.0.0.1:<port> of the listening app. */
  url: string;
  close(): Promise<void>;
}

/** A config for tests: the test database, the real Redis, a queue prefix of its own. */
export function testConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  const { redis, test } = serviceUrls();
  const env = readTestEnv();
  return parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: env.testDatabaseUrl ?? test,
    REDIS_URL: redis,
    QUEUE_PREFIX: `kefu-test-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: env.logLevel ?? 'silent',
    MIGRATIONS_RUN: 'false',
    ADMIN_EMAIL: 'admin@kefu.test',
    ADMIN_PASSWORD: 'admin-password-for-tests',
    SWEEPER_INTERVAL_MS: '200',
    SWEEPER_STALE_MS: '300',
    WEBHOOK_BACKOFF_MS: '50',
    SHUTDOWN_TIMEOUT_MS: '3000',
    // Encrypts API keys saved in the LLM settings (a test may pass undefined to run without one).
    KEFU_SECRET_KEY: 'kefu-test-secret-0123456789abcdef0123456789',
    ...overrides,
  });
}

/** Boots `root(config)` the way production does and listens on a free port on 127.0.0.1. */
export async function createTestApp(
  root: (config: AppConfig) => DynamicModule | Type<unknown>,
  overrides: Record<string, string | undefined> = {},
): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await createHttpApp(root(config), config, { openApi: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    db: app.get(DataSource),
    url: `http://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
}

/**
 * Empties every table but the migrations log. A worker of the app may still be finishing the
 * previous test's message in its own transaction; TRUNCATE then loses a deadlock against it now and
 * then, so it is tried again (PostgreSQL rolled it back, nothing was half done).
 */
export async function resetDatabase(db: DataSource): Promise<void> {
  const rows: { tablename: string }[] = await db.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  if (!rows.length) return;
  const sql = `TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query(sql);
      return;
    } catch (err) {
      const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
      if (code !== '40P01' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

export async function waitFor<T>(probe: () => Promise<T> | T, { timeout = 10_000, interval = 25 } = {}): Promise<NonNullable<T>> {
  const until = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    if (Date.now() > until) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
