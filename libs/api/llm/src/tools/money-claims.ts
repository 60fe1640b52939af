import { type Money, minorUnitDigits } from '@kefu/api/commerce';

/**
 * The model must never state an amount that no tool returned. `findAmounts` reads the money amounts a
 * reply states (¥/￥, 元/块/RMB/CNY, $/US$/USD/美元, 円/日元/JPY, HK$/港元, €, £; thousands separators, decimals,
 * 万); `unsupportedAmounts` keeps those no tool result backs: same value in one of the currencies the
 * notation can mean (`¥` is CNY or JPY). A bare number without a currency is not read as money.
 */
export interface StatedAmount {
  /** As written in the reply, e.g. `¥1,299.00`. */
  text: string;
  /** In major units (1299). */
  value: number;
  /** The currencies the notation can mean. */
  currencies: readonly string[];
}

const UNITS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^(?:HK\$|HKD|港元|港币|港幣)$/i, ['HKD']],
  [/^(?:US\$|\$|USD|美元)$/i, ['USD']],
  [/^(?:[¥￥])$/, ['CNY', 'JPY']],
  [/^(?:元|块|塊|RMB|CNY|人民币|人民幣)$/i, ['CNY']],
  [/^(?:円|日元|日圓|JPY)$/i, ['JPY']],
  [/^(?:€|EUR|欧元)$/i, ['EUR']],
  [/^(?:£|GBP|英镑)$/i, ['GBP']],
];

const NUMBER = String.raw`\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const PREFIX = String.raw`HK\$|US\$|\$|[¥￥€£]|(?:RMB|CNY|USD|JPY|HKD|EUR|GBP)(?![A-Za-z])`;
const SUFFIX = String.raw`港元|港币|港幣|美元|日元|日圓|人民币|人民幣|欧元|英镑|元|块|塊|円|(?<![A-Za-z])(?:RMB|CNY|USD|JPY|HKD|EUR|GBP)(?![A-Za-z])`;
const MONEY = new RegExp(
  String.raw`(?:(${PREFIX})\s?(${NUMBER})(万|萬)?)|(?:(${NUMBER})\s?(万|萬)?\s?(${SUFFIX}))`,
  'giu',
);

function unitCurrencies(unit: string): readonly string[] {
  return UNITS.find(([re]) => re.test(unit))?.[1] ?? [];
}

function toNumber(digits: string, tenThousands: string | undefined): number {
  const n = Number(digits.replace(/[,，]/g, ''));
  return tenThousands ? n * 10_000 : n;
}

/** The money amounts a text states, in order. */
export function findAmounts(text: string): StatedAmount[] {
  const found: StatedAmount[] = [];
  for (const m of text.matchAll(MONEY)) {
    const [whole, preUnit, preNum, preWan, sufNum, sufWan, sufUnit] = m;
    const unit = preUnit ?? sufUnit ?? '';
    const value = preNum !== undefined ? toNumber(preNum, preWan) : toNumber(sufNum ?? '', sufWan);
    const currencies = unitCurrencies(unit);
    if (Number.isFinite(value) && currencies.length) found.push({ text: whole.trim(), value, currencies });
  }
  return found;
}

/** A tool's amount (minor units) in major units: 12900 CNY → 129, 980 JPY → 980. */
export function majorUnits(money: Money): number {
  return money.amount / 10 ** minorUnitDigits(money.currency);
}

/** The amounts `reply` states that no amount in `toolAmounts` backs (as written, in order). */
export function unsupportedAmounts(reply: string, toolAmounts: readonly Money[]): string[] {
  return findAmounts(reply)
    .filter(
      (stated) =>
        !toolAmounts.some(
          (t) => stated.currencies.includes(t.currency) && Math.abs(majorUnits(t) - stated.value) < 0.005,
        ),
    )
    .map((s) => s.text);
}
