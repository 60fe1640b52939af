import { Client } from 'pg';
// Jest loads the global setup outside its module mapper, so the @kefu aliases do not resolve here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { writeTestEnv } from '../../config/src/test-env';
import IORedis from 'ioredis';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { describeUrl, serviceUrls, withDatabase } from './test-services';

/**
 * Runs once before the integration tests: checks that PostgreSQL and Redis answer (failing fast
 * with a clear message when they do not), creates a fresh test database (`kefu_test`, or the `kefu_test…` one DATABASE_URL names) and migrates it.
 */
export default async function globalSetup(): Promise<void> {
  const { server, redis, test } = serviceUrls();

  const admin = new Client({ connectionString: withDatabase(server, 'postgres'), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `\nPostgreSQL is not reachable at ${describeUrl(server)} (${(e as Error).message}).\n` +
        `Start it, or point DATABASE_URL at a server where this user may create databases.\n`,
    );
  }
  const name = new URL(test).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const r = new IORedis(redis, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(`\nRedis is not reachable at ${describeUrl(redis)} (${(e as Error).message}).\nStart it, or set REDIS_URL.\n`);
  } finally {
    r.disconnect();
  }

  const { migrations } = require(join(__dirname, '../../../../../apps/api/migrations')) as { migrations: [] };
  const ds = new DataSource({ type: 'postgres', url: test, migrations, migrationsTransactionMode: 'each' });
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  writeTestEnv({ testDatabaseUrl: test });
}
