import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { ExclusiveTransactions, yieldToEventLoop } from '@kefu/api/platform/database';
import { DEMO_TABLES, type DemoShop, type Row, generateDemoShop } from './demo-shop';

/** Rows per INSERT (one jsonb parameter each) and per transaction. */
export const SEED_BATCH = 2_000;
/** Tables whose identity ids the seed sets itself; their sequences are moved past them. */
const IDENTITY_TABLES = [
  'commerce_customers',
  'commerce_orders',
  'commerce_order_items',
  'commerce_shipments',
  'commerce_shipment_events',
];

export interface SeedReport {
  seeded: boolean;
  rows: number;
  ms: number;
}

/**
 * Seeds the demo shop (catalogue, customers, orders with payments, shipments in every state,
 * promotions, returns) when SEED_DEMO is on and the catalogue is empty. It runs after boot without
 * being awaited, in transactions of one batch each, so /health and other requests wait at most one batch.
 */
@Injectable()
export class CommerceSeeder implements OnApplicationBootstrap {
  private readonly log = new Logger(CommerceSeeder.name);
  /** The boot-time seed, for whoever needs to wait for it (tests, the demo's first conversation). */
  done: Promise<SeedReport | null> = Promise.resolve(null);

  constructor(
    private readonly tx: ExclusiveTransactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.seedDemo) return;
    this.done = this.seedDemo().catch((e: unknown) => {
      this.log.error(`seeding the demo shop failed: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    });
  }

  /** Adds the demo shop if the catalogue is empty. `now` anchors every date (default: today 00:00 UTC). */
  async seedDemo(now = startOfToday()): Promise<SeedReport> {
    const started = performance.now();
    const shop = generateDemoShop(now);
    const [first, ...rest] = DEMO_TABLES;
    // The first batch claims the seed: two processes booting at once on one database seed it once.
    const claimed = await this.tx.run(async (em) => {
      await em.query(`LOCK TABLE commerce_products IN SHARE ROW EXCLUSIVE MODE`);
      const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM commerce_products`)) as { n: number }[];
      if (n > 0) return false;
      await insertRows(em, first, shop[first]);
      await insertRows(em, 'commerce_products', shop.commerce_products);
      return true;
    });
    if (!claimed) return { seeded: false, rows: 0, ms: performance.now() - started };
    let rows = shop[first].length + shop.commerce_products.length;
    for (const table of rest.filter((t) => t !== 'commerce_products')) {
      const all = shop[table];
      for (let i = 0; i < all.length; i += SEED_BATCH) {
        await this.tx.run((em) => insertRows(em, table, all.slice(i, i + SEED_BATCH)));
        await yieldToEventLoop();
      }
      rows += all.length;
    }
    await this.tx.run(async (em) => {
      for (const t of IDENTITY_TABLES)
        await em.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
    });
    const ms = performance.now() - started;
    this.log.log(`seeded the demo shop: ${rows} rows in ${Math.round(ms)} ms`);
    return { seeded: true, rows, ms };
  }
}

/** Multi-row insert through one jsonb parameter: columns come from the first row's keys. */
export async function insertRows(em: EntityManager, table: keyof DemoShop, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]).join(', ');
  await em.query(
    `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

function startOfToday(): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return d;
}
