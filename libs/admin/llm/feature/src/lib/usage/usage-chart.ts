import { formatCount, formatDay, formatUsd } from '@kefu/admin/llm/data-access';
import type { LlmUsageReportDto } from '@kefu/shared/contracts';
import type { ChartConfiguration } from 'chart.js';

/** Azure (the admin's primary) for cost, amber for calls: told apart without relying on red/green. */
export const COST_COLOR = '#005cbb';
export const CALLS_COLOR = '#e65100';

export interface UsageChartLabels {
  cost: string;
  calls: string;
}

/**
 * The usage chart: cost per day as bars (left axis, US dollars) and calls per day as a line (right axis),
 * oldest day first, days with no calls included so the axis has no gaps.
 */
export function usageChartData(
  report: LlmUsageReportDto,
  locale: string,
  labels: UsageChartLabels,
): ChartConfiguration['data'] {
  const days = [...report.days].sort((a, b) => a.day.localeCompare(b.day));
  return {
    labels: days.map((d) => formatDay(d.day, locale)),
    datasets: [
      {
        type: 'line',
        label: labels.calls,
        data: days.map((d) => d.calls),
        yAxisID: 'calls',
        borderColor: CALLS_COLOR,
        backgroundColor: CALLS_COLOR,
        pointRadius: days.length > 40 ? 0 : 3,
        borderWidth: 2,
        tension: 0.25,
        // Drawn over the bars.
        order: 0,
      },
      {
        type: 'bar',
        label: labels.cost,
        data: days.map((d) => round(d.costUsd, 6)),
        yAxisID: 'cost',
        backgroundColor: 'rgba(0, 92, 187, 0.55)',
        borderColor: COST_COLOR,
        borderWidth: 1,
        order: 1,
      },
    ],
  };
}

/** Axes and tooltips with the admin's language: dollars on the left, whole calls on the right. */
export function usageChartOptions(locale: string): ChartConfiguration['options'] {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { position: 'bottom' },
      tooltip: {
        callbacks: {
          label: (ctx) => {
            const v = Number(ctx.parsed.y ?? 0);
            const text = ctx.dataset.yAxisID === 'cost' ? formatUsd(v, locale) : formatCount(v, locale);
            return `${ctx.dataset.label ?? ''}: ${text}`;
          },
        },
      },
    },
    scales: {
      x: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
      cost: {
        type: 'linear',
        position: 'left',
        beginAtZero: true,
        ticks: { callback: (v) => formatUsd(Number(v), locale) },
      },
      calls: {
        type: 'linear',
        position: 'right',
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        ticks: { precision: 0, callback: (v) => formatCount(Number(v), locale) },
      },
    },
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
