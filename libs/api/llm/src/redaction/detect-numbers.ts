import { cnResidentIdValid, luhnValid, myNumberValid } from './checksums';
import type { PiiSpan } from './pii-kind';

/*
 * Detectors for the numeric kinds and e-mails. They run on width-folded text (see normalize.ts). A number
 * glued to letters or digits (KF100123, SF1234567890123, 1Z999AA1…) is never a match; a number right after
 * an order / tracking / SKU label ("订单号", "运单号：", "order #", "注文番号は", "SKU") is not a phone or a card.
 */

const BEFORE = String.raw`(?<![A-Za-z0-9_#]|[A-Z0-9][-/_])`;
const AFTER = String.raw`(?![A-Za-z0-9_]|[.,-]\d)`;
const NOT_PII_LABEL =
  /(?:订单|单号|运单|快递|物流|编号|条码|条形码|发票|券码|order|tracking|waybill|parcel|invoice|sku|ean|jan|upc|isbn|barcode|ref|注文|追跡|伝票|問い?合わ?せ|品番|商品コード)\s*(?:号码|号|番号|コード|は|no\.?|number|num|id|#|:|：|\s)*$/i;

const MY_NUMBER_LABEL = /(?:マイナンバー|個人番号|my\s?number)\s*(?:は|:|：|\s)*$/i;

const PHONE = new RegExp(
  BEFORE +
    '(?:' +
    [
      // mainland China mobile, optionally with +86 / 0086 / (+86)
      String.raw`(?:(?:\+|00)\s?86[ -]?|\(\+?86\)\s?)?1[3-9]\d(?:[ -]?\d{4}){2}`,
      // mainland China landline: 010 / 02x / 0xxx area code and a 7-8 digit local number, optional extension
      String.raw`(?:(?:\+|00)\s?86[ -]?)?\(?0(?:10|2\d|[3-9]\d{2})\)?[ -]?\d{3,4}[ -]?\d{4}(?:\s?(?:转|ext\.?|x)\s?\d{1,5})?`,
      // Japan: 0X0 mobiles and dashed landlines (10 digits), 03(1234)5678
      String.raw`0[5789]0[ -]?\d{4}[ -]?\d{4}`,
      String.raw`0\d{1,4}-\d{1,4}-\d{4}`,
      String.raw`\(0\d{1,4}\)\s?\d{1,4}-\d{4}`,
      String.raw`0\d{1,4}\(\d{1,4}\)\d{4}`,
      // North American 415-555-2671 / (415) 555-2671
      String.raw`(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[-.])[2-9]\d{2}[-.]\d{4}`,
      // international E.164 with spaces, dots, dashes or a parenthesised area code
      String.raw`\+[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){1,5}`,
    ].join('|') +
    ')' +
    AFTER,
  'g',
);

const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;
const CN_ID = new RegExp(BEFORE + String.raw`[1-9]\d{5} ?(?:18|19|20)\d{6} ?\d{3}[\dXx]` + AFTER, 'g');
const MY_NUMBER = new RegExp(BEFORE + String.raw`\d{4}[ -]?\d{4}[ -]?\d{4}` + AFTER, 'g');
const CARD = new RegExp(BEFORE + String.raw`(?:\d{13,19}|\d{4,6}(?:[ -]\d{3,7}){2,4})` + AFTER, 'g');

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

function labelledAsNotPii(text: string, start: number): boolean {
  return NOT_PII_LABEL.test(text.slice(Math.max(0, start - 24), start));
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

export function detectEmails(text: string): PiiSpan[] {
  return [...matches(EMAIL, text)].map((m) => ({
    kind: 'EMAIL',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export function detectPhones(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of matches(PHONE, text)) {
    let value = m[0];
    // "(021) 6888…" and "(415) 555-…": the opening parenthesis is part of the number, a stray closing one is not.
    if (value.endsWith(')')) value = value.slice(0, -1);
    const digits = digitsOf(value);
    if (digits.length < 8 || digits.length > 15) continue;
    if (value.startsWith('+') && !/[ .()-]/.test(value.slice(1)) && digits.length < 10) continue;
    if (/^0\d{1,4}-\d{1,4}-\d{4}$/.test(value) && !/^0[5789]0/.test(value) && digits.length !== 10) continue;
    // 400/800 numbers are shops' service lines, not a person's
    if (/^[48]00[-. ]?\d{3}[-. ]?\d{4}$/.test(value)) continue;
    if (labelledAsNotPii(text, m.index)) continue;
    spans.push({ kind: 'PHONE', start: m.index, end: m.index + value.length });
  }
  return spans;
}

export function detectIds(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of matches(CN_ID, text)) {
    if (cnResidentIdValid(m[0].replace(/ /g, '')))
      spans.push({ kind: 'ID', start: m.index, end: m.index + m[0].length });
  }
  for (const m of matches(MY_NUMBER, text)) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    if (MY_NUMBER_LABEL.test(before) && myNumberValid(digitsOf(m[0]))) {
      spans.push({ kind: 'ID', start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}

export function detectCards(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of matches(CARD, text)) {
    const separators = new Set(m[0].replace(/\d/g, ''));
    if (separators.size > 1) continue;
    const digits = digitsOf(m[0]);
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
    if (labelledAsNotPii(text, m.index)) continue;
    spans.push({ kind: 'CARD', start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
