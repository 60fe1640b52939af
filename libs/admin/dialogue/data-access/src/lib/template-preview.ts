/**
 * The editor's preview: a template's text with sample values in place of its variables, formatted for
 * the template's locale the way the server formats real replies. A simple client-side rendering.
 */
import { parseTemplateText, TemplateNode } from './template-text';

/** An amount of money in major units (yuan, dollars, yen) and its ISO 4217 currency. */
export interface SampleMoney {
  amount: number;
  currency: string;
}

export type SampleValue = string | number | Date | SampleMoney;

/** One piece of a rendered preview: plain text, or the value put in for a variable. */
export interface PreviewSegment {
  text: string;
  /** The variable this text stands for. */
  variable?: string;
  /** True when there is no sample for the variable: the text is `{name}` as written. */
  missing?: boolean;
}

type Localized = string | Partial<Record<string, string>>;
const DAY_MS = 86_400_000;
const DATE_STYLES = new Set(['short', 'medium', 'long', 'full']);

/** Sample values for the variables the shipped templates use; per template locale where it matters. */
const SAMPLE_TEXTS: Record<string, Localized> = {
  order_number: 'KF100123',
  tracking_number: 'SF1234567890',
  rma_number: 'RMA-20417',
  carrier: { 'zh-CN': '顺丰速运', en: 'UPS', ja: 'ヤマト運輸' },
  status: { 'zh-CN': '已发货', en: 'shipped', ja: '発送済み' },
  last_event: {
    'zh-CN': '【深圳】快件已到达转运中心',
    en: 'Arrived at the sorting centre',
    ja: '東京の配送センターに到着しました',
  },
  product: { 'zh-CN': '纯棉圆领T恤', en: 'Cotton crew-neck T-shirt', ja: 'コットンクルーネックTシャツ' },
  variant: { 'zh-CN': '黑色 / M', en: 'Black / M', ja: 'ブラック / M' },
  size: 'M',
  value: 'M',
  brand: 'Kefu Basics',
  material: { 'zh-CN': '100% 棉', en: '100% cotton', ja: '綿100%' },
  query: { 'zh-CN': '亚麻衬衫', en: 'linen shirt', ja: 'リネンシャツ' },
  topic: { 'zh-CN': '查询物流', en: 'track an order', ja: '配送状況の確認' },
  reason: { 'zh-CN': '尺码不合适', en: "it doesn't fit", ja: 'サイズが合わない' },
  hours: { 'zh-CN': '9:00–21:00', en: '9 am – 9 pm', ja: '9:00〜21:00' },
  promotions: { 'zh-CN': '满 299 减 30', en: 'Spend $50, save $5', ja: '5,000円以上で500円引き' },
  options: '1. KF100123  2. KF100456',
  advice: { 'zh-CN': '建议选 M 码', en: 'we suggest size M', ja: 'Mサイズがおすすめです' },
  explanation: {
    'zh-CN': '优惠券仅限单笔订单使用',
    en: 'the coupon works on one order only',
    ja: 'クーポンは1回のご注文のみ有効です',
  },
};

const SAMPLE_NUMBERS: Record<string, number> = { count: 3, days: 3, months: 12, position: 2 };
/** Days from today for the sample dates. */
const SAMPLE_DATES: Record<string, number> = {
  eta: 3,
  date: 2,
  ship_date: 1,
  restock_date: 7,
  delivered_at: -2,
};
/** Sample amounts in CNY, USD, JPY. */
const SAMPLE_AMOUNTS: Record<string, [number, number, number]> = {
  amount: [129, 29.9, 3980],
  total: [258, 59.8, 7960],
  price: [129, 29.9, 3980],
  saved: [20, 5, 500],
  free_threshold: [99, 50, 5000],
};

/** The locale numbers and dates are formatted in for a template locale and region, as the server does. */
export function formattingLocale(locale: string, region?: string | null): string {
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

/** The preview's sample value for each variable it knows, for a template locale. */
export function sampleValues(locale: string, now = new Date()): Record<string, SampleValue> {
  const values: Record<string, SampleValue> = { ...SAMPLE_NUMBERS };
  for (const [name, v] of Object.entries(SAMPLE_TEXTS)) {
    values[name] = typeof v === 'string' ? v : (v[locale] ?? v['en'] ?? '');
  }
  for (const [name, days] of Object.entries(SAMPLE_DATES)) {
    values[name] = new Date(now.getTime() + days * DAY_MS);
  }
  const column = locale === 'zh-CN' ? 0 : locale === 'ja' ? 2 : 1;
  const currency = ['CNY', 'USD', 'JPY'][column];
  for (const [name, amounts] of Object.entries(SAMPLE_AMOUNTS)) {
    values[name] = { amount: amounts[column], currency };
  }
  return values;
}

function isMoney(v: unknown): v is SampleMoney {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'currency' in v;
}

/** A sample value as the reply would show it, e.g. a date in the locale's words. */
function formatSample(value: SampleValue, locale: string, format?: string, style?: string): string {
  if (isMoney(value)) {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency }).format(
      value.amount,
    );
  }
  if (value instanceof Date) {
    const dateStyle = (
      DATE_STYLES.has(style ?? '') ? style : 'medium'
    ) as Intl.DateTimeFormatOptions['dateStyle'];
    const options: Intl.DateTimeFormatOptions =
      format === 'time'
        ? { timeStyle: 'short' }
        : format === 'datetime'
          ? { dateStyle, timeStyle: 'short' }
          : { dateStyle };
    return new Intl.DateTimeFormat(locale, options).format(value);
  }
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  return value;
}

export interface PreviewOptions {
  /** The template's region (formats `en` numbers and dates for it). */
  region?: string | null;
  /** Values to use instead of the samples. */
  values?: Record<string, SampleValue>;
  now?: Date;
}

/**
 * The text with sample values put in for its variables, as segments the editor can highlight.
 * A variable without a sample stays as `{name}` (marked missing). Throws TemplateTextError when the
 * text does not parse.
 */
export function renderPreview(
  source: string,
  locale: string,
  options: PreviewOptions = {},
): PreviewSegment[] {
  const values = { ...sampleValues(locale, options.now), ...options.values };
  const fmt = formattingLocale(locale, options.region?.toUpperCase());
  const out: PreviewSegment[] = [];
  const text = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.variable === undefined) last.text += t;
    else out.push({ text: t });
  };

  const walk = (nodes: TemplateNode[], count?: number, counted?: string) => {
    for (const node of nodes) {
      if (node.kind === 'text') text(node.value);
      else if (node.kind === 'hash') {
        if (count === undefined) text('#');
        else out.push({ text: new Intl.NumberFormat(fmt).format(count), variable: counted });
      } else if (node.kind === 'var') {
        const v = values[node.name];
        if (v === undefined) out.push({ text: `{${node.name}}`, variable: node.name, missing: true });
        else out.push({ text: formatSample(v, fmt, node.format, node.style), variable: node.name });
      } else {
        const v = values[node.name];
        const n = typeof v === 'number' ? v : Number.NaN;
        if (Number.isNaN(n)) {
          out.push({ text: `{${node.name}}`, variable: node.name, missing: true });
          continue;
        }
        const category = new Intl.PluralRules(fmt).select(n - node.offset);
        const arm = node.arms.get(`=${n}`) ?? node.arms.get(category) ?? node.arms.get('other') ?? [];
        walk(arm, n - node.offset, node.name);
      }
    }
  };
  walk(parseTemplateText(source));
  return out;
}

/** The preview as plain text. */
export function previewText(segments: readonly PreviewSegment[]): string {
  return segments.map((s) => s.text).join('');
}
