import { applyBasisPoints, formatMoney, percentToBasisPoints } from './common';

describe('common money helpers', () => {
  it('formats minor units per currency', () => {
    expect(formatMoney(5000, 'CNY')).toBe('¥50');
    expect(formatMoney(5050, 'CNY')).toBe('¥50.50');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
    expect(formatMoney(980, 'JPY')).toBe('¥980');
    expect(formatMoney(1234, 'SEK')).toBe('SEK 12.34');
  });

  it('converts percentages to basis points exactly and rounds discounts down', () => {
    expect(percentToBasisPoints(12.5, 'p')).toBe(1250);
    expect(applyBasisPoints(999, 1250)).toBe(124);
    expect(applyBasisPoints(30, 10000)).toBe(30);
  });

  it('throws RangeError for out-of-range or over-precise percentages', () => {
    expect(() => percentToBasisPoints(0, 'p')).toThrow(RangeError);
    expect(() => percentToBasisPoints(101, 'p')).toThrow(RangeError);
    expect(() => percentToBasisPoints(12.345, 'p')).toThrow(/two decimals/);
    expect(percentToBasisPoints(0, 'p', true)).toBe(0);
  });
});
