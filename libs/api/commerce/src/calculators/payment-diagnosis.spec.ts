import { diagnosePaymentFailure } from './payment-diagnosis';

describe('diagnosePaymentFailure', () => {
  it.each([
    ['card_declined', 'card_problem', 'no'],
    ['insufficient_funds', 'insufficient_funds', 'after_shopper_action'],
    ['expired_card', 'card_problem', 'no'],
    ['incorrect_cvc', 'card_problem', 'after_shopper_action'],
    ['authentication_required', 'three_ds_failed', 'after_shopper_action'],
    ['processing_error', 'gateway_error', 'immediately'],
    ['rate_limit', 'gateway_error', 'later'],
    ['network_timeout', 'network', 'immediately'],
    ['ETIMEDOUT', 'network', 'immediately'],
    ['limit_exceeded', 'limit_exceeded', 'after_shopper_action'],
    ['ACQ.BUYER_BALANCE_NOT_ENOUGH', 'insufficient_funds', 'after_shopper_action'],
    ['ACQ.SYSTEM_ERROR', 'gateway_error', 'later'],
    ['SYSTEM_ERROR', 'gateway_error', 'later'],
    ['NOTENOUGH', 'insufficient_funds', 'after_shopper_action'],
    ['余额不足', 'insufficient_funds', 'after_shopper_action'],
    ['超出限额', 'limit_exceeded', 'after_shopper_action'],
  ])('maps %s to %s (retry: %s)', (code, category, retry) => {
    const d = diagnosePaymentFailure(code);
    expect(d).toMatchObject({ category, retry, matchedBy: 'code' });
    expect(d.retryable).toBe(retry !== 'no');
  });

  it('prefers the Stripe decline code over the generic card_declined', () => {
    const d = diagnosePaymentFailure({
      code: 'card_declined',
      declineCode: 'card_velocity_exceeded',
      gateway: 'stripe',
    });
    expect(d).toMatchObject({
      category: 'limit_exceeded',
      matchedBy: 'decline_code',
      code: 'card_velocity_exceeded',
    });
  });

  it('recognises free-text "limit exceeded" and Chinese messages by keyword', () => {
    expect(diagnosePaymentFailure('Limit Exceeded')).toMatchObject({
      category: 'limit_exceeded',
      matchedBy: 'code',
    });
    expect(diagnosePaymentFailure('daily limit exceeded for this card')).toMatchObject({
      category: 'limit_exceeded',
      matchedBy: 'keyword',
    });
    expect(diagnosePaymentFailure({ code: 'PAY_FAIL', message: '银行卡余额不足，请更换' })).toMatchObject({
      category: 'insufficient_funds',
      matchedBy: 'keyword',
    });
    expect(diagnosePaymentFailure({ message: 'Request timed out' })).toMatchObject({
      category: 'network',
      retry: 'immediately',
    });
    expect(diagnosePaymentFailure({ message: '3-D Secure authentication failed' }).category).toBe(
      'three_ds_failed',
    );
  });

  it('tells the shopper what to do in every locale', () => {
    const d = diagnosePaymentFailure('insufficient_funds');
    expect(d.advice['zh-CN']).toContain('余额不足');
    expect(d.advice.en).toContain('not enough funds');
    expect(d.advice.ja).toContain('残高が不足');
    const net = diagnosePaymentFailure('network_timeout');
    expect(net.advice.en).toContain('try again');
  });

  it('returns unknown with a cautious retry for an unknown gateway code', () => {
    const d = diagnosePaymentFailure({ code: 'XYZ_123', gateway: 'somepay' });
    expect(d).toMatchObject({
      category: 'unknown',
      retry: 'later',
      retryable: true,
      matchedBy: 'none',
      code: 'xyz_123',
    });
    expect(d.advice['zh-CN']).toContain('联系客服');
  });

  describe('bad input', () => {
    it('throws RangeError when there is no code, decline code or message', () => {
      expect(() => diagnosePaymentFailure('')).toThrow(RangeError);
      expect(() => diagnosePaymentFailure({ code: '   ' })).toThrow(
        /failure code, decline code or message is required/,
      );
      expect(() => diagnosePaymentFailure({ code: 42 as unknown as string })).toThrow(
        /code must be a string/,
      );
    });
  });
});
