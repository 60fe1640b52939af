/**
 * Shared helpers for the pure commerce calculators.
 *
 * Error convention (all calculators): invalid input — negative or fractional money, an empty cart, an
 * unknown tier, a malformed size chart, a missing configuration entry — throws a `RangeError` whose message
 * names the offending field. Business outcomes (a return refused, no size advice, an unknown gateway code)
 * are ordinary result values, never exceptions.
 */

export const CALCULATOR_LOCALES = ['zh-CN', 'en', 'ja'] as const;
export type CalculatorLocale = (typeof CALCULATOR_LOCALES)[number];

/** One text per supported locale. */
export type LocalizedText = Readonly<Record<CalculatorLocale, string>>;

/** An amount in integer minor units (cents, fen; yen for JPY) with its ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Builds a {@link LocalizedText} by calling `render` once per locale. */
export function localize(render: (locale: CalculatorLocale) => string): LocalizedText {
  return { 'zh-CN': render('zh-CN'), en: render('en'), ja: render('ja') };
}

/** A plain string is the same text in every locale. */
export function toLocalized(text: string | LocalizedText): LocalizedText {
  return typeof text === 'string' ? { 'zh-CN': text, en: text, ja: text } : text;
}

export function assertMinorUnits(value: unknown, field: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${field} must be a non-negative integer amount in minor units, got ${String(value)}`,
    );
  }
}

export function assertCurrency(value: unknown, field = 'currency'): asserts value is string {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
    throw new RangeError(`${field} must be an ISO 4217 code such as CNY, USD or JPY, got ${String(value)}`);
  }
}

export function assertNonEmptyString(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RangeError(`${field} must be a non-empty string`);
  }
}

export function assertValidDate(value: unknown, field: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${field} must be a valid Date`);
  }
}

/** Percentage in (0, 100] with at most two decimals, returned as basis points (12.5 % → 1250). */
export function percentToBasisPoints(value: unknown, field: string, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new RangeError(`${field} must be a percentage between 0 and 100, got ${String(value)}`);
  }
  const bp = Math.round(value * 100);
  if (Math.abs(bp - value * 100) > 1e-6) throw new RangeError(`${field} allows at most two decimals`);
  if (bp === 0 && !allowZero) throw new RangeError(`${field} must be greater than 0`);
  return bp;
}

/** `amount × basisPoints / 10000`, rounded down, in exact integer arithmetic. */
export function applyBasisPoints(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints) / 10_000);
}

const ZERO_DECIMAL_CURRENCIES = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'TWD', 'HUF', 'UGX']);
const SYMBOLS: Readonly<Record<string, string>> = {
  CNY: '¥',
  JPY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  HKD: 'HK$',
  KRW: '₩',
};

export function minorUnitDigits(currency: string): number {
  return ZERO_DECIMAL_CURRENCIES.has(currency) ? 0 : 2;
}

/** `5000 CNY` → `¥50`, `5050 CNY` → `¥50.50`, `980 JPY` → `¥980`, `1234 SEK` → `SEK 12.34`. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  let body: string;
  if (digits === 0) body = String(abs);
  else {
    const major = Math.floor(abs / 100);
    const minor = abs % 100;
    body = minor === 0 ? String(major) : `${major}.${String(minor).padStart(2, '0')}`;
  }
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${body}` : `${sign}${currency} ${body}`;
}
