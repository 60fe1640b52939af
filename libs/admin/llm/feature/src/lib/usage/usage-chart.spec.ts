import type { LlmUsageDay, LlmUsageReportDto } from '@kefu/shared/contracts';
import { CALLS_COLOR, COST_COLOR, usageChartData, usageChartOptions } from './usage-chart';

const day = (d: string, calls: number, costUsd: number): LlmUsageDay => ({
  day: d,
  calls,
  failed: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd,
  medianLatencyMs: null,
});

const report = (days: LlmUsageDay[]): LlmUsageReportDto => ({
  from: '2026-11-19',
  to: '2026-11-21',
  timezone: 'Asia/Shanghai',
  days,
  byPurpose: [],
  totals: {
    calls: 0,
    failed: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    costUsd: 0,
    cacheHitRatio: 0,
  },
  dailyBudgetUsd: null,
});

describe('usage chart', () => {
  const labels = { cost: 'Cost (USD)', calls: 'Calls' };
  const year = new Date().getFullYear();

  it('draws cost per day as bars and calls as a line, oldest day first, empty days included', () => {
    const r = report([
      day(`${year}-11-21`, 3, 0.0123456789),
      day(`${year}-11-19`, 10, 1.5),
      day(`${year}-11-20`, 0, 0),
    ]);
    const data = usageChartData(r, 'en', labels);
    expect(data.labels).toEqual(['Nov 19', 'Nov 20', 'Nov 21']);
    const [calls, cost] = data.datasets;
    expect(cost).toMatchObject({
      type: 'bar',
      label: 'Cost (USD)',
      yAxisID: 'cost',
      borderColor: COST_COLOR,
      data: [1.5, 0, 0.012346],
    });
    expect(calls).toMatchObject({
      type: 'line',
      label: 'Calls',
      yAxisID: 'calls',
      borderColor: CALLS_COLOR,
      data: [10, 0, 3],
    });
    // The line is drawn over the bars.
    expect((calls as { order: number }).order).toBeLessThan((cost as { order: number }).order);
  });

  it('labels the days in Chinese for zh-CN', () => {
    expect(usageChartData(report([day(`${year}-11-21`, 1, 1)]), 'zh-CN', labels).labels).toEqual([
      '11月21日',
    ]);
  });

  it('puts dollars on the left axis and whole calls on the right', () => {
    const options = usageChartOptions('en') as {
      scales: Record<string, { position?: string; ticks: { callback: (v: number) => string } }>;
      plugins: { tooltip: { callbacks: { label: (ctx: object) => string } } };
    };
    expect(options.scales['cost'].position).toBe('left');
    expect(options.scales['cost'].ticks.callback(2.5)).toBe('$2.50');
    expect(options.scales['calls'].position).toBe('right');
    expect(options.scales['calls'].ticks.callback(1200)).toBe('1,200');
    const label = options.plugins.tooltip.callbacks.label;
    expect(label({ parsed: { y: 0.5 }, dataset: { yAxisID: 'cost', label: 'Cost (USD)' } })).toBe(
      'Cost (USD): $0.50',
    );
    expect(label({ parsed: { y: 42 }, dataset: { yAxisID: 'calls', label: 'Calls' } })).toBe('Calls: 42');
  });
});
