import { inject, Pipe, PipeTransform, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { map, switchMap } from 'rxjs';
import { KNOWLEDGE_LOCALES } from '@kefu/shared/contracts';

/**
 * The active interface language as a signal, for locale-aware formatting. It changes once the
 * language's translations are loaded, so code that calls `translate()` while reading it re-runs then.
 */
export function injectLang(): Signal<string> {
  const transloco = inject(TranslocoService);
  return toSignal(
    transloco.langChanges$.pipe(switchMap((lang) => transloco.selectTranslation(lang).pipe(map(() => lang)))),
    { initialValue: '' },
  );
}

/** The API's message for a failed call, or the generic text. */
export function errorText(err: unknown, transloco: TranslocoService): string {
  return toApiError(err).message || transloco.translate('errors.generic');
}

const formats = new Map<string, Intl.NumberFormat>();

export type KbNumberStyle = 'decimal' | 'percent' | 'score' | 'precise';

/** Formats a number for a locale: `percent` takes 0..1; `score` has two decimals, `precise` three. */
export function formatNumber(value: number, locale: string, style: KbNumberStyle = 'decimal'): string {
  const key = `${locale}|${style}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions =
      style === 'percent'
        ? { style: 'percent', maximumFractionDigits: 0 }
        : style === 'score'
          ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
          : style === 'precise'
            ? { minimumFractionDigits: 3, maximumFractionDigits: 3 }
            : {};
    f = new Intl.NumberFormat(locale || undefined, options);
    formats.set(key, f);
  }
  return f.format(value);
}

/** `{{ n | kbNumber: lang() }}`, `{{ 0.42 | kbNumber: lang() : 'percent' }}`. Pure: pass the language. */
@Pipe({ name: 'kbNumber' })
export class KbNumberPipe implements PipeTransform {
  transform(value: number | null | undefined, locale: string, style: KbNumberStyle = 'decimal'): string {
    return value === null || value === undefined ? '' : formatNumber(value, locale, style);
  }
}

/** Splits a "a, b; c" text into distinct trimmed entries. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，;；\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * `{{ 'zh-CN' | kbLocale: lang() }}` → "Chinese (Simplified)"; other locales as their code. Pure: pass the language.
 * (Also used in `<mat-select-trigger>`: Material cannot read the label of an option it has not rendered yet.)
 */
@Pipe({ name: 'kbLocale' })
export class KbLocaleNamePipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);

  transform(locale: string | null | undefined, _lang: string, emptyKey = ''): string {
    if (!locale) return emptyKey ? this.transloco.translate(emptyKey) : '';
    return (KNOWLEDGE_LOCALES as readonly string[]).includes(locale)
      ? this.transloco.translate(`knowledge.locales.${locale}`)
      : locale;
  }
}

/** Markdown reduced to its words, for one-line previews: `{{ md | kbPlain }}`. */
@Pipe({ name: 'kbPlain' })
export class KbPlainTextPipe implements PipeTransform {
  transform(markdown: string | null | undefined): string {
    return (markdown ?? '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_~`]+/g, '')
      .replace(/^\s{0,3}(#{1,6}|>|[-+]|\d+\.)\s+/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
  }
}
