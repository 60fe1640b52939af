import { InMemoryUsageRecorder, UsageRecord } from './usage-recorder';

const rec = (at: string, costUsd: number): UsageRecord => ({
  at: new Date(at),
  purpose: 'reply',
  model: 'claude-sonnet-4-6',
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  latencyMs: 0,
  costUsd,
  outcome: 'ok',
});

describe('InMemoryUsageRecorder', () => {
  it('sums what was spent on the same calendar day only', async () => {
    const usage = new InMemoryUsageRecorder();
    await usage.record(rec('2025-06-01T00:00:00Z', 0.5));
    await usage.record(rec('2025-06-01T23:59:59Z', 0.25));
    await usage.record(rec('2025-05-31T23:59:59Z', 9));
    expect(await usage.spentToday(new Date('2025-06-01T12:00:00Z'))).toBeCloseTo(0.75, 9);
  });

  it("starts the budget day at the shop's midnight", async () => {
    const usage = new InMemoryUsageRecorder('Asia/Shanghai');
    await usage.record(rec('2025-05-31T16:30:00Z', 1)); // 00:30 on 1 June in Shanghai
    expect(await usage.spentToday(new Date('2025-06-01T10:00:00Z'))).toBe(1);
    expect(await usage.spentToday(new Date('2025-05-31T15:00:00Z'))).toBe(0);
  });
});
