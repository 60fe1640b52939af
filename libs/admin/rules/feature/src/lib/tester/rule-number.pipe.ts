import { Pipe, PipeTransform } from '@angular/core';

const formats = new Map<string, Intl.NumberFormat>();

/** A score in the active language: `percent` (93 %) or `score` (0.81). Uses Intl, so no Angular locale data is needed. */
@Pipe({ name: 'ruleNumber' })
export class RuleNumberPipe implements PipeTransform {
  transform(value: number | null | undefined, locale: string, kind: 'percent' | 'score' = 'score'): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    const key = `${locale}|${kind}`;
    let f = formats.get(key);
    if (!f) {
      f =
        kind === 'percent'
          ? new Intl.NumberFormat(locale || undefined, { style: 'percent', maximumFractionDigits: 0 })
          : new Intl.NumberFormat(locale || undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      formats.set(key, f);
    }
    return f.format(value);
  }
}
