import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parseConfig } from '@kefu/api/platform/config';
import { buildDataSourceOptions } from '@kefu/api/platform/database';
import { serviceUrls, withDatabase } from '@kefu/api/platform/testing';
import { migrations } from './index';

const EXPECTED_TABLES = ['contact_identities', 'contacts', 'conversations', 'events', 'inboxes', 'messages', 'sessions', 'users'];

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { tablename: string }[] = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`,
  );
  return rows.map((r) => r.tablename);
}

async function upDownUp(ds: DataSource) {
  await ds.initialize();
  try {
    expect(await tables(ds)).toEqual([]);
    const applied = await ds.runMigrations();
    expect(applied).toHaveLength(migrations.length);
    expect(await tables(ds)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration();
    expect(await tables(ds)).toEqual([]);
    await ds.runMigrations();
    expect(await tables(ds)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    expect(await ds.showMigrations()).toBe(false);
  } finally {
    await ds.destroy();
  }
}

describe('migrations', () => {
  it('run up, down and up again on an empty PostgreSQL database', async () => {
    const { server } = serviceUrls();
    const admin = new Client({ connectionString: withDatabase(server, 'postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS kefu_migrations_test WITH (FORCE)');
    await admin.query('CREATE DATABASE kefu_migrations_test');
    try {
      const config = parseConfig({ DATABASE_URL: withDatabase(server, 'kefu_migrations_test') });
      await upDownUp(new DataSource(buildDataSourceOptions(config, { migrations })));
    } finally {
      await admin.query('DROP DATABASE IF EXISTS kefu_migrations_test WITH (FORCE)');
      await admin.end();
    }
  });

  it('run up, down and up again on the embedded PGlite database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-pglite-'));
    try {
      const config = parseConfig({ DATA_DIR: dir });
      await upDownUp(new DataSource(buildDataSourceOptions(config, { migrations })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
