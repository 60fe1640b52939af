import { TemplateLocale } from './template.schemas';

/** Time zones used for dates when a region is known; otherwise the locale's home zone. */
const REGION_TIME_ZONES: Record<string, string> = {
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  TW: 'Asia/Taipei',
  SG: 'Asia/Singapore',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  US: 'America/New_York',
  GB: 'Europe/London',
  UK: 'Europe/London',
  EU: 'Europe/Berlin',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  AU: 'Australia/Sydney',
};

const LOCALE_TIME_ZONES: Record<TemplateLocale, string> = {
  'zh-CN': 'Asia/Shanghai',
  ja: 'Asia/Tokyo',
  en: 'UTC',
};

export function timeZoneFor(locale: TemplateLocale, region?: string | null): string {
  return (region && REGION_TIME_ZONES[region.toUpperCase()]) || LOCALE_TIME_ZONES[locale];
}

/** The locale to format numbers and dates in: `en` + `US` → `en-US`; zh-CN and ja as they are. */
export function formattingLocale(locale: TemplateLocale, region?: string | null): string {
  if (locale === 'zh-CN') return 'zh-CN';
  if (locale === 'ja') return 'ja-JP';
  if (region && /^[A-Z]{2}$/.test(region) && region !== 'EU') {
    try {
      return Intl.getCanonicalLocales(`en-${region}`)[0];
    } catch {
      return 'en';
    }
  }
  return 'en';
}
