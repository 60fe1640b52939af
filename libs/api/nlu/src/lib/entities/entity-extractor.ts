import type { NluEntity } from '@kefu/shared/contracts';
import { extractMoney, extractQuantities } from './amount-extractors';
import { extractColours } from './colour-extractor';
import { extractDates } from './date-extractor';
import { Candidate, ExtractOptions, Scan } from './extraction-context';
import { Gazetteer } from './gazetteer';
import { extractIds } from './id-extractors';
import { extractBody, extractBodyCn, extractSizes, extractStorage } from './measure-extractors';

export type { ExtractOptions } from './extraction-context';

const FOLD_NEEDED_RE = /[\uFF01-\uFF5E\u3000\uFFE1\uFFE5]/;
const DIGIT_RE = /\d/;
const LATIN_RE = /[A-Za-z]/;
/** Money without ASCII digits: 五十块, 三千円, 满三百减五十. */
const CN_MONEY_HINT_RE = /[元块塊円刀满]/;
/** Chinese numerals that can start a quantity: 两件, 三个, 二つ. */
const CN_QTY_HINT_RE = /[一二两俩三四五六七八九十]/;
const SIZE_HINT_RE = /[码碼]|サイズ/;
const STORAGE_HINT_RE = /\d\s?[GgTt]/;
/** 手机 right before a number is the phone number's label, not a product (手机13812345678, 手机号是…). */
const PHONE_LABEL_AFTER_RE = /^\s?(?:号码?|號碼?|尾号)?\s?[:：是为]?\s?[+\d]/;

/**
 * Folds the text unit for unit so that offsets survive: full-width ASCII (０-９, Ａ-Ｚ, ＠, ＃ …) → ASCII,
 * ￥ → ¥, ￡ → £, ideographic space → space. Case is kept (sizes care: `M` vs `m`).
 */
function fold(text: string): string {
  if (!FOLD_NEEDED_RE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (c === 0xffe5) out += '¥';
    else if (c === 0xffe1) out += '£';
    else out += text[i];
  }
  return out;
}

/** Longest span first; equal spans by priority; then left to right. Overlapping losers are dropped. */
function resolve(text: string, cands: Candidate[]): NluEntity[] {
  if (cands.length > 1) {
    cands.sort((a, b) => b.end - b.start - (a.end - a.start) || b.prio - a.prio || a.start - b.start);
    const kept: Candidate[] = [];
    for (const c of cands) {
      let free = true;
      for (const k of kept) {
        if (c.start < k.end && k.start < c.end) {
          free = false;
          break;
        }
      }
      if (free) kept.push(c);
    }
    cands = kept.sort((a, b) => a.start - b.start);
  }
  const out: NluEntity[] = new Array(cands.length);
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i];
    const e: NluEntity = {
      type: c.type,
      value: c.value,
      text: text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
    };
    if (c.meta) e.meta = c.meta;
    out[i] = e;
  }
  return out;
}

/**
 * Rule-based entity extraction for shopper messages in zh, en and ja: ids (order, tracking, phone,
 * e-mail), money, quantities, sizes, body height/weight, storage, colours, dates, and products/brands
 * from the gazetteer. Offsets are UTF-16 offsets into the original text, end exclusive; entities come
 * back sorted by start and never overlap (the longer span wins, then the more specific type).
 */
export class EntityExtractor {
  constructor(private readonly gazetteer: Gazetteer) {}

  extract(text: string, opts: ExtractOptions): NluEntity[] {
    if (!text) return [];
    const n = fold(text);
    const scan: Scan = { text, n, opts, out: [] };
    const hasDigit = DIGIT_RE.test(n);
    const hasLatin = LATIN_RE.test(n);

    if (hasDigit || n.includes('@')) extractIds(scan, hasDigit);
    if (hasDigit) {
      extractBody(scan);
      if (STORAGE_HINT_RE.test(n)) extractStorage(scan);
    }
    if (hasDigit || CN_MONEY_HINT_RE.test(n)) extractMoney(scan);
    if (hasDigit || CN_QTY_HINT_RE.test(n)) extractQuantities(scan, hasDigit);
    if (hasDigit || hasLatin || SIZE_HINT_RE.test(n)) extractSizes(scan, hasDigit, hasLatin);
    if (n.includes('一米') || n.includes('斤') || n.includes('公斤')) extractBodyCn(scan);
    extractDates(scan, hasDigit);

    const productStarts: number[] = [];
    for (const g of this.gazetteer.match(text)) {
      if (g.value === 'smartphone' && hasDigit && PHONE_LABEL_AFTER_RE.test(n.slice(g.end, g.end + 6)))
        continue;
      scan.out.push({ type: g.type, value: g.value, start: g.start, end: g.end, prio: 1, meta: undefined });
      if (g.type === 'product') productStarts.push(g.start);
    }
    extractColours(scan, productStarts);
    return resolve(text, scan.out);
  }
}
