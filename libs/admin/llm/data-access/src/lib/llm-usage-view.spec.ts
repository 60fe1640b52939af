import { failureRatio, purposeRows, usageIsEmpty, usageRows } from './llm-usage-view';
import { usageDay, usageReport } from './testing';

describe('usage report views', () => {
  it('is empty when no day has a call, even with days in the range', () => {
    expect(usageIsEmpty(usageReport([usageDay('2026-11-19'), usageDay('2026-11-20')]))).toBe(true);
    expect(
      usageIsEmpty(usageReport([usageDay('2026-11-19'), usageDay('2026-11-20', { calls: 1, failed: 1 })])),
    ).toBe(false);
  });

  it('lists days newest first', () => {
    const r = usageReport([usageDay('2026-11-19'), usageDay('2026-11-21'), usageDay('2026-11-20')]);
    expect(usageRows(r).map((d) => d.day)).toEqual(['2026-11-21', '2026-11-20', '2026-11-19']);
  });

  it('orders purposes by cost with their share', () => {
    const r = usageReport([], {
      byPurpose: [
        { purpose: 'classify', calls: 40, costUsd: 0.25 },
        { purpose: 'reply', calls: 10, costUsd: 0.75 },
        { purpose: 'test', calls: 1, costUsd: 0 },
      ],
    });
    expect(purposeRows(r).map((p) => [p.purpose, p.share])).toEqual([
      ['reply', 0.75],
      ['classify', 0.25],
      ['test', 0],
    ]);
  });

  it('computes the failure ratio, 0 without calls', () => {
    expect(failureRatio(usageReport([usageDay('2026-11-20', { calls: 8, failed: 2 })]))).toBe(0.25);
    expect(failureRatio(usageReport([]))).toBe(0);
  });
});
