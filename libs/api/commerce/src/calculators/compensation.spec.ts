import { type CompensationRequest, DEFAULT_COMPENSATION_POLICY, calculateCompensation } from './compensation';

const request = (overrides: Partial<CompensationRequest> = {}): CompensationRequest => ({
  tier: 'regular',
  severity: 'minor',
  orderValue: 20000,
  currency: 'USD',
  ...overrides,
});

describe('calculateCompensation', () => {
  it('offers a coupon of the severity percentage for a regular customer with a minor issue', () => {
    const r = calculateCompensation(request());
    expect(r).toMatchObject({
      kind: 'coupon',
      amount: 1000,
      currency: 'USD',
      capped: false,
      requiresApproval: false,
    });
    expect(r.message.en).toBe('We are sorry for the trouble; please accept a $10 coupon');
    expect(r.message['zh-CN']).toContain('$10的优惠券');
  });

  it('scales with the tier multiplier', () => {
    expect(calculateCompensation(request({ tier: 'silver' })).amount).toBe(1200);
    expect(calculateCompensation(request({ tier: 'gold', severity: 'moderate' })).amount).toBe(3000);
  });

  it('clamps to the tier’s absolute cap', () => {
    const r = calculateCompensation(request({ tier: 'gold', severity: 'moderate', orderValue: 100000 }));
    // 100000 × 10 % × 1.5 = 15000, gold cap is min(20 % = 20000, $35) = 3500.
    expect(r).toMatchObject({ amount: 3500, cap: 3500, capped: true, requiresApproval: true });
    expect(r.approvalReasons).toEqual(['above_auto_approve_limit']);
  });

  it('clamps to the percentage-of-order cap on small orders', () => {
    const r = calculateCompensation(request({ tier: 'vip', severity: 'severe', orderValue: 1000 }));
    // 1000 × 20 % × 2 = 400 but VIP may get at most 30 % of the order = 300.
    expect(r).toMatchObject({ kind: 'refund', amount: 300, cap: 300, capped: true });
  });

  it('never exceeds the cap even when an agent requests more', () => {
    const r = calculateCompensation(request({ requestedAmount: 999999 }));
    expect(r).toMatchObject({ amount: 1000, capped: true });
    expect(calculateCompensation(request({ requestedAmount: 500 }))).toMatchObject({
      amount: 500,
      capped: false,
    });
  });

  it('requires approval for severe issues and offers a refund', () => {
    const r = calculateCompensation(request({ severity: 'severe' }));
    // 20000 × 20 % = 4000, clamped to the regular tier's $10.
    expect(r).toMatchObject({
      kind: 'refund',
      amount: 1000,
      capped: true,
      requiresApproval: true,
      approvalReasons: ['severity'],
    });
    expect(r.message.ja).toContain('責任者の承認');
  });

  it('needs approval at one unit above the auto-approve limit, not at it', () => {
    const policy = { ...DEFAULT_COMPENSATION_POLICY, autoApproveUpTo: { USD: 1000 } };
    expect(calculateCompensation(request({ policy })).requiresApproval).toBe(false);
    expect(
      calculateCompensation(request({ policy, tier: 'gold', requestedAmount: 1001, orderValue: 100000 }))
        .requiresApproval,
    ).toBe(true);
  });

  it('requires approval when the currency has no auto-approve limit', () => {
    const policy = {
      ...DEFAULT_COMPENSATION_POLICY,
      caps: {
        ...DEFAULT_COMPENSATION_POLICY.caps,
        regular: { maxPercentOfOrder: 10, maxAmount: { SEK: 10000 } },
      },
    };
    const r = calculateCompensation(request({ currency: 'SEK', policy }));
    expect(r.approvalReasons).toEqual(['no_auto_approve_limit']);
  });

  it('hands a zero-value order to an agent', () => {
    const r = calculateCompensation(request({ orderValue: 0 }));
    expect(r).toMatchObject({ amount: 0, requiresApproval: true, approvalReasons: ['nothing_to_offer'] });
    expect(r.message['zh-CN']).toContain('需由客服为您确认');
  });

  it('works in zero-decimal currencies', () => {
    const r = calculateCompensation(request({ currency: 'JPY', orderValue: 30000 }));
    expect(r).toMatchObject({ amount: 1500, cap: 1500 });
    expect(r.message.ja).toContain('¥1500');
  });

  describe('bad input', () => {
    it.each([
      [{ tier: 'platinum' }, /tier must be one of/],
      [{ severity: 'catastrophic' }, /severity must be one of/],
      [{ orderValue: -100 }, /orderValue/],
      [{ requestedAmount: 1.5 }, /requestedAmount/],
      [{ currency: 'SEK' }, /no compensation cap configured for tier regular in SEK/],
    ])('throws RangeError (%#)', (overrides, message) => {
      expect(() => calculateCompensation(request(overrides as Partial<CompensationRequest>))).toThrow(
        RangeError,
      );
      expect(() => calculateCompensation(request(overrides as Partial<CompensationRequest>))).toThrow(
        message,
      );
    });
  });
});
