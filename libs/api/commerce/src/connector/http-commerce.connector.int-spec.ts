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
