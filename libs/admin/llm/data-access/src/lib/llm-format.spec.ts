import { formatDay, formatLatency, formatPercent, formatTokens, formatUsd } from './llm-format';

describe('Claude page formats', () => {
  it('shows dollars with cents, and fractions of a cent below a dollar', () => {
    expect(formatUsd(12.5, 'en')).toBe('$12.50');
    expect(formatUsd(0.0123, 'en')).toBe('$0.0123');
    expect(formatUsd(0, 'en')).toBe('$0.00');
    expect(formatUsd(3, 'zh-CN')).toBe('US$3.00');
  });

  it('shows a report day in the language, whatever the browser time zone', () => {
    expect(formatDay('2026-11-21', 'en', 2026)).toBe('Nov 21');
    expect(formatDay('2026-11-21', 'zh-CN', 2026)).toBe('11月21日');
    expect(formatDay('2025-12-31', 'en', 2026)).toBe('Dec 31, 2025');
  });

  it('compacts tokens, rounds percentages, and names the latency unit', () => {
    expect(formatTokens(1_234_567, 'en')).toBe('1.2M');
    expect(formatTokens(1_234_567, 'zh-CN')).toBe('123.5万');
    expect(formatPercent(0.625, 'en')).toBe('63%');
    expect(formatLatency(412, 'en')).toBe('412 ms');
    expect(formatLatency(2350, 'en')).toBe('2.4 s');
    expect(formatLatency(1000, 'en')).toBe('1.0 s');
    expect(formatLatency(null, 'en')).toBe('—');
  });
});
