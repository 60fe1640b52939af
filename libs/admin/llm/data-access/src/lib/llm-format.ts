/** Numbers on the Claude pages, formatted for the admin's language (`en`, `zh-CN`). */

const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale || undefined, options);
    cache.set(key, f);
  }
  return f;
}

/** US dollars; cents below a dollar keep up to four digits, since one call costs fractions of a cent. */
export function formatUsd(value: number, locale: string): string {
  const small = Math.abs(value) > 0 && Math.abs(value) < 1;
  return nf(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(value);
}

export function formatCount(value: number, locale: string): string {
  return nf(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Token counts: "1.2M", "35K" in English, "120万" in Chinese. */
export function formatTokens(value: number, locale: string): string {
  return nf(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A share 0…1 as a percentage. */
export function formatPercent(ratio: number, locale: string): string {
  return nf(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A confidence 0…1 as a percentage with no decimals ("62%"). */
export const formatConfidence = formatPercent;

/** A `YYYY-MM-DD` day of the report: "Nov 21" / "11月21日" (with the year when it differs from `thisYear`). */
export function formatDay(day: string, locale: string, thisYear = new Date().getFullYear()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Noon UTC, formatted in UTC: the calendar day the server meant, whatever the browser's time zone.
  const date = new Date(Date.UTC(y, mo - 1, d, 12));
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', timeZone: 'UTC' };
  if (y !== thisYear) options.year = 'numeric';
  return new Intl.DateTimeFormat(locale || undefined, options).format(date);
}

export function formatLatency(ms: number | null, locale: string): string {
  if (ms === null) return '—';
  return ms >= 1000
    ? `${nf(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000)} s`
    : `${formatCount(ms, locale)} ms`;
}
