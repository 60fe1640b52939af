import type { BusinessHours } from '@kefu/shared/contracts';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * A team's hours in one line, e.g. "Mon–Fri 09:00–18:00, Sat 10:00–16:00 (Asia/Shanghai)", or
 * "Always open". Consecutive days with the same hours are joined (Monday first).
 */
export function hoursSummary(hours: BusinessHours, lang: string, t: Translate): string {
  if (!hours.enabled) return t('teams.hours.alwaysOpen');
  if (!hours.days.length) return t('teams.hours.neverOpen', { timezone: hours.timezone });
  const fmt = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  const name = (d: number) => fmt.format(new Date(Date.UTC(2023, 0, 1 + d)));
  const order = [1, 2, 3, 4, 5, 6, 0];
  const byDay = new Map(hours.days.map((d) => [d.day, `${d.open}–${d.close}`]));
  const runs: { from: number; to: number; span: string }[] = [];
  order.forEach((day, i) => {
    const span = byDay.get(day);
    if (!span) return;
    const last = runs[runs.length - 1];
    if (last && last.span === span && order.indexOf(last.to) === i - 1) last.to = day;
    else runs.push({ from: day, to: day, span });
  });
  const parts = runs.map((r) => `${r.from === r.to ? name(r.from) : `${name(r.from)}–${name(r.to)}`} ${r.span}`);
  return `${parts.join(', ')} (${hours.timezone})`;
}
