import { KNOWLEDGE_LOCALES } from '@kefu/shared/contracts';

/** Locales offered in pickers: the natively segmented ones first; any other BCP 47 tag may be typed. */
export const LOCALE_CHOICES: readonly string[] = KNOWLEDGE_LOCALES;

/** The knowledge locale for an NLU language code (`zh` → `zh-CN`), or the code itself. */
export function localeForLanguage(language: string): string {
  const base = language.toLowerCase().split('-')[0];
  if (base === 'zh') return 'zh-CN';
  if (base === 'en' || base === 'ja') return base;
  return language;
}
