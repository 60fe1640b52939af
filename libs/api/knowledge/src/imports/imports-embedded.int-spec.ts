import { Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeImportDto, KnowledgeSearchResultDto } from '@kefu/shared/contracts';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
import { IdentityModule } from '@kefu/api/identity';
import { KnowledgeModule } from '../knowledge.module';
import { client, count, staff } from '../testing/knowledge-test-kit';
import { IMPORT_BATCH } from './imports.service';

// The app's migrations, as the embedded mode runs them at boot (loaded by path: a library does not import the app).
const { migrations } = require(join(__dirname, '../../../../../apps/api/migrations')) as { migrations: [] };

@Module({})
class EmbeddedImportRoot {}
const root = (config: AppConfig) => ({
  module: EmbeddedImportRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations }),
    QueueModule,
    HttpModule,
    IdentityModule,
    KnowledgeModule,
  ],
});

/**
 * The embedded database has one session and runs in the API's process: an import must leave room
 * for other requests while it runs (it used to hold the process until it was done).
 */
describe('knowledge import on the embedded database', () => {
  let dir: string;
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let cookies: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-knowledge-import-'));
    t = await createTestApp(root, {
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      DATA_DIR: dir,
      MIGRATIONS_RUN: 'true',
      SEED_DEMO: 'false',
    });
    api = client(t.url);
    cookies = await staff(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers progress reads and other requests while a big import runs, and finishes it', async () => {
    expect(t.config.database.kind).toBe('pglite');
    const rows = IMPORT_BATCH * 12;
    const lines = ['external_key,title,questions,answer,locale'];
    for (let i = 0; i < rows; i++)
      lines.push(`e-${i},退货运费第 ${i} 问,运费谁出 ${i},卖家承担 ${i} 号的运费,zh-CN`);

    const res = await api<KnowledgeImportDto>('POST', '/api/v1/knowledge/imports', {
      raw: lines.join('\n'),
      contentType: 'text/csv',
      cookie: cookies.admin,
    });
    expect(res.status).toBe(202);
    // Accepted before any of it was written: the import runs in the background.
    expect(res.body.processed).toBeLessThan(rows);

    const seen: { processed: number; status: string }[] = [];
    // How far the import had got just before and just after a search sent while it ran.
    let searchedBetween: [number, number] | null = null;
    for (;;) {
      const r = await api<KnowledgeImportDto>('GET', `/api/v1/knowledge/imports/${res.body.id}`, {
        cookie: cookies.admin,
      });
      seen.push({ processed: r.body.processed, status: r.body.status });
      if (r.body.status === 'completed' || r.body.status === 'failed') break;
      if (searchedBetween === null && r.body.processed > 0) {
        const s = await api<KnowledgeSearchResultDto>('POST', '/api/v1/knowledge/search', {
          body: { query: '运费谁出', locale: 'zh-CN' },
          cookie: cookies.admin,
        });
        expect(s.status).toBe(200);
        const after = await api<KnowledgeImportDto>('GET', `/api/v1/knowledge/imports/${res.body.id}`, {
          cookie: cookies.admin,
        });
        expect(after.body.status).toBe('running');
        searchedBetween = [r.body.processed, after.body.processed];
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect(seen[seen.length - 1].status).toBe('completed');
    // Progress moved in batches while the import ran, and reads were answered in between the batches.
    const midway = seen.filter((s) => s.status === 'running' && s.processed > 0 && s.processed < rows);
    expect(midway.length).toBeGreaterThan(1);
    for (const s of midway) expect(s.processed % IMPORT_BATCH).toBe(0);
    // The search did not wait for the import to finish: the import was still running when it was answered, and
    // each of its queries waited for a batch at most. This is an order of events, not a time, so a slow machine
    // slows both sides alike.
    expect(searchedBetween).not.toBeNull();
    const [before, after] = searchedBetween as [number, number];
    expect(after).toBeLessThan(rows);
    expect(after - before).toBeLessThanOrEqual(rows / 2);
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_articles`)).toBe(rows);
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_article_versions`)).toBe(rows);
  }, 120_000);
});
