import { Pipe, PipeTransform } from '@angular/core';

export type NluNumberFormat = 'percent' | 'decimal' | 'integer' | 'bytes' | 'duration';

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

/**
 * Locale-aware numbers for the language engine page: `percent` (0..1 → "93.4%"), `decimal` (3 places),
 * `integer`, `bytes` ("1.2 MB"), `duration` (milliseconds → "850 ms", "12.3 s", "2.1 min").
 */
export function formatNluNumber(
  value: number | null | undefined,
  locale: string,
  format: NluNumberFormat,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (format) {
    case 'percent':
      return nf(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        value,
      );
    case 'decimal':
      return nf(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
    case 'integer':
      return nf(locale, { maximumFractionDigits: 0 }).format(value);
    case 'bytes': {
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
      let v = value;
      let i = 0;
      while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
      }
      return nf(locale, {
        style: 'unit',
        unit: units[i],
        unitDisplay: 'short',
        maximumFractionDigits: i ? 1 : 0,
      }).format(v);
    }
    case 'duration': {
      if (value < 1000)
        return nf(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short' }).format(
          Math.round(value),
        );
      if (value < 120_000)
        return nf(locale, {
          style: 'unit',
          unit: 'second',
          unitDisplay: 'short',
          maximumFractionDigits: 1,
        }).format(value / 1000);
      return nf(locale, {
        style: 'unit',
        unit: 'minute',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(value / 60_000);
    }
  }
}

/** `{{ 0.934 | nluNumber: lang() : 'percent' }}`. Pure: pass the active language. */
@Pipe({ name: 'nluNumber' })
export class NluNumberPipe implements PipeTransform {
  transform(value: number | null | undefined, locale: string, format: NluNumberFormat = 'integer'): string {
    return formatNluNumber(value, locale, format);
  }
}
