import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { personalDataRegistry } from '@kefu/api/platform/database';
import { CommerceModule } from './commerce.module';
import { COMMERCE_CONNECTOR, type CommerceConnector } from './connector/commerce-connector';
import { SHIPMENT_STATUSES } from './entities/shipment.entity';
import { CommerceSeeder } from './seed/commerce-seeder.service';
import { DEMO_COUNTS, generateDemoShop } from './seed/demo-shop';

@Module({})
class CommerceTestRoot {}
const root = (config: AppConfig) => ({
  module: CommerceTestRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations: [] }),
    QueueModule,
    HttpModule,
    CommerceModule,
  ],
});

const NOW = new Date('2026-11-20T00:00:00Z');
const DAY = 86_400_000;

describe('the demo shop and the built-in commerce connector', () => {
  let t: TestApp;
  let shop: CommerceConnector;
  let seeder: CommerceSeeder;
  const one = async <T>(sql: string, params: unknown[] = []) => ((await t.db.query(sql, params)) as T[])[0];

  beforeAll(async () => {
    t = await createTestApp(root, { SEED_DEMO: 'false' });
    await resetDatabase(t.db);
    shop = t.app.get(COMMERCE_CONNECTOR);
    seeder = t.app.get(CommerceSeeder);
    const report = await seeder.seedDemo(NOW);
    expect(report.seeded).toBe(true);
  }, 120_000);
  afterAll(() => t.close());

  describe('seed', () => {
    it('fills the shop with 200 products, 1,000 customers and 5,000 orders', async () => {
      const counts = await one<Record<string, number>>(`SELECT
        (SELECT count(*)::int FROM commerce_products) AS products,
        (SELECT count(*)::int FROM commerce_customers) AS customers,
        (SELECT count(*)::int FROM commerce_orders) AS orders,
        (SELECT count(DISTINCT category)::int FROM commerce_products) AS categories,
        (SELECT count(*)::int FROM commerce_skus) AS skus,
        (SELECT count(*)::int FROM commerce_stock) AS stock,
        (SELECT count(*)::int FROM commerce_returns) AS returns,
        (SELECT count(*)::int FROM commerce_promotions) AS promotions`);
      expect(counts).toMatchObject({ ...DEMO_COUNTS, categories: 6, promotions: 5 });
      expect(counts.skus).toBeGreaterThan(600);
      expect(counts.stock).toBe(counts.skus * 3);
      expect(counts.returns).toBeGreaterThan(100);
    });

    it('has shipments in every state, weather delays among them', async () => {
      const rows = (await t.db.query(
        `SELECT status, count(*)::int AS n FROM commerce_shipments GROUP BY status`,
      )) as { status: string; n: number }[];
      expect(rows.map((r) => r.status).sort()).toEqual([...SHIPMENT_STATUSES].sort());
      const delayed = await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM commerce_shipments WHERE status = 'delayed' AND exception_reason = 'weather'`,
      );
      expect(delayed.n).toBeGreaterThan(50);
      const unpaid = await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM commerce_orders WHERE status = 'pending_payment'`,
      );
      expect(unpaid.n).toBeGreaterThan(0);
    });

    it('is deterministic: the same rows for the same day', () => {
      const a = generateDemoShop(NOW);
      const b = generateDemoShop(NOW);
      expect(JSON.stringify(a)).toEqual(JSON.stringify(b));
      expect(a.commerce_products[0]).toMatchObject({ id: 'P1001' });
    });

    it('stored exactly what the generator produced', async () => {
      const expected = generateDemoShop(NOW);
      const o = expected.commerce_orders[1234];
      const stored = await one<{ number: string; total: number; status: string }>(
        `SELECT number, total, status FROM commerce_orders WHERE id = $1`,
        [o.id],
      );
      expect(stored).toEqual({ number: o.number, total: o.total, status: o.status });
    });

    it('does not seed twice', async () => {
      expect((await seeder.seedDemo(NOW)).seeded).toBe(false);
      expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM commerce_orders`)).n).toBe(5_000);
    });

    it('lets new orders take ids after the seeded ones', async () => {
      const [{ id }] = (await t.db.query(
        `INSERT INTO commerce_customers (external_id, name, currency) VALUES ('NEW-1', 'New', 'CNY') RETURNING id`,
      )) as { id: number }[];
      expect(id).toBe(DEMO_COUNTS.customers + 1);
      await t.db.query(`DELETE FROM commerce_customers WHERE external_id = 'NEW-1'`);
    });

    it('registers customers and order addresses as personal data', () => {
      const tables = personalDataRegistry().map((p) => p.table);
      expect(tables).toEqual(expect.arrayContaining(['commerce_customers', 'commerce_orders']));
    });
  });

  describe('connector', () => {
    const aShipment = (status: string) =>
      one<{
        number: string;
        tracking_number: string | null;
        phone: string;
        email: string;
        external_id: string;
      }>(
        `SELECT o.number, s.tracking_number, c.phone, c.email, c.external_id FROM commerce_shipments s
         JOIN commerce_orders o ON o.id = s.order_id JOIN commerce_customers c ON c.id = o.customer_id
         WHERE s.status = $1 ORDER BY o.id LIMIT 1`,
        [status],
      );

    it('finds an order with its items, payments and shipment, whatever the case of the number', async () => {
      const ref = await aShipment('in_transit');
      const order = await shop.findOrder(ref.number.toLowerCase());
      expect(order).toMatchObject({
        number: ref.number,
        customerExternalId: ref.external_id,
        status: 'shipped',
      });
      expect(order?.items.length).toBeGreaterThan(0);
      expect(order?.payments.some((p) => p.status === 'succeeded')).toBe(true);
      expect(order?.shipments[0]).toMatchObject({
        status: 'in_transit',
        trackingNumber: ref.tracking_number,
      });
      if (!order) throw new Error('order not found');
      expect(order.total).toBe(order.subtotal - order.discount + order.shippingFee);
    });

    it('answers null for an unknown order number', async () => {
      expect(await shop.findOrder('KF999999')).toBeNull();
    });

    it("lists a customer's orders newest first, and only since a date when asked", async () => {
      const ref = await aShipment('delivered');
      const all = await shop.ordersOfCustomer(ref.external_id, { limit: 100 });
      expect(all.length).toBeGreaterThan(0);
      const times = all.map((o) => o.placedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const since = new Date(NOW.getTime() - 30 * DAY);
      const recent = await shop.ordersOfCustomer(ref.external_id, { since, limit: 100 });
      expect(recent.every((o) => o.placedAt >= since)).toBe(true);
      expect(recent.length).toBe(all.filter((o) => o.placedAt >= since).length);
    });

    it('finds a customer by external id, e-mail (any case) and phone (with or without the country code)', async () => {
      const ref = await aShipment('packed');
      const byId = await shop.findCustomer({ externalId: ref.external_id });
      expect(byId?.externalId).toBe(ref.external_id);
      expect((await shop.findCustomer({ email: ref.email.toUpperCase() }))?.externalId).toBe(ref.external_id);
      expect((await shop.findCustomer({ phone: `+${ref.phone}` }))?.externalId).toBe(ref.external_id);
      expect((await shop.findCustomer({ phone: ref.phone.slice(2) }))?.phone).toMatch(
        new RegExp(`${ref.phone.slice(2)}$`),
      );
      expect(await shop.findCustomer({ email: 'nobody@example.com' })).toBeNull();
    });

    it('lets a shopper into an order with the right phone tail or e-mail', async () => {
      const ref = await aShipment('delayed');
      expect(await shop.verifyOrderAccess(ref.number, { phoneTail: ref.phone.slice(-4) })).toBe(true);
      expect(await shop.verifyOrderAccess(ref.number, { phoneTail: ref.phone.slice(-6) })).toBe(true);
      expect(await shop.verifyOrderAccess(ref.number, { email: ` ${ref.email.toUpperCase()} ` })).toBe(true);
    });

    it('refuses wrong phone tails, too-short tails, wrong e-mails and unknown orders', async () => {
      const ref = await aShipment('delayed');
      const tail = ref.phone.slice(-4);
      const wrong = String((Number(tail) + 1) % 10_000).padStart(4, '0');
      expect(await shop.verifyOrderAccess(ref.number, { phoneTail: wrong })).toBe(false);
      expect(await shop.verifyOrderAccess(ref.number, { phoneTail: tail.slice(-3) })).toBe(false);
      expect(await shop.verifyOrderAccess(ref.number, { phoneTail: '' })).toBe(false);
      expect(await shop.verifyOrderAccess(ref.number, { email: 'someone-else@example.com' })).toBe(false);
      expect(await shop.verifyOrderAccess('KF999999', { phoneTail: tail })).toBe(false);
    });

    it('tracks a weather-delayed shipment by order number and by tracking number, last event first', async () => {
      const ref = await aShipment('delayed');
      const [byOrder] = await shop.trackShipment(ref.number);
      const [byTracking] = await shop.trackShipment(String(ref.tracking_number).toLowerCase());
      expect(byTracking).toEqual(byOrder);
      expect(byOrder).toMatchObject({
        status: 'delayed',
        exceptionReason: 'weather',
        orderNumber: ref.number,
      });
      expect(byOrder.events[0]).toMatchObject({ status: 'delayed', code: 'weather_delay' });
      expect(byOrder.eta).toBeInstanceOf(Date);
      expect(await shop.trackShipment('NOPE123')).toEqual([]);
    });

    it('answers stock per colour and size for a product, and for one SKU', async () => {
      const p = await one<{ id: string; colour: string; size: string }>(
        `SELECT p.id, k.colour, k.size FROM commerce_products p JOIN commerce_skus k ON k.product_id = p.id
         WHERE p.category = 'apparel' ORDER BY k.id LIMIT 1`,
      );
      const all = await shop.stockOf(p.id);
      expect(all?.productId).toBe(p.id);
      expect(all?.lines.length).toBeGreaterThan(1);
      expect(all?.available).toBe(all?.lines.reduce((s, l) => s + l.available, 0));
      const narrowed = await shop.stockOf(p.id, { colour: p.colour.toUpperCase(), size: p.size });
      expect(narrowed?.lines).toHaveLength(1);
      const bySku = await shop.stockOf(narrowed?.lines[0].skuId ?? '');
      expect(bySku?.lines).toEqual(narrowed?.lines);
      expect(await shop.stockOf(p.id, { colour: 'chartreuse' })).toEqual({
        productId: p.id,
        lines: [],
        available: 0,
      });
      expect(await shop.stockOf('P0000')).toBeNull();
    });

    it('finds products by a word of their zh, en or ja name', async () => {
      for (const q of ['T恤', 't-shirt', 'Tシャツ']) {
        const found = await shop.findProducts(q);
        expect(found.length).toBeGreaterThan(0);
        expect(found[0].category).toBe('apparel');
        expect(found[0].priceFrom).toBeLessThanOrEqual(found[0].priceTo);
      }
      const phones = await shop.findProducts('smartphone', { category: 'electronics' });
      expect(phones[0].names['zh-CN']).toContain('智能手机');
      expect(await shop.findProducts('zzzzqqqq')).toEqual([]);
    });

    it('reads one product with its size chart, by product id or SKU id, and null for an unknown one', async () => {
      const p = await one<{ id: string; sku: string }>(
        `SELECT p.id, min(k.id) AS sku FROM commerce_products p JOIN commerce_skus k ON k.product_id = p.id
         WHERE p.category = 'apparel' GROUP BY p.id ORDER BY p.id LIMIT 1`,
      );
      const product = await shop.getProduct(p.id.toLowerCase());
      expect(product).toMatchObject({ id: p.id, category: 'apparel' });
      expect(product?.sizeChart?.entries.map((e) => e.size)).toEqual(['XS', 'S', 'M', 'L', 'XL', 'XXL']);
      expect(product?.sizeChart?.entries[0].heightCm).toEqual({ min: 150, max: 157 });
      expect(await shop.getProduct(p.sku)).toEqual(product);
      expect(await shop.getProduct('P0000')).toBeNull();
      const [found] = await shop.findProducts(product?.names.en ?? '');
      expect(found.sizeChart).toEqual(product?.sizeChart);
      const [phone] = await shop.findProducts('smartphone', { category: 'electronics' });
      expect(phone.sizeChart).toBeNull();
    });

    it("lists an order's returns newest first, with the label of one waiting to be sent back", async () => {
      const ref = await one<{ number: string; rma_number: string }>(
        `SELECT o.number, r.rma_number FROM commerce_returns r JOIN commerce_orders o ON o.id = r.order_id
         WHERE r.status = 'label_issued' ORDER BY r.id LIMIT 1`,
      );
      const [rma] = await shop.returnsOfOrder(ref.number.toLowerCase());
      expect(rma).toMatchObject({
        rmaNumber: ref.rma_number,
        orderNumber: ref.number,
        kind: 'exchange',
        status: 'label_issued',
        labelUrl: `/returns/${ref.rma_number}/label.pdf`,
        exchangeFor: null,
      });
      expect(rma.skuId).toMatch(/^P\d{4}-\d{2}$/);
      expect(rma.createdAt).toBeInstanceOf(Date);
      expect(await shop.returnsOfOrder('KF999999')).toEqual([]);
    });

    it('computes the best promotions for a cart with the running rules and says why', async () => {
      const result = await shop.promotionsFor(
        {
          currency: 'CNY',
          lines: [{ sku: 'P1001-01', unitPrice: 32_000, quantity: 1, storeId: 'main', category: 'home' }],
        },
        NOW,
      );
      expect(result.subtotal).toBe(32_000);
      expect(result.totalSaving).toBeGreaterThan(0);
      expect(result.applied.map((a) => a.promotionId).sort()).toEqual([
        'PLATFORM-15',
        'STORE-20',
        'THRESHOLD-300-30',
      ]);
      expect(result.total).toBe(32_000 - 3_000 - 2_000 - 1_500);
      expect(result.explanation['zh-CN']).toBeTruthy();
    });
  });
});
