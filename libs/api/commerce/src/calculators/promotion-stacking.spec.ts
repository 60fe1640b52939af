import {
  type Cart,
  type CartLine,
  type Promotion,
  MAX_COMBINATIONS,
  MAX_PROMOTIONS,
  findBestPromotionCombination,
} from './promotion-stacking';

const NOW = new Date('2025-11-11T12:00:00Z');
const line = (unitPrice: number, extra: Partial<CartLine> = {}): CartLine => ({
  sku: 'SKU-1',
  unitPrice,
  quantity: 1,
  storeId: 'store-a',
  category: 'apparel',
  ...extra,
});
const cart = (...lines: CartLine[]): Cart => ({ currency: 'CNY', lines });
const manjian = (
  id = 'mj',
  tiers = [{ threshold: 30000, off: 5000 }],
  extra: Partial<Promotion> = {},
): Promotion => ({
  id,
  kind: 'threshold',
  label: '满300减50',
  benefit: { type: 'tiered', tiers },
  ...extra,
});
const storeCoupon = (id: string, off: number, extra: Partial<Promotion> = {}): Promotion => ({
  id,
  kind: 'store_coupon',
  label: `店铺券 ¥${off / 100}`,
  benefit: { type: 'amount', off },
  storeIds: ['store-a'],
  ...extra,
});
const platformCoupon = (
  id: string,
  off: number,
  minSpend: number,
  extra: Partial<Promotion> = {},
): Promotion => ({
  id,
  kind: 'platform_coupon',
  label: { 'zh-CN': '平台券', en: 'Platform coupon', ja: 'プラットフォームクーポン' },
  benefit: { type: 'amount', off },
  minSpend,
  ...extra,
});
const run = (c: Cart, promotions: Promotion[]) =>
  findBestPromotionCombination({ cart: c, promotions, now: NOW });

