import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { createTestApp, FakeHttpServer } from '@kefu/api/platform/testing';
import { CommerceModule } from '../commerce.module';
import { COMMERCE_CONNECTOR, CommerceUnavailableError } from './commerce-connector';
import { HttpCommerceConnector } from './http-commerce.connector';

const order = {
  number: 'SO-1001',
  customerExternalId: 'U-42',
  status: 'shipped',
  currency: 'CNY',
  subtotal: 19_900,
  total: 19_900,
  placedAt: '2026-11-15T08:00:00Z',
  items: [{ skuId: 'T-BLK-M', productId: 'T', name: 'Tee', quantity: 1, unitPrice: 19_900, total: 19_900 }],
  shipments: [
    {
      orderNumber: 'SO-1001',
      carrier: 'SF Express',
      trackingNumber: 'SF123',
      status: 'delayed',
      eta: '2026-11-22T00:00:00Z',
      exceptionReason: 'weather',
      events: [{ status: 'delayed', code: 'weather_delay', occurredAt: '2026-11-19T10:00:00Z' }],
    },
  ],
};

const product = {
  id: 'T',
  names: { 'zh-CN': 'T恤', en: 'Tee', ja: 'Tシャツ' },
  category: 'apparel',
  priceFrom: 19_900,
  priceTo: 19_900,
  currency: 'CNY',
  sizes: ['M', 'L'],
  sizeChart: {
    entries: [
      { size: 'M', heightCm: { min: 165, max: 175 } },
      { size: 'L', heightCm: { min: 175, max: 185 } },
    ],
  },
};

const rma = (rmaNumber: string, createdAt: string) => ({
  rmaNumber,
  orderNumber: 'SO-1001',
  kind: 'return',
  status: 'label_issued',
  reason: 'does not fit',
  refundAmount: 19_900,
  currency: 'CNY',
  skuId: 'T-BLK-M',
  labelUrl: `https://orders.example.com/returns/${rmaNumber}/label.pdf`,
  createdAt,
});

