import type { LlmUsageDay, LlmUsagePurpose, LlmUsageReportDto } from '@kefu/shared/contracts';

/** What Claude is called for; the usage page names each (other values show as they are). */
export const LLM_PURPOSES = ['reply', 'classify', 'handoff_summary', 'suggest', 'test'] as const;

/** No call in the range: the page explains that Claude answers once a key is set, instead of a flat chart. */
export function usageIsEmpty(report: LlmUsageReportDto): boolean {
  return report.totals.calls === 0 && report.days.every((d) => d.calls === 0);
}

/** The table's rows: newest day first. */
export function usageRows(report: LlmUsageReportDto): LlmUsageDay[] {
  return [...report.days].sort((a, b) => b.day.localeCompare(a.day));
}

/** Purposes by cost, then calls; each with its share of the cost. */
export function purposeRows(report: LlmUsageReportDto): (LlmUsagePurpose & { share: number })[] {
  const total = report.byPurpose.reduce((s, p) => s + p.costUsd, 0);
  return [...report.byPurpose]
    .sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls || a.purpose.localeCompare(b.purpose))
    .map((p) => ({ ...p, share: total > 0 ? p.costUsd / total : 0 }));
}

/** Share of calls that failed (0 without calls). */
export function failureRatio(report: LlmUsageReportDto): number {
  return report.totals.calls > 0 ? report.totals.failed / report.totals.calls : 0;
}
