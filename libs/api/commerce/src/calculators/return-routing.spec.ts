import { DEFAULT_RETURN_POLICY, type ReturnRequest, routeReturn } from './return-routing';

const DELIVERED = new Date('2025-11-01T10:00:00Z');
const DAY = 86_400_000;
const request = (overrides: Partial<ReturnRequest> = {}): ReturnRequest => ({
  category: 'apparel',
  itemValue: 5000,
  currency: 'USD',
  deliveredAt: DELIVERED,
  now: new Date(DELIVERED.getTime() + 2 * DAY),
  ...overrides,
});

describe('routeReturn', () => {
  it('refunds without a return when the item is worth less than $30', () => {
    const r = routeReturn(request({ itemValue: 2999 }));
    expect(r).toMatchObject({
      decision: 'refund_without_return',
      reason: 'below_value_threshold',
      threshold: 3000,
    });
    expect(r.message.en).toContain('$29.99');
    expect(r.message['zh-CN']).toContain('无需寄回');
  });

  it('issues a return label when the value is exactly at the threshold', () => {
    const r = routeReturn(request({ itemValue: 3000 }));
    expect(r).toMatchObject({ decision: 'return_label', reason: 'at_or_above_value_threshold' });
    expect(r.deadline).toEqual(new Date('2025-11-08T10:00:00Z'));
    expect(r.message.ja).toContain('2025-11-08');
  });

  it('uses the per-currency threshold (CNY and JPY defaults) and accepts a configured map', () => {
    expect(routeReturn(request({ currency: 'CNY', itemValue: 19999 })).decision).toBe(
      'refund_without_return',
    );
    expect(routeReturn(request({ currency: 'JPY', itemValue: 4500 })).decision).toBe('return_label');
    const custom = routeReturn(
      request({ itemValue: 4000, policy: { refundWithoutReturnBelow: { USD: 5000 } } }),
    );
    expect(custom).toMatchObject({ decision: 'refund_without_return', threshold: 5000 });
  });

  it('issues a label when no threshold is configured for the currency', () => {
    expect(routeReturn(request({ currency: 'SEK', itemValue: 1 }))).toMatchObject({
      decision: 'return_label',
      reason: 'no_threshold_for_currency',
    });
  });

  it('accepts a return at the last instant of the window and refuses one millisecond later', () => {
    const deadline = DELIVERED.getTime() + DEFAULT_RETURN_POLICY.windowDays * DAY;
    expect(routeReturn(request({ now: new Date(deadline) })).decision).toBe('return_label');
    const late = routeReturn(request({ now: new Date(deadline + 1) }));
    expect(late).toMatchObject({ decision: 'refused', reason: 'outside_return_window' });
    expect(late.message['zh-CN']).toBe('很抱歉，已超过7天退货期限（截至2025-11-08），无法退货');
  });

  it('refuses even cheap items outside the window', () => {
    expect(
      routeReturn(request({ itemValue: 100, now: new Date(DELIVERED.getTime() + 30 * DAY) })).decision,
    ).toBe('refused');
  });

  it('refuses non-returnable categories such as underwear and food', () => {
    for (const category of ['underwear', 'food']) {
      const r = routeReturn(request({ category, itemValue: 100 }));
      expect(r).toMatchObject({ decision: 'refused', reason: 'category_not_returnable' });
      expect(r.deadline).toBeUndefined();
    }
  });

  it('refuses an item that has not been delivered yet, even a cheap or non-returnable one', () => {
    for (const overrides of [{}, { itemValue: 1 }, { category: 'food' }]) {
      const r = routeReturn(request({ ...overrides, deliveredAt: null }));
      expect(r).toMatchObject({ decision: 'refused', reason: 'not_delivered' });
      expect(r.deadline).toBeUndefined();
    }
    const r = routeReturn(request({ deliveredAt: null }));
    expect(r.message.en).toContain('not been delivered');
    expect(r.message['zh-CN']).toContain('还没有签收');
    expect(r.message.ja).toContain('お届けが完了していない');
  });

  it('applies per-category windows and lets a policy make a category returnable again', () => {
    const policy = {
      windowDays: 15,
      categories: { electronics: { returnable: true, windowDays: 30 }, food: { returnable: true } },
    };
    const now = new Date(DELIVERED.getTime() + 20 * DAY);
    expect(routeReturn(request({ category: 'electronics', now, policy })).decision).toBe('return_label');
    expect(routeReturn(request({ category: 'apparel', now, policy })).decision).toBe('refused');
    expect(routeReturn(request({ category: 'food', itemValue: 100, now: DELIVERED, policy })).decision).toBe(
      'refund_without_return',
    );
  });

  describe('bad input', () => {
    it.each([
      [{ itemValue: -1 }, /itemValue/],
      [{ itemValue: 10.5 }, /itemValue/],
      [{ currency: 'usd' }, /currency/],
      [{ category: '' }, /category/],
      [{ deliveredAt: new Date('nope') }, /deliveredAt/],
      [{ deliveredAt: undefined }, /deliveredAt/],
      [{ deliveredAt: null, itemValue: -1 }, /itemValue/],
      [{ now: new Date(DELIVERED.getTime() - 1) }, /in the future/],
      [{ policy: { windowDays: -1 } }, /policy.windowDays/],
      [{ policy: { refundWithoutReturnBelow: { USD: -5 } } }, /refundWithoutReturnBelow.USD/],
    ])('throws RangeError (%#)', (overrides, message) => {
      expect(() => routeReturn(request(overrides as Partial<ReturnRequest>))).toThrow(RangeError);
      expect(() => routeReturn(request(overrides as Partial<ReturnRequest>))).toThrow(message);
    });
  });
});
