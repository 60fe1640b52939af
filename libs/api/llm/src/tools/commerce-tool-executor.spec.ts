import { CommerceUnavailableError, DEFAULT_COMPENSATION_POLICY } from '@kefu/api/commerce';
import { CommerceToolExecutor } from './commerce-tool-executor';
import { FAKE_NOW, FakeCommerceConnector } from './testing/fake-commerce.connector';
import type { ToolShopper } from './tool-policy';

function setup(shopper: ToolShopper = { customerRef: 'C-1' }) {
  const shop = new FakeCommerceConnector();
  const executor = new CommerceToolExecutor(shop, {
    shopper,
    requestKey: 'msg-42',
    locale: 'en',
    now: () => FAKE_NOW,
  });
  const run = async (name: string, input: unknown) => {
    const r = await executor.execute(name, input);
    return { ...r, body: JSON.parse(r.content) as Record<string, unknown> };
  };
  return { shop, executor, run };
}

describe('CommerceToolExecutor', () => {
  it("shows the verified shopper's order with formatted amounts and no address or phone", async () => {
    const { run, executor } = setup();
    const r = await run('lookup_order', { order_number: 'kf1001' });
    expect(r.status).toBe('ok');
    expect(r.body).toMatchObject({ order_number: 'KF1001', status: 'delivered', total: '¥259' });
    expect(r.content).not.toMatch(/13800138000|Nanjing|Li Lei/);
    expect(executor.amounts).toContainEqual({ amount: 25_900, currency: 'CNY' });
  });

  it("refuses another shopper's order, and an order when nobody is verified", async () => {
    expect((await setup().run('lookup_order', { order_number: 'KF2001' })).body).toMatchObject({
      refused: true,
      reason: 'not_verified_for_order',
    });
    const anonymous = setup({ customerRef: null });
    expect((await anonymous.run('track_shipment', { reference: 'SFKF1001' })).status).toBe('refused');
    expect(anonymous.executor.amounts).toEqual([]);
  });

  it('lets a shopper who proved an order see it without a login', async () => {
    const { run } = setup({ customerRef: null, verifiedOrders: ['KF2001'] });
    expect((await run('lookup_order', { order_number: 'KF2001' })).status).toBe('ok');
  });

  it('says when an order does not exist', async () => {
    expect((await setup().run('lookup_order', { order_number: 'KF9999' })).status).toBe('not_found');
  });

  it('tracks a shipment by tracking number with its latest events', async () => {
    const r = await setup().run('track_shipment', { reference: 'SFKF1001' });
    expect(r.status).toBe('ok');
    expect(r.body['shipments']).toEqual([
      expect.objectContaining({
        order_number: 'KF1001',
        status: 'delivered',
        carrier: 'SF',
        events: [expect.objectContaining({ code: 'delivered' })],
      }),
    ]);
  });

  it('checks stock with prices', async () => {
    const r = await setup().run('check_stock', { product: 'P-TEE', size: 'M' });
    expect(r.body).toMatchObject({ product: 'P-TEE', available: 12 });
    expect(r.content).toContain('¥259');
  });

  it("prices a cart from the shop's prices, never the model's, with the best promotion", async () => {
    const { run, executor } = setup();
    const r = await run('calculate_promotion', {
      lines: [
        { sku: 'SKU-TEE-M', quantity: 1 },
        { sku: 'SKU-TEE-L', quantity: 1 },
      ],
    });
    expect(r.body).toMatchObject({ subtotal: '¥458', saving: '¥50', total: '¥408' });
    expect(executor.amounts).toContainEqual({ amount: 40_800, currency: 'CNY' });
    expect((await run('calculate_promotion', { lines: [{ sku: 'SKU-NOPE', quantity: 1 }] })).status).toBe(
      'not_found',
    );
    expect(
      (await run('calculate_promotion', { lines: [{ sku: 'SKU-TEE-M', quantity: 1, unit_price: 1 }] }))
        .status,
    ).toBe('invalid');
  });

  it('starts a return inside the window with an idempotency key derived from the message', async () => {
    const { run, shop } = setup();
    const r = await run('start_return', { order_number: 'KF1001', kind: 'return', reason: 'too small' });
    expect(r.body).toMatchObject({ decision: 'return_label', return_number: 'RMA1001', refund: '¥259' });
    expect(shop.returns).toEqual([
      expect.objectContaining({
        orderNumber: 'KF1001',
        skuId: 'SKU-TEE-M',
        requestKey: 'msg-42:return:KF1001:SKU-TEE-M',
      }),
    ]);
  });

  it('refuses a return outside the 7-day window without asking the shop', async () => {
    const { run, shop } = setup();
    const r = await run('start_return', {
      order_number: 'KF1002',
      kind: 'return',
      reason: 'changed my mind',
    });
    expect(r.body).toMatchObject({ refused: true, reason: 'outside_return_window', deadline: '2025-05-28' });
    expect(shop.returns).toEqual([]);
  });

  it("refuses a return of someone else's order and of an item not in the order", async () => {
    const { run, shop } = setup();
    expect((await run('start_return', { order_number: 'KF2001', kind: 'return', reason: 'x' })).status).toBe(
      'refused',
    );
    expect(
      (await run('start_return', { order_number: 'KF1001', sku: 'SKU-X', kind: 'return', reason: 'x' })).body,
    ).toMatchObject({
      reason: 'item_not_in_order',
    });
    expect(shop.returns).toEqual([]);
  });

  it("offers the tier's standard compensation", async () => {
    const r = await setup().run('offer_compensation', { order_number: 'KF1001', severity: 'moderate' });
    // silver: 10 % × 1.2 of ¥259, within min(15 % of the order, ¥140)
    expect(r.body).toMatchObject({
      kind: 'coupon',
      amount: '¥31.08',
      cap: '¥38.85',
      requires_approval: false,
    });
  });

  it("refuses compensation above the silver tier's cap and says what the cap is", async () => {
    expect(DEFAULT_COMPENSATION_POLICY.caps.silver.maxPercentOfOrder).toBe(15);
    const { run, executor } = setup();
    const r = await run('offer_compensation', { order_number: 'KF1001', severity: 'moderate', amount: 50 });
    expect(r.status).toBe('refused');
    expect(r.body).toMatchObject({ refused: true, reason: 'above_tier_cap', tier: 'silver', cap: '¥38.85' });
    expect(executor.amounts).toContainEqual({ amount: 3_885, currency: 'CNY' });
  });

  it('grants a requested amount within the cap', async () => {
    const r = await setup().run('offer_compensation', {
      order_number: 'KF1001',
      severity: 'moderate',
      amount: 30,
    });
    expect(r.body).toMatchObject({ amount: '¥30', requires_approval: false });
  });

  it('records a hand-off with its reason and summary', async () => {
    const { executor } = setup();
    const r = await executor.execute('hand_off', { reason: 'customer_request', summary: 'wants a person' });
    expect(r.handoff).toEqual({ reason: 'customer_request', summary: 'wants a person' });
    expect((await executor.execute('hand_off', { reason: 'bored', summary: 'x' })).status).toBe('invalid');
  });

  it('rejects unknown tools, respond, and malformed arguments with an error the model can read', async () => {
    const { run } = setup();
    expect((await run('drop_tables', {})).isError).toBe(true);
    expect((await run('respond', { reply: 'hi' })).status).toBe('invalid');
    const r = await run('lookup_order', { order_number: 42 });
    expect(r).toMatchObject({ status: 'invalid', isError: true });
    expect(r.body['error']).toContain('order_number');
    expect((await run('lookup_order', null)).status).toBe('invalid');
  });

  it('tells the model to hand off when the order system is down', async () => {
    const { run, shop } = setup();
    shop.failWith = new CommerceUnavailableError('down');
    const r = await run('lookup_order', { order_number: 'KF1001' });
    expect(r).toMatchObject({ status: 'unavailable', isError: true });
    expect(r.body['error']).toContain('tool_failure');
  });
});
