/**
 * Identifiers: order numbers, tracking numbers, phone numbers, phone tails, e-mail addresses.
 * A keyword shortly before a number (订单号 / tracking number / 電話番号 …) decides what it is; without
 * one, the number's shape does (carrier prefixes, mobile patterns, long digit strings).
 */
import { Scan, isDigitAt, push } from './extraction-context';

/** `item`: a product code (商品编号, SKU, 品番) — a number after it is neither order nor phone. */
type IdKind = 'order' | 'tracking' | 'phone' | 'item';

interface ContextHit {
  kind: IdKind;
  start: number;
  end: number;
}

const CONTEXT_RE =
  /(?<![A-Za-z])((?:顺丰|圆通|中通|申通|韵达|极兔|百世|德邦|邮政|京东快递|ヤマト運輸|ヤマト|佐川急便|佐川|日本郵便|ゆうパック)(?:快递|快遞)?(?:单号|運單號|运单号|单|の?伝票番号|の?追跡番号|の?お問い合わせ番号)?|商品编号|商品编码|商品ID|货号|款号|型号|SKU|商品番号|品番|型番|快递单号|快递号|快递单|快递|快遞|運單號|运单号|运单|物流单号|物流号|物流编号|追踪号|跟踪号|tracking(?:\s*(?:number|no\.?|num|#|id|code))?|waybill(?:\s*(?:number|no\.?))?|追跡番号|お問い合わせ番号|お問合せ番号|問い合わせ番号|伝票番号|配送番号|订单号码|订单编号|订单号|订单|單號|单号|order(?:\s*(?:number|no\.?|num|id|#))?|注文番号|ご注文番号|注文ID|注文|受注番号|手机号码|手机号|手机|电话号码|联系电话|电话|联系方式|phone(?:\s*(?:number|no\.?|#))?|mobile(?:\s*number)?|cell(?:\s*number)?|tel\.?|電話番号|携帯番号|電話|携帯)/gi;
const ITEM_KW_RE = /商品编|商品ID|货号|款号|型号|SKU|商品番号|品番|型番/i;
const TRACKING_KW_RE =
  /顺丰|圆通|中通|申通|韵达|极兔|百世|德邦|邮政|ヤマト|佐川|郵便|ゆうパック|快递|快遞|運單|运单|物流|追踪|跟踪|track|waybill|追跡|問い?合わ?せ|伝票|配送/i;
const PHONE_KW_RE = /手机|电话|联系|phone|mobile|cell|tel|電話|携帯/i;
/** Text between a keyword and its number: no clause break, no other digits. */
const GAP_RE = /^[^，。,!?！？；;\n\d]{0,10}$/;
/** A keyword right after the number: `SF123… 这个快递`, `123… 的订单`. */
const AFTER_RE = /^\s?(?:这个|那个|這個|的)?(订单|单子|快递|物流|包裹|の注文|の荷物)/;

const TOKEN_RE = /(?<![A-Za-z0-9-])(#?)([A-Za-z]{0,6}-?\d[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![A-Za-z0-9])/g;
const CARRIER_RE =
  /^(?:SF\d{12,15}|(?:YT|JT|JTSD|JD[A-Z]{0,2}|ZTO|YD|STO|YTO|DPK|EMS|DB|KYE|ZJS|HTKY)\d{8,18}|1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}[A-Z]{2})$/i;
const LETTER_PREFIX_ID_RE = /^[A-Z]{1,4}-?\d{6,22}$/i;
const AMAZON_ID_RE = /^\d{3}-\d{7}-\d{7}$/;
const DATE_LIKE_RE = /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}-\d{1,2}$/;
const NOT_IDS = new Set(['12315', '110', '120', '119']);
/** Measures that look like ids: 256GB, 170cm, 2XL. */
const MEASURE_RE = /^\d+(?:\.\d+)?(?:gb?|tb?|cm|mm|kg|ml|g|xl|pcs|m|mah|w|hz|k)$/i;

const CN_MOBILE_RE = /(?<![\d+])(\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
const DASHED_LANDLINE_RE = /(?<![\d+-])0[1-9]\d{0,3}-\d{1,4}-?\d{3,8}(?![\d-])/g;
const JP_MOBILE_RE = /(?<![\d+])0[789]0\d{8}(?!\d)/g;
const INTL_RE = /\+(?!86)(\d{1,3})[\s-]?(?:\(\d{1,4}\)|\d{1,4})(?:[\s-]?\d{2,4}){1,3}(?!\d)/g;
const NANP_RE = /(?<![\d+-])(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])/g;
const SERVICE_LINE_RE = /(?<!\d)[48]00[\s-]?\d{3}[\s-]?\d{4}(?!\d)/g;
const BARE_DIGITS_RE = /(?<![\d+])\d{7,15}(?!\d)/g;

const PHONE_TAIL_RE =
  /(?:手机尾号|尾号|尾數|尾数|后四位|后4位|末四位|末4位|最后四位|最后4位|下4桁|下四桁|末尾|ending\s+(?:in|with)|last\s+(?:4|four)(?:\s+digits?)?(?:\s+of\s+(?:my|the)\s+(?:phone|mobile|number)(?:\s+number)?)?)\s*(?:是|为|:|：|は|が|is|are|=)?\s*(\d{4})(?!\d)/gi;

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Every id and phone has three digits in a row (or a # before it). */
const ID_HINT_RE = /\d{3}|#\s?[A-Za-z\d]/;

function contextHits(n: string): ContextHit[] {
  const hits: ContextHit[] = [];
  CONTEXT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONTEXT_RE.exec(n))) {
    const kw = m[1];
    const kind: IdKind = ITEM_KW_RE.test(kw)
      ? 'item'
      : TRACKING_KW_RE.test(kw)
        ? 'tracking'
        : PHONE_KW_RE.test(kw)
          ? 'phone'
          : 'order';
    hits.push({ kind, start: m.index, end: m.index + kw.length });
  }
  return hits;
}

/** The kind named by the nearest keyword before `start` (or right after `end`), if any. */
function contextFor(n: string, hits: ContextHit[], start: number, end: number): IdKind | null {
  for (let k = hits.length - 1; k >= 0; k--) {
    const h = hits[k];
    if (h.end > start) continue;
    if (GAP_RE.test(n.slice(h.end, start))) return h.kind;
    break;
  }
  if (hits.length) {
    const after = AFTER_RE.exec(n.slice(end, end + 6));
    if (after) return /快递|物流|包裹|荷物/.test(after[1]) ? 'tracking' : 'order';
  }
  return null;
}

function digitCount(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) if (isDigitAt(s, i)) k++;
  return k;
}