describe('the HTTP connector to an enterprise order system', () => {
  const server = new FakeHttpServer();
  let shop: HttpCommerceConnector;

  beforeAll(async () => {
    const url = await server.start();
    shop = new HttpCommerceConnector({ baseUrl: `${url}/kefu/v1/`, token: 'secret-token', timeoutMs: 300 });
  });
  afterAll(() => server.stop());
  beforeEach(() => (server.requests.length = 0));

  it('reads an order with its shipment, sending the bearer token, with dates as dates', async () => {
    server.respondWith((req) =>
      req.url === '/kefu/v1/orders/SO-1001' ? { status: 200, body: order } : { status: 404 },
    );
    const found = await shop.findOrder(' SO-1001 ');
    expect(found).toMatchObject({ number: 'SO-1001', discount: 0, payments: [], shippingAddress: null });
    expect(found?.placedAt).toEqual(new Date('2026-11-15T08:00:00Z'));
    expect(found?.shipments[0].events[0]).toMatchObject({ code: 'weather_delay', location: null });
    expect(server.requests[0].headers['authorization']).toBe('Bearer secret-token');
  });

  it('answers null / [] when the order system says 404', async () => {
    server.respondWith(() => ({ status: 404, body: { error: 'not found' } }));
    expect(await shop.findOrder('NOPE')).toBeNull();
    expect(await shop.findCustomer({ email: 'x@example.com' })).toBeNull();
    expect(await shop.trackShipment('NOPE')).toEqual([]);
    expect(await shop.verifyOrderAccess('NOPE', { phoneTail: '1234' })).toBe(false);
  });

  it('passes look-ups as query parameters and the proof in a POST body', async () => {
    server.respondWith((req) => {
      if (req.url.startsWith('/kefu/v1/customers?'))
        return { status: 200, body: { externalId: 'U-42', name: 'Li', currency: 'CNY' } };
      if (req.url.startsWith('/kefu/v1/customers/U-42/orders'))
        return { status: 200, body: { orders: [order] } };
      if (req.url === '/kefu/v1/orders/SO-1001/verify')
        return { status: 200, body: { verified: JSON.parse(req.body).phoneTail === '8000' } };
      return { status: 404 };
    });
    expect(await shop.findCustomer({ phone: '+86 138 0013 8000' })).toMatchObject({
      externalId: 'U-42',
      tier: 'regular',
    });
    expect(server.requests[0].url).toBe('/kefu/v1/customers?phone=%2B86+138+0013+8000');
    const since = new Date('2026-11-01T00:00:00Z');
    expect(await shop.ordersOfCustomer('U-42', { since, limit: 5 })).toHaveLength(1);
    expect(server.requests[1].url).toBe(
      '/kefu/v1/customers/U-42/orders?since=2026-11-01T00%3A00%3A00.000Z&limit=5',
    );
    expect(await shop.verifyOrderAccess('SO-1001', { phoneTail: '8000' })).toBe(true);
    expect(await shop.verifyOrderAccess('SO-1001', { phoneTail: '8001' })).toBe(false);
    expect(server.requests[2]).toMatchObject({ method: 'POST', body: '{"phoneTail":"8000"}' });
  });

  it('computes promotions locally from the rules the order system sends', async () => {
    server.respondWith(() => ({
      status: 200,
      body: {
        promotions: [
          {
            id: 'T300',
            kind: 'threshold',
            label: '满300减30',
            benefit: { type: 'tiered', tiers: [{ threshold: 30_000, off: 3_000 }] },
            validUntil: '2099-01-01T00:00:00Z',
          },
        ],
      },
    }));
    const result = await shop.promotionsFor(
      {
        currency: 'CNY',
        lines: [{ sku: 'A', unitPrice: 31_000, quantity: 1, storeId: 'main', category: 'home' }],
      },
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(result).toMatchObject({ totalSaving: 3_000, total: 28_000 });
  });

  it('reads one product with its size chart, and null for an unknown one', async () => {
    server.respondWith((req) =>
      req.url === '/kefu/v1/products/T' ? { status: 200, body: product } : { status: 404 },
    );
    const found = await shop.getProduct(' T ');
    expect(found).toMatchObject({ id: 'T', brand: '', colours: [], sizes: ['M', 'L'] });
    expect(found?.sizeChart?.entries[1]).toEqual({ size: 'L', heightCm: { min: 175, max: 185 } });
    expect(await shop.getProduct('NOPE')).toBeNull();
    server.respondWith(() => ({ status: 200, body: { products: [{ ...product, sizeChart: undefined }] } }));
    expect((await shop.findProducts('tee'))[0].sizeChart).toBeNull();
  });

  it("lists an order's returns newest first, and [] for an unknown order", async () => {
    server.respondWith((req) =>
      req.url === '/kefu/v1/orders/SO-1001/returns'
        ? {
            status: 200,
            body: { returns: [rma('R1', '2026-11-10T00:00:00Z'), rma('R2', '2026-11-12T00:00:00Z')] },
          }
        : { status: 404 },
    );
    const returns = await shop.returnsOfOrder('SO-1001');
    expect(returns.map((r) => r.rmaNumber)).toEqual(['R2', 'R1']);
    expect(returns[0]).toMatchObject({ exchangeFor: null, updatedAt: new Date('2026-11-12T00:00:00Z') });
    expect(await shop.returnsOfOrder('NOPE')).toEqual([]);
  });

  it('asks for a return with the request key as Idempotency-Key, and gets the same RMA for the same key', async () => {
    const answers = new Map<string, unknown>();
    server.respondWith((req) => {
      if (req.method !== 'POST' || req.url !== '/kefu/v1/returns') return { status: 404 };
      const key = String(req.headers['idempotency-key']);
      if (!answers.has(key))
        answers.set(key, {
          decision: 'return_label',
          reasonCode: 'at_or_above_value_threshold',
          rma: rma(`R${answers.size + 1}`, '2026-11-20T00:00:00Z'),
        });
      return { status: 201, body: answers.get(key) };
    });
    const input = {
      orderNumber: ' SO-1001 ',
      kind: 'exchange' as const,
      reason: 'too small',
      requestKey: 'msg-1:exchange',
      exchangeFor: { size: 'L' },
    };
    const first = await shop.createReturn(input);
    expect(await shop.createReturn(input)).toEqual(first);
    expect(first).toMatchObject({ decision: 'return_label', rma: { rmaNumber: 'R1' } });
    expect(first.rma?.createdAt).toEqual(new Date('2026-11-20T00:00:00Z'));
    expect(answers.size).toBe(1);
    expect(server.requests[0].headers['idempotency-key']).toBe('msg-1:exchange');
    expect(JSON.parse(server.requests[0].body)).toEqual({
      orderNumber: 'SO-1001',
      kind: 'exchange',
      reason: 'too small',
      requestKey: 'msg-1:exchange',
      exchangeFor: { size: 'L' },
    });
  });

  it('passes on a refused return, and refuses one for an order the order system does not know', async () => {
    server.respondWith(() => ({
      status: 200,
      body: { decision: 'refused', reasonCode: 'outside_return_window', rma: null },
    }));
    const input = { orderNumber: 'SO-1001', kind: 'return' as const, reason: 'late', requestKey: 'k1' };
    expect(await shop.createReturn(input)).toEqual({
      decision: 'refused',
      reasonCode: 'outside_return_window',
      rma: null,
    });
    server.respondWith(() => ({ status: 404 }));
    expect(await shop.createReturn(input)).toEqual({
      decision: 'refused',
      reasonCode: 'order_not_found',
      rma: null,
    });
    await expect(shop.createReturn({ ...input, requestKey: ' ' })).rejects.toThrow(RangeError);
  });

  it('cancels an order by POST with the request key, and answers not_found on 404', async () => {
    server.respondWith((req) =>
      req.url === '/kefu/v1/orders/SO-1001/cancel'
        ? { status: 200, body: { outcome: 'too_late', order } }
        : { status: 404 },
    );
    const result = await shop.cancelOrder('SO-1001', 'msg-2:cancel');
    expect(result).toMatchObject({ outcome: 'too_late', order: { number: 'SO-1001', status: 'shipped' } });
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: '{"requestKey":"msg-2:cancel"}' });
    expect(server.requests[0].headers['idempotency-key']).toBe('msg-2:cancel');
    expect(await shop.cancelOrder('NOPE', 'msg-3:cancel')).toEqual({ outcome: 'not_found', order: null });
  });

  const actions: [string, (c: HttpCommerceConnector) => Promise<unknown>][] = [
    ['getProduct', (c) => c.getProduct('T')],
    ['returnsOfOrder', (c) => c.returnsOfOrder('SO-1001')],
    [
      'createReturn',
      (c) => c.createReturn({ orderNumber: 'SO-1001', kind: 'return', reason: 'x', requestKey: 'k' }),
    ],
    ['cancelOrder', (c) => c.cancelOrder('SO-1001', 'k')],
  ];

  it.each(actions)('%s throws CommerceUnavailableError when the order system is down', async (_, act) => {
    const down = new HttpCommerceConnector({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 });
    await expect(act(down)).rejects.toThrow(/could not be reached/);
    server.respondWith(() => ({ status: 503 }));
    await expect(act(shop)).rejects.toThrow(/answered 503/);
    server.respondWith(() => ({ status: 200, body: {}, delayMs: 1_000 }));
    await expect(act(shop)).rejects.toThrow(CommerceUnavailableError);
  });

  it.each([
    [
      'a size chart with min above max',
      '/products/T',
      { ...product, sizeChart: { entries: [{ size: 'M', heightCm: { min: 180, max: 170 } }] } },
      /sizeChart\.entries\.0\.heightCm/,
    ],
    [
      'an accepted return without its RMA',
      '/returns',
      { decision: 'return_label', reasonCode: 'at_or_above_value_threshold' },
      /rma/,
    ],
    [
      'a return reason it does not know',
      '/returns',
      { decision: 'refused', reasonCode: 'moon_phase', rma: null },
      /reasonCode/,
    ],
    [
      'a return state it does not know',
      '/orders/SO-1001/returns',
      { returns: [{ ...rma('R1', '2026-11-10T00:00:00Z'), status: 'lost' }] },
      /returns\.0\.status/,
    ],
    ['a cancellation without the order', '/orders/SO-1001/cancel', { outcome: 'cancelled' }, /order/],
  ])('throws CommerceUnavailableError when the order system sends %s', async (_, path, body, message) => {
    server.respondWith(() => ({ status: 200, body }));
    const call: Record<string, () => Promise<unknown>> = {
      '/products/T': () => shop.getProduct('T'),
      '/returns': () =>
        shop.createReturn({ orderNumber: 'SO-1001', kind: 'return', reason: 'x', requestKey: 'k' }),
      '/orders/SO-1001/returns': () => shop.returnsOfOrder('SO-1001'),
      '/orders/SO-1001/cancel': () => shop.cancelOrder('SO-1001', 'k'),
    };
    const err = await call[path]().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommerceUnavailableError);
    expect((err as Error).message).toMatch(message);
  });

  it.each([
    ['times out', () => ({ status: 200, body: order, delayMs: 1_000 }), /did not answer .* within 300 ms/],
    ['fails with 503', () => ({ status: 503, body: { error: 'maintenance' } }), /answered 503/],
    [
      'answers an order without a total',
      () => ({ status: 200, body: { ...order, total: undefined } }),
      /total/,
    ],
    [
      'sends a shipment state it does not know',
      () => ({
        status: 200,
        body: { ...order, shipments: [{ ...order.shipments[0], status: 'teleported' }] },
      }),
      /shipments\.0\.status/,
    ],
  ])('throws CommerceUnavailableError when the order system %s', async (_, responder, message) => {
    server.respondWith(responder);
    const err = await shop.findOrder('SO-1001').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommerceUnavailableError);
    expect((err as Error).message).toMatch(message);
  });

  it('throws CommerceUnavailableError when nothing listens', async () => {
    const down = new HttpCommerceConnector({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 });
    await expect(down.trackShipment('SF123')).rejects.toThrow(/could not be reached/);
  });

  it('throws CommerceUnavailableError on malformed JSON', async () => {
    server.respondWith(() => ({ status: 200, body: undefined }));
    await expect(shop.findOrder('SO-1001')).rejects.toThrow(/malformed JSON/);
  });

  it('is the connector the app uses when COMMERCE_API_URL is set', async () => {
    @Module({})
    class Root {}
    const root = (config: AppConfig) => ({
      module: Root,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ migrations: [] }),
        QueueModule,
        HttpModule,
        CommerceModule,
      ],
    });
    const t = await createTestApp(root, { SEED_DEMO: 'false', COMMERCE_API_URL: 'http://127.0.0.1:9/kefu' });
    try {
      expect(t.app.get(COMMERCE_CONNECTOR)).toBeInstanceOf(HttpCommerceConnector);
    } finally {
      await t.close();
    }
  });
});
