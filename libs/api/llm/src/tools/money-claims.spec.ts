import { findAmounts, unsupportedAmounts } from './money-claims';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('unsupportedAmounts', () => {
  it('accepts amounts a tool returned, in any notation of their currency', () => {
    const tools = [
      cny(12_900),
      cny(129_900),
      { amount: 980, currency: 'JPY' },
      { amount: 1_250, currency: 'USD' },
    ];
    expect(unsupportedAmounts('您的订单金额为¥129，另一单￥1,299.00', tools)).toEqual([]);
    expect(unsupportedAmounts('合计129元，另一单 1299 元', tools)).toEqual([]);
    expect(unsupportedAmounts('RMB 129 / CNY129.00 / 129.00 CNY / 人民币 vs 129块', tools)).toEqual([]);
    expect(unsupportedAmounts('お支払いは980円です（¥980）', tools)).toEqual([]);
    expect(unsupportedAmounts('We refunded $12.50 (USD 12.5, US$12.50)', tools)).toEqual([]);
  });

  it('flags an amount no tool returned', () => {
    const tools = [cny(12_900)];
    expect(unsupportedAmounts('我们为您补偿¥50，订单金额¥129', tools)).toEqual(['¥50']);
    expect(unsupportedAmounts('补偿 30 元', tools)).toEqual(['30 元']);
    expect(unsupportedAmounts('a $20 coupon', tools)).toEqual(['$20']);
    expect(unsupportedAmounts('500円のクーポン', tools)).toEqual(['500円']);
  });

  it('does not let an amount in one currency back the same number in another', () => {
    expect(unsupportedAmounts('a refund of $129', [cny(12_900)])).toEqual(['$129']);
    expect(unsupportedAmounts('129円', [cny(12_900)])).toEqual(['129円']);
    expect(unsupportedAmounts('129元', [{ amount: 129, currency: 'JPY' }])).toEqual(['129元']);
  });

  it('reads ¥ as either yuan or yen', () => {
    expect(unsupportedAmounts('¥980', [{ amount: 980, currency: 'JPY' }])).toEqual([]);
    expect(unsupportedAmounts('¥980', [cny(98_000)])).toEqual([]);
  });

  it('ignores numbers that are not money', () => {
    expect(unsupportedAmounts('订单 KF100234 有 3 件商品，预计 2 天送达，满意度 95%', [])).toEqual([]);
    expect(unsupportedAmounts('Order 1299 ships in 3 days', [])).toEqual([]);
  });

  it('flags every unbacked amount when no tool returned any', () => {
    expect(unsupportedAmounts('Pay $5 now and €3 later, or £2, HK$10, 1.5万元', [])).toEqual([
      '$5',
      '€3',
      '£2',
      'HK$10',
      '1.5万元',
    ]);
  });
});

describe('findAmounts', () => {
  it('reads value and possible currencies', () => {
    expect(findAmounts('HK$1,200.50 和 1.5万元')).toEqual([
      { text: 'HK$1,200.50', value: 1200.5, currencies: ['HKD'] },
      { text: '1.5万元', value: 15_000, currencies: ['CNY'] },
    ]);
  });
});