export function extractIds(scan: Scan, hasDigit: boolean): void {
  const n = scan.n;
  if (n.includes('@')) extractEmails(scan);
  if (!hasDigit || !ID_HINT_RE.test(n)) return;
  const hits = contextHits(n);
  /** Spans already claimed by an order/tracking number in context: phones must not repeat them. */
  const claimed: number[] = [];

  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(n))) {
    const hash = m[1] === '#';
    let id = m[2];
    while (id.endsWith('-')) id = id.slice(0, -1);
    const start = m.index + m[1].length;
    const end = start + id.length;
    if (NOT_IDS.has(id) || DATE_LIKE_RE.test(id) || MEASURE_RE.test(id)) continue;
    const digits = digitCount(id);
    const ctx = contextFor(n, hits, start, end);
    let kind: IdKind | null = null;
    let prio = 1;
    if (CARRIER_RE.test(id)) {
      kind = 'tracking';
      prio = 3;
    } else if (ctx === 'tracking' && digits >= 6 && id.length >= 8) {
      kind = 'tracking';
      prio = 3;
    } else if (ctx === 'order' && digits >= 4 && digits * 2 >= id.length) {
      kind = 'order';
      prio = 3;
    } else if (ctx === 'phone' || ctx === 'item') {
      continue;
    } else if (hash && id.length >= 3) {
      kind = 'order';
      prio = 2;
    } else if (
      LETTER_PREFIX_ID_RE.test(id) ||
      AMAZON_ID_RE.test(id) ||
      (digits === id.length && digits >= 12 && digits <= 24)
    ) {
      kind = 'order';
    }
    if (!kind) continue;
    push(scan, kind === 'order' ? 'order_number' : 'tracking_number', start, end, id, prio);
    if (prio === 3) claimed.push(start, end);
  }

  extractPhones(scan, hits, claimed);
}

