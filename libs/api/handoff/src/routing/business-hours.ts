import type { BusinessHours } from '@kefu/shared/contracts';
import { isOpen } from '@kefu/api/conversations';

/** A team without hours (or with `enabled: false`) is always open. */
export const ALWAYS_OPEN: BusinessHours = { enabled: false, timezone: 'Asia/Shanghai', days: [] };

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Local wall-clock minus UTC, in minutes, at `at` in `timezone`. */
function offsetMinutes(at: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant a local date and time (minutes after midnight) in `timezone` is. */
function zonedInstant(y: number, m: number, d: number, minutes: number, timezone: string): number {
  const wall = Date.UTC(y, m, d, 0, minutes);
  const first = offsetMinutes(new Date(wall), timezone);
  const t = wall - first * 60_000;
  const second = offsetMinutes(new Date(t), timezone);
  return second === first ? t : wall - second * 60_000;
}

/** The local calendar date of `at` in `timezone`. */
function localDate(at: Date, timezone: string): { y: number; m: number; d: number } {
  const local = new Date(at.getTime() + offsetMinutes(at, timezone) * 60_000);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth(), d: local.getUTCDate() };
}

/**
 * When the hours next open at or after `at`: `at` itself when open now (or without hours), null
 * when no day is ever open. Hours are read in their time zone; an entry whose open equals its close
 * is open the whole day (from midnight), one that closes before it opens runs past midnight.
 */
export function nextOpening(hours: BusinessHours | null, at: Date): Date | null {
  if (!hours || !hours.enabled || isOpen(hours, at)) return at;
  if (!hours.days.length) return null;
  const { y, m, d } = localDate(at, hours.timezone);
  let best: number | null = null;
  for (let i = 0; i <= 8; i++) {
    const day = new Date(Date.UTC(y, m, d + i)).getUTCDay();
    for (const entry of hours.days) {
      if (entry.day !== day) continue;
      const opensAt = entry.open === entry.close ? 0 : toMinutes(entry.open);
      const t = zonedInstant(y, m, d + i, opensAt, hours.timezone);
      if (t > at.getTime() && (best === null || t < best)) best = t;
    }
    if (best !== null) break;
  }
  return best === null ? null : new Date(best);
}

/** Whether hours (null: always open) are open at `at`. */
export function openAt(hours: BusinessHours | null, at: Date): boolean {
  return !hours || isOpen(hours, at);
}
