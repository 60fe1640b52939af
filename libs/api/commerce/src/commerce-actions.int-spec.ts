import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { CommerceModule } from './commerce.module';
import { COMMERCE_CONNECTOR, type CommerceConnector } from './connector/commerce-connector';
import type { OrderStatus } from './entities/order.entity';
import type { ShipmentStatus } from './entities/shipment.entity';

@Module({})
class CommerceActionsTestRoot {}
const root = (config: AppConfig) => ({
  module: CommerceActionsTestRoot,
  imports: [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot({ migrations: [] }),
    QueueModule,
    HttpModule,
    CommerceModule,
  ],
});

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
/** SKU → [product, category, price in fen]. */
const SKUS: Record<string, [string, string, number]> = {
  'TEE-M': ['TEE', 'apparel', 7_900],
  'TEE-L': ['TEE', 'apparel', 7_900],
  'COAT-M': ['COAT', 'apparel', 59_900],
  'SOCK-M': ['SOCK', 'underwear', 3_900],
};

interface Fixture {
  status: OrderStatus;
  lines: string[];
  discount?: number;
  paid?: boolean;
  shipment?: { status: ShipmentStatus; shippedAt?: Date; deliveredAt?: Date };
}

describe('returns and cancellations in the built-in shop', () => {
  let t: TestApp;
  let shop: CommerceConnector;
  const count = async (sql: string, params: unknown[] = []) =>
    ((await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params)) as { n: number }[])[0].n;
  const snapshot = (number: string) =>
    t.db.query(
      `SELECT o.status, (SELECT json_agg(p.status ORDER BY p.id) FROM commerce_payments p WHERE p.order_id = o.id) AS payments,
              (SELECT json_agg(s.status ORDER BY s.id) FROM commerce_shipments s WHERE s.order_id = o.id) AS shipments
       FROM commerce_orders o WHERE o.number = $1`,
      [number],
    );

  async function anOrder(number: string, f: Fixture): Promise<void> {
    const subtotal = f.lines.reduce((s, sku) => s + SKUS[sku][2], 0);
    const discount = f.discount ?? 0;
    const [{ id }] = (await t.db.query(
      `INSERT INTO commerce_orders (number, customer_id, status, currency, subtotal, discount, total, placed_at, paid_at)
       VALUES ($1, 1, $2, 'CNY', $3, $4, $3::int - $4::int, $5, $6) RETURNING id`,
      [number, f.status, subtotal, discount, ago(40), f.paid === false ? null : ago(40)],
    )) as { id: number }[];
    for (const sku of f.lines)
      await t.db.query(
        `INSERT INTO commerce_order_items (order_id, sku_id, product_id, name, quantity, unit_price, total)
         VALUES ($1, $2, $3, $3, 1, $4, $4)`,
        [id, sku, SKUS[sku][0], SKUS[sku][2]],
      );
    await t.db.query(
      `INSERT INTO commerce_payments (order_id, gateway, status, amount, currency) VALUES ($1, 'alipay', $2, $3, 'CNY')`,
      [id, f.paid === false ? 'pending' : 'succeeded', subtotal - discount],
    );
    if (f.shipment)
      await t.db.query(
        `INSERT INTO commerce_shipments (order_id, carrier, status, shipped_at, delivered_at)
         VALUES ($1, 'SF Express', $2, $3, $4)`,
        [id, f.shipment.status, f.shipment.shippedAt ?? null, f.shipment.deliveredAt ?? null],
      );
  }
  const delivered = (daysAgo: number) => ({
    status: 'delivered' as const,
    shippedAt: ago(daysAgo + 2),
    deliveredAt: ago(daysAgo),
  });
  const returnOf = (orderNumber: string, requestKey: string, more: { skuId?: string } = {}) =>
    shop.createReturn({ orderNumber, kind: 'return', reason: 'does not fit', requestKey, ...more }, NOW);

  beforeAll(async () => {
    t = await createTestApp(root, { SEED_DEMO: 'false' });
    await resetDatabase(t.db);
    shop = t.app.get(COMMERCE_CONNECTOR);
    await t.db.query(
      `INSERT INTO commerce_customers (external_id, name, phone, currency) VALUES ('C1', 'Li Lei', '8613800138000', 'CNY')`,
    );
    await t.db.query(`INSERT INTO commerce_products (id, name_zh, name_en, name_ja, brand, category) VALUES
      ('TEE', 'T恤', 'Tee', 'Tシャツ', 'Kefu', 'apparel'), ('COAT', '大衣', 'Coat', 'コート', 'Kefu', 'apparel'),
      ('SOCK', '袜子', 'Socks', '靴下', 'Kefu', 'underwear')`);
    for (const [sku, [product, , price]] of Object.entries(SKUS))
      await t.db.query(
        `INSERT INTO commerce_skus (id, product_id, size, price, currency) VALUES ($1, $2, $3, $4, 'CNY')`,
        [sku, product, sku.split('-')[1], price],
      );
    await anOrder('KF-CHEAP', {
      status: 'delivered',
      lines: ['TEE-M', 'COAT-M'],
      discount: 6_000,
      shipment: delivered(2),
    });
    await anOrder('KF-DEAR', { status: 'delivered', lines: ['COAT-M'], shipment: delivered(3) });
    await anOrder('KF-SWAP', { status: 'delivered', lines: ['SOCK-M', 'TEE-M'], shipment: delivered(1) });
    await anOrder('KF-RACE', { status: 'delivered', lines: ['COAT-M'], shipment: delivered(1) });
    await anOrder('KF-OLD', { status: 'delivered', lines: ['TEE-M'], shipment: delivered(30) });
    await anOrder('KF-SOCK', { status: 'delivered', lines: ['SOCK-M'], shipment: delivered(1) });
    await anOrder('KF-ROAD', {
      status: 'shipped',
      lines: ['TEE-M'],
      shipment: { status: 'in_transit', shippedAt: ago(1) },
    });
    await anOrder('KF-PAID', { status: 'paid', lines: ['COAT-M'], shipment: { status: 'pending' } });
    await anOrder('KF-PACK', { status: 'processing', lines: ['TEE-M'], shipment: { status: 'packed' } });
    await anOrder('KF-UNPAID', { status: 'pending_payment', lines: ['TEE-M'], paid: false });
    await anOrder('KF-GONE', {
      status: 'shipped',
      lines: ['COAT-M'],
      shipment: { status: 'shipped', shippedAt: ago(0.5) },
    });
  }, 60_000);
  afterAll(() => t.close());

  describe('createReturn', () => {
    it('refunds a cheap item without a return, net of its share of the order discount', async () => {
      const outcome = await returnOf('kf-cheap', 'msg-1:return');
      // 7,900 of a 67,800 subtotal carries 699 of the 6,000 discount.
      expect(outcome).toMatchObject({
        decision: 'refund_without_return',
        reasonCode: 'below_value_threshold',
        rma: {
          orderNumber: 'KF-CHEAP',
          kind: 'refund_only',
          status: 'refunded',
          refundAmount: 7_201,
          currency: 'CNY',
          skuId: 'TEE-M',
          labelUrl: null,
          reason: 'does not fit',
        },
      });
      expect(outcome.rma?.rmaNumber).toMatch(/^RMA1\d{6}$/);
      expect(outcome.rma?.createdAt).toEqual(NOW);
      expect(await shop.returnsOfOrder('KF-CHEAP')).toEqual([outcome.rma]);
    });

    it('issues a return label for a dear item, with the refund due once it arrives', async () => {
      const outcome = await returnOf('KF-DEAR', 'msg-2:return');
      expect(outcome).toMatchObject({
        decision: 'return_label',
        reasonCode: 'at_or_above_value_threshold',
        rma: { kind: 'return', status: 'label_issued', refundAmount: 59_900, skuId: 'COAT-M' },
      });
      expect(outcome.rma?.labelUrl).toBe(`/returns/${outcome.rma?.rmaNumber}/label.pdf`);
    });

    it('answers the same request twice with the same RMA and creates it once', async () => {
      const before = await count('commerce_returns');
      const [a, b] = await Promise.all([
        returnOf('KF-RACE', 'msg-3:return'),
        returnOf('KF-RACE', 'msg-3:return'),
      ]);
      const c = await returnOf('KF-RACE', ' msg-3:return ');
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      expect(a).toMatchObject({ decision: 'return_label', rma: { status: 'label_issued' } });
      expect(await count('commerce_returns')).toBe(before + 1);
      expect(await count(`commerce_returns WHERE request_key = 'msg-3:return'`)).toBe(1);
    });

    it('refuses a second return of the same item under another key, pointing at the first', async () => {
      const [first] = await shop.returnsOfOrder('KF-DEAR');
      const before = await count('commerce_returns');
      expect(await returnOf('KF-DEAR', 'msg-4:return')).toEqual({
        decision: 'refused',
        reasonCode: 'already_returned',
        rma: first,
      });
      expect(await count('commerce_returns')).toBe(before);
    });

    it('exchanges the item named by its SKU for the wanted size, without a refund', async () => {
      const outcome = await shop.createReturn(
        {
          orderNumber: 'KF-SWAP',
          skuId: 'tee-m',
          kind: 'exchange',
          reason: 'too small',
          requestKey: 'msg-5:exchange',
          exchangeFor: { size: ' L ', colour: '' },
        },
        NOW,
      );
      expect(outcome).toMatchObject({
        decision: 'refund_without_return',
        rma: {
          kind: 'exchange',
          status: 'approved',
          refundAmount: 0,
          skuId: 'TEE-M',
          exchangeFor: { size: 'L' },
        },
      });
      expect((await shop.returnsOfOrder('KF-SWAP'))[0].exchangeFor).toEqual({ size: 'L' });
    });

    it.each([
      ['an order on its way', 'KF-ROAD', {}, 'not_delivered'],
      ['an order not shipped yet', 'KF-PAID', {}, 'not_delivered'],
      ['an item delivered 30 days ago', 'KF-OLD', {}, 'outside_return_window'],
      ['underwear', 'KF-SOCK', {}, 'category_not_returnable'],
      ['underwear named by its SKU', 'KF-SWAP', { skuId: 'SOCK-M' }, 'category_not_returnable'],
      ['an unknown order', 'KF-NOPE', {}, 'order_not_found'],
      ['a SKU not in the order', 'KF-OLD', { skuId: 'COAT-M' }, 'item_not_in_order'],
    ])('refuses %s and creates nothing', async (_, orderNumber, more, reasonCode) => {
      const before = await count('commerce_returns');
      const key = `refused:${orderNumber}:${reasonCode}`;
      expect(await returnOf(orderNumber, key, more)).toEqual({ decision: 'refused', reasonCode, rma: null });
      expect(await count('commerce_returns')).toBe(before);
    });

    it('rejects a request key used for another order, and an empty one', async () => {
      await expect(returnOf('KF-OLD', 'msg-1:return')).rejects.toThrow(/already used for order KF-CHEAP/);
      await expect(returnOf('KF-OLD', '  ')).rejects.toThrow(RangeError);
    });
  });

  describe('cancelOrder', () => {
    it('cancels a paid order whose parcel has not left and refunds the payment', async () => {
      const result = await shop.cancelOrder('kf-paid', 'msg-6:cancel');
      expect(result.outcome).toBe('cancelled');
      expect(result.order).toMatchObject({
        number: 'KF-PAID',
        status: 'cancelled',
        payments: [{ status: 'refunded' }],
      });
      expect(result.order?.shipments[0].status).toBe('pending');
    });

    it('answers already_cancelled the second time and changes nothing', async () => {
      const before = await snapshot('KF-PAID');
      const again = await shop.cancelOrder('KF-PAID', 'msg-7:cancel');
      expect(again).toMatchObject({ outcome: 'already_cancelled', order: { status: 'cancelled' } });
      expect(await snapshot('KF-PAID')).toEqual(before);
    });

    it('cancels a packed order and an unpaid one, once even when asked twice at the same time', async () => {
      const [a, b] = await Promise.all([
        shop.cancelOrder('KF-PACK', 'msg-8:cancel'),
        shop.cancelOrder('KF-PACK', 'msg-8:cancel'),
      ]);
      expect([a.outcome, b.outcome].sort()).toEqual(['already_cancelled', 'cancelled']);
      const unpaid = await shop.cancelOrder('KF-UNPAID', 'msg-9:cancel');
      expect(unpaid).toMatchObject({ outcome: 'cancelled', order: { payments: [{ status: 'pending' }] } });
    });

    it.each([
      ['whose parcel the carrier has', 'KF-GONE'],
      ['on its way', 'KF-ROAD'],
      ['delivered', 'KF-OLD'],
    ])('is too late for an order %s, which stays as it was', async (_, number) => {
      const before = await snapshot(number);
      const result = await shop.cancelOrder(number, `msg-10:${number}`);
      expect(result.outcome).toBe('too_late');
      expect(result.order?.number).toBe(number);
      expect(await snapshot(number)).toEqual(before);
    });

    it('answers not_found for an unknown order', async () => {
      expect(await shop.cancelOrder('KF-NOPE', 'msg-11:cancel')).toEqual({
        outcome: 'not_found',
        order: null,
      });
    });
  });
});