function overlapsClaimed(claimed: number[], start: number, end: number): boolean {
  for (let k = 0; k < claimed.length; k += 2) if (start < claimed[k + 1] && claimed[k] < end) return true;
  return false;
}

function pushPhone(
  scan: Scan,
  claimed: number[],
  start: number,
  end: number,
  prio: number,
  cnPrefix = false,
): void {
  if (overlapsClaimed(claimed, start, end)) return;
  const raw = scan.n.slice(start, end);
  let digits = raw.replace(/\D/g, '');
  if (cnPrefix || raw.startsWith('+')) digits = `+${digits}`;
  if (digits.replace('+', '').length < 7) return;
  push(scan, 'phone', start, end, digits, prio);
}

/** Some phone number could be here: seven digits with at most separators between them, or a +. */
const PHONE_HINT_RE = /\+\d|\d(?:[\s().-]?\d){6}/;
const TAIL_HINT_RE = /尾号|尾號|尾数|尾數|后四位|后4位|末四位|末4位|最后|下4桁|下四桁|末尾|ending|last/i;

function extractPhones(scan: Scan, hits: ContextHit[], claimed: number[]): void {
  const n = scan.n;
  let m: RegExpExecArray | null;
  if (TAIL_HINT_RE.test(n)) {
    PHONE_TAIL_RE.lastIndex = 0;
    while ((m = PHONE_TAIL_RE.exec(n))) {
      const end = m.index + m[0].length;
      push(scan, 'phone_tail', end - 4, end, m[1], 4);
    }
  }
  if (!PHONE_HINT_RE.test(n)) return;
  CN_MOBILE_RE.lastIndex = 0;
  while ((m = CN_MOBILE_RE.exec(n))) {
    const end = m.index + m[0].length;
    const ctx = contextFor(n, hits, m.index, end);
    if (ctx === 'order' || ctx === 'tracking' || ctx === 'item') continue;
    pushPhone(scan, claimed, m.index, end, ctx === 'phone' ? 3 : 2, m[1] !== undefined);
  }
  for (const re of [DASHED_LANDLINE_RE, JP_MOBILE_RE, INTL_RE, NANP_RE, SERVICE_LINE_RE]) {
    re.lastIndex = 0;
    while ((m = re.exec(n))) {
      const end = m.index + m[0].length;
      const ctx = contextFor(n, hits, m.index, end);
      if (ctx === 'order' || ctx === 'tracking' || ctx === 'item') continue;
      if (re === DASHED_LANDLINE_RE && digitCount(m[0]) < 9) continue;
      pushPhone(scan, claimed, m.index, end, ctx === 'phone' ? 3 : 2);
    }
  }
  if (hits.some((h) => h.kind === 'phone')) {
    BARE_DIGITS_RE.lastIndex = 0;
    while ((m = BARE_DIGITS_RE.exec(n))) {
      const end = m.index + m[0].length;
      if (NOT_IDS.has(m[0])) continue;
      if (contextFor(n, hits, m.index, end) === 'phone') pushPhone(scan, claimed, m.index, end, 3);
    }
  }
}

function extractEmails(scan: Scan): void {
  EMAIL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMAIL_RE.exec(scan.n))) {
    let s = m[0];
    while (s.endsWith('.')) s = s.slice(0, -1);
    push(scan, 'email', m.index, m.index + s.length, s.toLowerCase(), 5);
  }
}
