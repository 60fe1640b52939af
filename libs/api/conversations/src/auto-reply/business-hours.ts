import type { BusinessHours } from '@kefu/shared/contracts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The weekday (0 = Sunday) and minutes since midnight of `at` in `timezone`. */
export function localTime(at: Date, timezone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: WEEKDAYS.indexOf(get('weekday')), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * True when the inbox is open at `at`. Hours that end before they start run past midnight
 * (22:00–02:00 is open late on that day and early the next). Without business hours: always open.
 */
export function isOpen(hours: BusinessHours, at: Date): boolean {
  if (!hours.enabled) return true;
  const { day, minutes } = localTime(at, hours.timezone);
  return hours.days.some((d) => {
    const open = toMinutes(d.open);
    const close = toMinutes(d.close);
    if (open === close) return d.day === day; // open all day
    if (open < close) return d.day === day && minutes >= open && minutes < close;
    return (d.day === day && minutes >= open) || ((d.day + 1) % 7 === day && minutes < close);
  });
}
