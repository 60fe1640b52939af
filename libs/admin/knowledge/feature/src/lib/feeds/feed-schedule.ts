import { TranslocoService } from '@jsverse/transloco';
import { DEFAULT_FEED_SCHEDULE } from '@kefu/shared/contracts';

/** Schedules offered in the feed form; any five-field cron expression may be typed instead. */
export const SCHEDULE_PRESETS = [
  { cron: DEFAULT_FEED_SCHEDULE, label: 'knowledge.feeds.presets.daily' },
  { cron: '0 */6 * * *', label: 'knowledge.feeds.presets.sixHours' },
  { cron: '0 * * * *', label: 'knowledge.feeds.presets.hourly' },
  { cron: '0 3 * * 1', label: 'knowledge.feeds.presets.weekly' },
] as const;

const two = (n: number) => String(n).padStart(2, '0');

/** "Daily at 03:00", "Every Monday at 03:00", "Every hour", or the cron expression itself. */
export function describeSchedule(cron: string, t: TranslocoService, lang: string): string {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return cron;
  const [min, hour, dom, mon, dow] = parts;
  const isNum = (v: string, max: number) => /^\d+$/.test(v) && Number(v) <= max;
  if (dom !== '*' || mon !== '*') return cron;
  if (isNum(min, 59) && hour === '*' && dow === '*')
    return t.translate('knowledge.feeds.describe.hourly', { min: two(Number(min)) });
  const every = /^\*\/(\d+)$/.exec(hour);
  if (isNum(min, 59) && every && dow === '*') {
    return t.translate('knowledge.feeds.describe.everyHours', { n: every[1], min: two(Number(min)) });
  }
  if (!isNum(min, 59) || !isNum(hour, 23)) return cron;
  const time = `${two(Number(hour))}:${two(Number(min))}`;
  if (dow === '*') return t.translate('knowledge.feeds.describe.daily', { time });
  if (isNum(dow, 7)) {
    // 2023-01-01 was a Sunday; cron's 0 and 7 are both Sunday.
    const day = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2023, 0, 1 + (Number(dow) % 7))),
    );
    return t.translate('knowledge.feeds.describe.weekly', { day, time });
  }
  return cron;
}
