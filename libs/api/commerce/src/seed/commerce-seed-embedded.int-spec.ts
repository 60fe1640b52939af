import { Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
import { CommerceModule } from '../commerce.module';
import { COMMERCE_CONNECTOR, type CommerceConnector } from '../connector/commerce-connector';
import { CommerceSeeder } from './commerce-seeder.service';

// The app's migrations, as the embedded mode runs them at boot (loaded by path: a library does not import the app).
const { migrations } = require(join(__dirname, '../../../../../apps/api/migrations')) as { migrations: [] };

@Module({})
class EmbeddedCommerceRoot {}
const root = (config: AppConfig) => ({
  module: EmbeddedCommerceRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations }),
    QueueModule,
    HttpModule,
    CommerceModule,
  ],
});

/** The embedded mode seeds the demo shop after boot, in the background, while the API answers. */
describe('demo shop seed on the embedded database', () => {
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-commerce-seed-'));
    t = await createTestApp(root, {
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      DATA_DIR: dir,
      MIGRATIONS_RUN: 'true',
      SEED_DEMO: 'true',
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health while it seeds, then holds the whole shop', async () => {
    expect(t.config.database.kind).toBe('pglite');
    const seeder = t.app.get(CommerceSeeder);
    const started = performance.now();
    const res = await fetch(`${t.url}/health`);
    const healthMs = performance.now() - started;
    expect(res.status).toBe(200);
    const report = await seeder.done;
    expect(report?.seeded).toBe(true);
    console.log(
      `demo shop seed on PGlite: ${report?.rows} rows in ${Math.round(report?.ms ?? 0)} ms; /health answered in ${Math.round(healthMs)} ms meanwhile`,
    );
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM commerce_orders`)) as { n: number }[];
    expect(n).toBe(5_000);
    const shop = t.app.get<CommerceConnector>(COMMERCE_CONNECTOR);
    const order = await shop.findOrder('KF100000');
    expect(order?.items.length).toBeGreaterThan(0);
  }, 120_000);

  it('takes returns and cancellations on the embedded database, once per request key', async () => {
    await t.app.get(CommerceSeeder).done;
    const shop = t.app.get<CommerceConnector>(COMMERCE_CONNECTOR);
    const one = async <T>(sql: string) => ((await t.db.query(sql)) as T[])[0];
    const delivered = await one<{ number: string }>(
      `SELECT o.number FROM commerce_orders o JOIN commerce_shipments s ON s.order_id = o.id
       WHERE o.status = 'delivered' AND NOT EXISTS (SELECT 1 FROM commerce_returns r WHERE r.order_id = o.id)
       ORDER BY s.delivered_at DESC LIMIT 1`,
    );
    const input = {
      orderNumber: delivered.number,
      kind: 'return' as const,
      reason: 'changed my mind',
      requestKey: 'e1',
    };
    const first = await shop.createReturn(input);
    expect(first.decision).not.toBe('refused');
    expect(await shop.createReturn(input)).toEqual(first);
    expect(await shop.returnsOfOrder(delivered.number)).toEqual([first.rma]);

    const paid = await one<{ number: string }>(
      `SELECT number FROM commerce_orders WHERE status = 'paid' LIMIT 1`,
    );
    expect((await shop.cancelOrder(paid.number, 'e2')).outcome).toBe('cancelled');
    expect(await shop.cancelOrder(paid.number, 'e2')).toMatchObject({
      outcome: 'already_cancelled',
      order: { status: 'cancelled' },
    });
  });
});