describe('findBestPromotionCombination', () => {
  it('applies 满300减50 when the cart is exactly at the 300 threshold', () => {
    const r = run(cart(line(30000)), [manjian()]);
    expect(r).toMatchObject({ currency: 'CNY', subtotal: 30000, totalSaving: 5000, total: 25000 });
    expect(r.applied).toEqual([{ promotionId: 'mj', kind: 'threshold', saving: 5000 }]);
    expect(r.explanation['zh-CN']).toBe('满300减50 已用：减¥50；共优惠¥50，应付¥250');
  });

  it('rejects 满300减50 one fen below the threshold and says how much is missing', () => {
    const r = run(cart(line(29999)), [manjian()]);
    expect(r.totalSaving).toBe(0);
    expect(r.rejected).toEqual([
      { promotionId: 'mj', reason: 'min_spend_not_met', required: 30000, shortfall: 1 },
    ]);
    expect(r.explanation['zh-CN']).toContain('满300减50：需满¥300，差¥0.01');
    expect(r.explanation.en).toContain('needs a spend of ¥300, ¥0.01 to go');
  });

  it('uses the highest 满减 tier reached', () => {
    const tiers = [
      { threshold: 30000, off: 5000 },
      { threshold: 50000, off: 10000 },
    ];
    expect(run(cart(line(52000)), [manjian('mj', tiers)]).totalSaving).toBe(10000);
    expect(run(cart(line(49900)), [manjian('mj', tiers)]).totalSaving).toBe(5000);
  });

  it('stacks 满减, a store coupon and a platform coupon, with thresholds on the price after earlier layers', () => {
    const r = run(cart(line(40000)), [manjian(), storeCoupon('sc', 2000), platformCoupon('pc', 3000, 50000)]);
    expect(r.applied.map((a) => [a.promotionId, a.saving])).toEqual([
      ['mj', 5000],
      ['sc', 2000],
    ]);
    // 400 − 50 − 20 = 330 left when the platform coupon is considered → 170 short of 500.
    expect(r.rejected).toEqual([
      { promotionId: 'pc', reason: 'min_spend_not_met', required: 50000, shortfall: 17000 },
    ]);
    expect(r.explanation['zh-CN']).toBe(
      '满300减50 已用：减¥50；店铺券 ¥20 已用：减¥20；平台券：需满¥500，差¥170；共优惠¥70，应付¥330',
    );
    expect(r.explanation.ja).toContain('プラットフォームクーポン：¥500以上のご購入が必要です（あと¥170）');
  });

  it('a platform coupon stacks with a store coupon', () => {
    const r = run(cart(line(60000)), [storeCoupon('sc', 2000), platformCoupon('pc', 3000, 50000)]);
    expect(r.totalSaving).toBe(5000);
    expect(r.rejected).toEqual([]);
  });

  it('uses only the better of two platform coupons', () => {
    const r = run(cart(line(60000)), [platformCoupon('small', 2000, 0), platformCoupon('big', 4000, 50000)]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['big']);
    expect(r.rejected).toEqual([{ promotionId: 'small', reason: 'not_combinable', conflictsWith: ['big'] }]);
    expect(r.explanation.en).toContain('cannot be combined with Platform coupon');
  });

  it('keeps the smaller platform coupon when the bigger one misses its minimum spend', () => {
    const r = run(cart(line(40000)), [platformCoupon('small', 2000, 0), platformCoupon('big', 4000, 50000)]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['small']);
    expect(r.rejected).toEqual([
      { promotionId: 'big', reason: 'min_spend_not_met', required: 50000, shortfall: 10000 },
    ]);
  });

  it('applies one store coupon per store but stacks coupons of different stores', () => {
    const c = cart(line(20000), line(20000, { sku: 'SKU-2', storeId: 'store-b' }));
    const r = run(c, [
      storeCoupon('a-small', 1000),
      storeCoupon('a-big', 1500),
      storeCoupon('b', 1000, { storeIds: ['store-b'] }),
    ]);
    expect(r.applied.map((a) => a.promotionId).sort()).toEqual(['a-big', 'b']);
    expect(r.rejected[0]).toMatchObject({ promotionId: 'a-small', reason: 'not_combinable' });
  });

  it('rejects a coupon expired by one minute, one ending right now, and one not started yet', () => {
    const minute = 60_000;
    const r = run(cart(line(30000)), [
      storeCoupon('expired', 1000, { validUntil: new Date(NOW.getTime() - minute) }),
      platformCoupon('ends-now', 1000, 0, { validUntil: NOW }),
      manjian('future', undefined, { validFrom: new Date(NOW.getTime() + minute) }),
      storeCoupon('live', 500, { validFrom: NOW, validUntil: new Date(NOW.getTime() + minute) }),
    ]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['live']);
    expect(r.rejected.map((x) => [x.promotionId, x.reason])).toEqual([
      ['expired', 'expired'],
      ['ends-now', 'expired'],
      ['future', 'not_started'],
    ]);
    expect(r.explanation['zh-CN']).toContain('店铺券 ¥10：已过期');
  });

  it('rejects promotions for other stores or categories as not applicable', () => {
    const r = run(cart(line(30000)), [
      storeCoupon('other-store', 1000, { storeIds: ['store-z'] }),
      manjian('shoes-only', undefined, { categories: ['shoes'] }),
    ]);
    expect(r.rejected.map((x) => x.reason)).toEqual(['not_applicable', 'not_applicable']);
  });

  it('caps a percentage discount and limits it to its category', () => {
    const percent: Promotion = {
      id: 'shoes20',
      kind: 'percentage',
      label: '鞋类8折',
      benefit: { type: 'percent', percentOff: 20, cap: 3000 },
      categories: ['shoes'],
    };
    const c = cart(line(10000, { category: 'shoes' }), line(50000, { sku: 'SKU-2' }));
    expect(run(c, [percent]).totalSaving).toBe(2000);
    const c2 = cart(line(20000, { category: 'shoes' }));
    expect(run(c2, [percent]).totalSaving).toBe(3000);
  });

  it('prefers the exclusive promotion only when it saves more than the best combination', () => {
    const combo = [manjian(), storeCoupon('sc', 2000)]; // saves 70
    const exclusive = (off: number): Promotion => ({
      ...platformCoupon('vip', off, 0),
      exclusive: true,
      label: '会员独享',
    });
    const less = run(cart(line(40000)), [...combo, exclusive(6000)]);
    expect(less.totalSaving).toBe(7000);
    expect(less.rejected).toEqual([
      { promotionId: 'vip', reason: 'exclusive_saves_less', standaloneSaving: 6000 },
    ]);
    const more = run(cart(line(40000)), [...combo, exclusive(8000)]);
    expect(more.applied.map((a) => a.promotionId)).toEqual(['vip']);
    expect(more.rejected.map((x) => [x.promotionId, x.reason])).toEqual([
      ['mj', 'excluded_by_exclusive'],
      ['sc', 'excluded_by_exclusive'],
    ]);
  });

  it('breaks a saving tie in favour of fewer promotions', () => {
    const exclusive: Promotion = { ...platformCoupon('vip', 7000, 0), exclusive: true };
    const r = run(cart(line(40000)), [manjian(), storeCoupon('sc', 2000), exclusive]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['vip']);
  });

  it('skips a percentage discount that would push the cart below a 满减 threshold', () => {
    const percent: Promotion = {
      id: 'p10',
      kind: 'percentage',
      label: '9折',
      benefit: { type: 'percent', percentOff: 10 },
    };
    const r = run(cart(line(30000)), [percent, manjian()]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['mj']);
    expect(r.rejected).toEqual([{ promotionId: 'p10', reason: 'no_extra_saving' }]);
  });

  it('honours notCombinableWith from either side', () => {
    const r = run(cart(line(40000)), [
      manjian('mj', undefined, { notCombinableWith: ['sc'] }),
      storeCoupon('sc', 2000),
    ]);
    expect(r.applied.map((a) => a.promotionId)).toEqual(['mj']);
    expect(r.rejected[0]).toMatchObject({
      promotionId: 'sc',
      reason: 'not_combinable',
      conflictsWith: ['mj'],
    });
  });

  it('never discounts below zero and spreads discounts over lines exactly', () => {
    const r = run(cart(line(3000)), [storeCoupon('sc', 5000)]);
    expect(r).toMatchObject({ totalSaving: 3000, total: 0 });
    const three = cart(line(100), line(100, { sku: 'b' }), line(100, { sku: 'c' }));
    const r2 = run(three, [storeCoupon('sc', 100), platformCoupon('pc', 200, 0)]);
    expect(r2).toMatchObject({ totalSaving: 300, total: 0 });
  });

  it('formats yen without decimals', () => {
    const c: Cart = { currency: 'JPY', lines: [line(3000)] };
    const r = run(c, [storeCoupon('sc', 500)]);
    expect(r.explanation.ja).toBe('店铺券 ¥5 適用：¥500引き；合計¥500の割引、お支払い¥2500');
  });

  it('returns the cart untouched when there are no promotions', () => {
    const r = run(cart(line(1000, { quantity: 3 })), []);
    expect(r).toMatchObject({ subtotal: 3000, totalSaving: 0, total: 3000, applied: [], rejected: [] });
  });

  describe('bad input', () => {
    it.each([
      ['an empty cart', cart(), /cart.lines must not be empty/],
      ['a negative price', cart(line(-1)), /unitPrice must be a non-negative integer/],
      ['a fractional price', cart(line(10.5)), /unitPrice/],
      ['a zero quantity', cart(line(100, { quantity: 0 })), /quantity must be a positive integer/],
      ['a bad currency', { currency: 'rmb', lines: [line(100)] }, /cart.currency/],
    ])('throws RangeError for %s', (_name, c, message) => {
      expect(() => run(c as Cart, [])).toThrow(RangeError);
      expect(() => run(c as Cart, [])).toThrow(message);
    });

    it('throws RangeError for duplicate ids, bad percentages and inverted tiers', () => {
      const c = cart(line(100));
      expect(() => run(c, [storeCoupon('x', 1), storeCoupon('x', 2)])).toThrow(/duplicated/);
      const pct: Promotion = {
        id: 'p',
        kind: 'percentage',
        label: 'p',
        benefit: { type: 'percent', percentOff: 120 },
      };
      expect(() => run(c, [pct])).toThrow(RangeError);
      expect(() => run(c, [manjian('m', [{ threshold: 100, off: 200 }])])).toThrow(
        /must not exceed its threshold/,
      );
      expect(() => run(c, [storeCoupon('s', 1, { storeIds: [] })])).toThrow(/storeIds is required/);
    });

    it('refuses more promotions or combinations than the cap', () => {
      const many = Array.from({ length: MAX_PROMOTIONS + 1 }, (_, i) => storeCoupon(`c${i}`, 1));
      expect(() => run(cart(line(100)), many)).toThrow(RangeError);
      const stores = Array.from({ length: 17 }, (_, i) => `s${i}`);
      const c = cart(...stores.map((s) => line(1000, { storeId: s })));
      const independent = stores.map((s) => storeCoupon(s, 10, { storeIds: [s] }));
      expect(2 ** 17).toBeGreaterThan(MAX_COMBINATIONS);
      expect(() => run(c, independent)).toThrow(/promotion combinations/);
      expect(run(c, independent.slice(0, 16)).totalSaving).toBe(160);
    });
  });
});
