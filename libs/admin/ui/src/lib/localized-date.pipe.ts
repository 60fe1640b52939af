import { Pipe, PipeTransform } from '@angular/core';

/**
 * - `datetime`: date and time, e.g. "2026/11/21 09:30" or "Nov 21, 2026, 9:30 AM"
 * - `time`: time of day only
 * - `smart`: time of day for today, otherwise month/day (and year when not this year)
 */
export type LocalizedDateFormat = 'datetime' | 'time' | 'smart';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale || undefined, options);
    cache.set(key, f);
  }
  return f;
}

/** Formats an ISO date for a locale: `{{ iso | kefuDate: lang() : 'smart' }}`. Pure: pass the active language. */
export function formatLocalizedDate(
  value: string | Date | null | undefined,
  locale: string,
  format: LocalizedDateFormat = 'datetime',
  now: Date = new Date(),
): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  if (format === 'time') return formatter(locale, { hour: 'numeric', minute: '2-digit' }).format(date);
  if (format === 'smart') {
    if (date.toDateString() === now.toDateString()) {
      return formatter(locale, { hour: 'numeric', minute: '2-digit' }).format(date);
    }
    if (date.getFullYear() === now.getFullYear()) {
      return formatter(locale, { month: 'short', day: 'numeric' }).format(date);
    }
    return formatter(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
  }
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

@Pipe({ name: 'kefuDate' })
export class LocalizedDatePipe implements PipeTransform {
  transform(
    value: string | Date | null | undefined,
    locale: string,
    format: LocalizedDateFormat = 'datetime',
  ): string {
    return formatLocalizedDate(value, locale, format);
  }
}
