import { Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { IdentityModule } from '@kefu/api/identity';
import { KnowledgeModule, KnowledgeSeeder, KnowledgeService } from '@kefu/api/knowledge';
import { migrations } from '../migrations';

@Module({})
class KnowledgeParityRoot {}
const root = (config: AppConfig) => ({
  module: KnowledgeParityRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations }),
    QueueModule,
    HttpModule,
    IdentityModule,
    KnowledgeModule,
  ],
});

const QUERIES: [string, string][] = [
  ['退货运费谁出', 'zh-CN'],
  ['怎样才能免邮', 'zh-CN'],
  ['退货运废谁出', 'zh-CN'],
  ['refnd polcy', 'en'],
  ['how fast do I get my money back', 'en'],
  ['返品の送料は誰が負担しますか', 'ja'],
  ['クーポンが使えない', 'ja'],
];

/**
 * The embedded database (PGlite with pg_trgm from its contrib build) must rank exactly as
 * PostgreSQL does: same migrations, same tokens, same scores.
 */
describe('knowledge retrieval on the embedded database', () => {
  let dir: string;
  let embedded: TestApp;
  let server: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-knowledge-'));
    // No DATABASE_URL or REDIS_URL: PGlite in DATA_DIR, in-process queue, migrations and the demo FAQ at boot.
    embedded = await createTestApp(root, {
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      DATA_DIR: dir,
      MIGRATIONS_RUN: 'true',
    });
    server = await createTestApp(root);
    await resetDatabase(server.db);
    const seeder = server.app.get(KnowledgeSeeder);
    await seeder.seedDefaults();
    await seeder.seedDemo();
  }, 120_000);
  afterAll(async () => {
    await embedded?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the demo FAQ at boot and ranks every query exactly as PostgreSQL does', async () => {
    expect(embedded.config.database.kind).toBe('pglite');
    const [{ n }] = (await embedded.db.query(
      `SELECT count(*)::int AS n FROM knowledge_articles WHERE status = 'published'`,
    )) as { n: number }[];
    expect(n).toBeGreaterThanOrEqual(36);
    const [trgm] = (await embedded.db.query(
      `SELECT similarity('退货 货运 运费', '退货 货运 运废') AS s`,
    )) as { s: number }[];
    expect(trgm.s).toBeGreaterThan(0.3);

    for (const [query, locale] of QUERIES) {
      const pglite = await embedded.app.get(KnowledgeService).search(query, { locale, limit: 5 });
      const pg = await server.app.get(KnowledgeService).search(query, { locale, limit: 5 });
      const strip = (hits: typeof pg) => hits.map(({ articleId: _id, ...h }) => h);
      expect(strip(pglite)).toEqual(strip(pg));
      expect(pglite.length).toBeGreaterThan(0);
    }
    const top = await embedded.app.get(KnowledgeService).search('退货运费谁出', { locale: 'zh-CN' });
    expect(top[0]).toMatchObject({ title: '退货运费说明', answerable: true });
  }, 60_000);
});
