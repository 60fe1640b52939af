/** Clothing and shoe sizes, body height and weight, storage capacity. */
import { parseCnNumber } from './cn-number';
import { Scan, numStr, push } from './extraction-context';

const LETTER_SIZE_RE =
  /(?<![A-Za-z0-9'’&.-])(XXXXL|XXXL|XXL|XL|XXS|XS|[2-6]XL|[SML])(码|碼|号|號|サイズ|\s?size)?(?![A-Za-z'’&-])/gi;
/** English size words where they name a size: a medium, in small, size large. */
const WORD_SIZE_RE =
  /\b(?:an?|in|size|the|ordered|order|get|wear|need|want|take|exchange|swap)\s+(?:(x{1,3}-?|extra[\s-])?(small|medium|large))\b/gi;
const SIZE_WORD_BEFORE_RE = /(?:size|sz|尺码|码数|サイズ)\s*[:：是为は]?\s*$/i;
const EN_SIZE_HINT_RE = /\b(?:sizes?|fits?|small|medium|large|wear)\b/i;
const EN_BEFORE_SIZE_RE = /\b(?:in|an?|the|or|and|to|from|ordered|get|need|want|take|swap|exchange)\s+$/i;
const EN_AFTER_SIZE_RE = /^\s*(?:or\b|and\b|\/|,|instead|size)/i;
const ONE_SIZE_RE = /均码|均碼|フリーサイズ|one size|free size/gi;
const NUM_SIZE_RE = /(?<![\d.])(\d{2}(?:\.5)?)\s?(码|碼|号|號)(?!码)/g;
const SYSTEM_SIZE_RE =
  /(?<![A-Za-z])(EU|EUR|US|UK|JP|CN)\s?(\d{1,2}(?:\.5)?)(?![\d.]|\s?(?:cm|kg|\$|dollars?))/g;
const SIZE_LABEL_RE =
  /(?:size|尺码|码数|鞋码|尺寸|サイズ|穿)\s*[:：是为は]?\s*(\d{1,2}(?:\.5)?)(?![\d.]|\s?(?:cm|kg|斤|码|碼|号|號|公斤|岁|歳|センチ|件|个|天|days?|年))/gi;
const FOOT_CM_RE = /(?<![\d.])(2\d(?:\.5)?|1\d\.5)\s?(cm|センチ|厘米)(?![A-Za-z])/gi;

const HEIGHT_CM_RE = /(?<![\d.])(\d{3}(?:\.\d)?)\s?(cm|厘米|公分|センチ)(?![A-Za-z])/gi;
const HEIGHT_M_RE = /(?<![\d.])1\s?(?:米|m)\s?(\d{1,2})(?![\d.]|m)/gi;
const HEIGHT_DEC_RE = /(?<![\d.])(1\.\d{1,2})\s?(?:米|m|メートル)(?![A-Za-z])/gi;
const HEIGHT_CN_RE = /一米([一二三四五六七八九])([〇零一二三四五六七八九])?/g;
const HEIGHT_FT_RE =
  /(?<![\d.])([4-7])\s?(?:'|’|ft\.?|feet|foot)\s?(?:(\d{1,2})\s?(?:"|”|''|in\.?|inch(?:es)?)?)?(?![A-Za-z\d])/gi;
/** A bare height where only a height fits: 160的穿S还是M, XL180, 175能穿吗. */
const HEIGHT_BARE_RE =
  /(?<![\d.])(1[4-9]\d)(?![\d.])(?=\s?的?\s?(?:能穿|可以穿|穿|适合|適合|选|選|拍|要多大|什么码|多大))|(?<=[SMLsml]|码|碼|号|號|我|我是|本人|I'm |I am )(1[4-9]\d)(?![\d.])(?!\s?(?:元|块|斤|kg|公斤|cm|件|个|天|g|G|lbs?|pounds))/g;
/** Lengths of garments and furniture are not body heights: 裤长100cm, 1.8米的床. */
const NOT_HEIGHT_BEFORE_RE =
  /(?:(?<!身)长度?|(?<!身)長さ?|宽度?|幅|围|圍|肩|袖|腰|臀|胸|length|width|waist)\s*[:：是为]?\s*$/i;
const NOT_HEIGHT_AFTER_RE = /^\s?(?:的)?(?:床|宽|寬|长|長|x|×|\*)/;
const HEIGHT_LABEL_RE =
  /(?:身高|身長|个子|個子|height)\s*[:：是为は有]?\s*(\d{2,3}(?:\.\d)?)(?![\d.]|\s?(?:cm|厘米|公分|センチ|kg|斤|公斤|lbs?|m\b|米))/gi;

const WEIGHT_RE = /(?<![\d.])(\d{1,3}(?:\.\d)?)\s?(kg|公斤|千克|キロ|斤|lbs?|pounds)(?![A-Za-z])/gi;
const WEIGHT_LABEL_RE =
  /(?:体重|體重|weight|weigh)\s*[:：是为は有]?\s*(\d{2,3}(?:\.\d)?)(?![\d.]|\s?(?:kg|公斤|斤|千克|キロ|lbs?|pounds))/gi;
/** A bare height just before a weight: `170 130斤`, `165/50kg`. */
const HEIGHT_BEFORE_WEIGHT_RE = /(?<![\d.])(1[4-9]\d)\s*[,，/、]?\s*$/;

const STORAGE_RE = /(?<![\d.A-Za-z])(\d{1,4})\s?(GB|TB|G|T)(?![A-Za-z0-9])/gi;
const POW2_GB = new Set([8, 16, 32, 64, 128, 256, 512, 1024]);
const TB_SIZES = new Set([1, 2, 4, 8]);

const LETTER_CANON: Record<string, string> = {
  XXXXL: '4XL',
  '2XL': 'XXL',
  '3XL': 'XXXL',
  '4XL': '4XL',
  '5XL': '5XL',
  '6XL': '6XL',
};

export function extractSizes(scan: Scan, hasDigit: boolean, hasLatin: boolean): void {
  const n = scan.n;
  let m: RegExpExecArray | null;
  if (hasLatin) {
    LETTER_SIZE_RE.lastIndex = 0;
    while ((m = LETTER_SIZE_RE.exec(n))) {
      const letters = m[1];
      const suffix = m[2];
      if (letters.length === 1) {
        // M2, S24: a model number, not a size
        if (!suffix && /\d/.test(n[m.index + 1] ?? '')) continue;
        const lower = letters !== letters.toUpperCase();
        const labelled =
          suffix !== undefined || SIZE_WORD_BEFORE_RE.test(n.slice(Math.max(0, m.index - 8), m.index));
        if (lower && !labelled) continue;
        // an uppercase S/M/L standing alone in English prose ("Plan S") needs a size word or a sizing phrase
        if (!labelled && scan.opts.language === 'en' && !EN_SIZE_HINT_RE.test(n)) {
          const before = n.slice(Math.max(0, m.index - 12), m.index);
          const after = n.slice(m.index + 1, m.index + 10);
          if (!EN_BEFORE_SIZE_RE.test(before) && !EN_AFTER_SIZE_RE.test(after)) continue;
        }
      }
      const upper = letters.toUpperCase();
      const value = LETTER_CANON[upper] ?? upper;
      push(scan, 'size', m.index, m.index + m[0].length, value, 1, { system: 'letter' });
    }
  }
  if (hasLatin && /small|medium|large/i.test(n)) {
    WORD_SIZE_RE.lastIndex = 0;
    while ((m = WORD_SIZE_RE.exec(n))) {
      const word = m[2].toLowerCase();
      const x = m[1] ? (m[1].toLowerCase().startsWith('extra') ? 1 : m[1].replace(/[^x]/gi, '').length) : 0;
      const base = word === 'small' ? 'S' : word === 'medium' ? 'M' : 'L';
      if (base === 'M' && x) continue;
      const value = x === 0 ? base : `${'X'.repeat(x)}${base}`;
      const len = (m[1]?.length ?? 0) + m[2].length;
      const end = m.index + m[0].length;
      push(scan, 'size', end - len, end, value, 1, { system: 'letter' });
    }
  }
  if (n.includes('码') || n.includes('碼') || n.includes('サイズ') || hasLatin) {
    ONE_SIZE_RE.lastIndex = 0;
    while ((m = ONE_SIZE_RE.exec(n)))
      push(scan, 'size', m.index, m.index + m[0].length, 'one size', 1, { system: 'free' });
  }
  if (!hasDigit) return;
  NUM_SIZE_RE.lastIndex = 0;
  while (/[码碼号號]/.test(n) && (m = NUM_SIZE_RE.exec(n))) {
    const v = Number(m[1]);
    const isHao = m[2] === '号' || m[2] === '號';
    if (isHao ? v < 32 || v > 50 : v < 15 || v > 50) continue;
    if (isHao && n[m.index - 1] === '月') continue;
    push(scan, 'size', m.index, m.index + m[0].length, numStr(v), 1, { system: 'eu' });
  }
  if (hasLatin && /EU|US|UK|JP|CN/.test(n)) {
    SYSTEM_SIZE_RE.lastIndex = 0;
    while ((m = SYSTEM_SIZE_RE.exec(n))) {
      const system = m[1].toLowerCase() === 'eur' ? 'eu' : m[1].toLowerCase();
      push(scan, 'size', m.index, m.index + m[0].length, numStr(Number(m[2])), 2, { system });
    }
  }
  const labelled = /size|尺码|码数|鞋码|尺寸|サイズ|穿/i.test(n);
  SIZE_LABEL_RE.lastIndex = 0;
  while (labelled && (m = SIZE_LABEL_RE.exec(n))) {
    const v = Number(m[1]);
    const end = m.index + m[0].length;
    const system = v >= 30 ? 'eu' : scan.opts.language === 'ja' && v >= 20 ? 'cm' : v <= 16 ? 'us' : 'number';
    if (m[0].startsWith('穿') && v < 30) continue;
    push(scan, 'size', end - m[1].length, end, numStr(v), 0, { system });
  }
  const cm = /cm|センチ|厘米/i.test(n);
  FOOT_CM_RE.lastIndex = 0;
  while (cm && (m = FOOT_CM_RE.exec(n))) {
    push(scan, 'size', m.index, m.index + m[0].length, numStr(Number(m[1])), 1, { system: 'cm' });
  }
}

function pushHeight(scan: Scan, start: number, end: number, cm: number, prio = 1): void {
  if (cm < 50 || cm > 230) return;
  const n = scan.n;
  if (
    NOT_HEIGHT_BEFORE_RE.test(n.slice(Math.max(0, start - 6), start)) ||
    NOT_HEIGHT_AFTER_RE.test(n.slice(end, end + 3))
  )
    return;
  push(scan, 'height', start, end, numStr(cm), prio, { amount: Math.round(cm * 10) / 10, unit: 'cm' });
}

function pushWeight(scan: Scan, start: number, end: number, kg: number, from: string): void {
  if (kg <= 0 || kg > 300) return;
  const amount = Math.round(kg * 10) / 10;
  push(scan, 'weight', start, end, numStr(amount), 1, { amount, unit: 'kg', from });
}

export function extractBody(scan: Scan): void {
  const n = scan.n;
  let m: RegExpExecArray | null;
  const cm = /cm|厘米|公分|センチ/i.test(n);
  const metres = /米|m|メートル/i.test(n);
  const feet = /['’]|ft|feet|foot/i.test(n);
  const weights = /kg|公斤|千克|キロ|斤|lb|pound/i.test(n);
  HEIGHT_CM_RE.lastIndex = 0;
  while (cm && (m = HEIGHT_CM_RE.exec(n))) {
    const v = Number(m[1]);
    if (v >= 100) pushHeight(scan, m.index, m.index + m[0].length, v);
  }
  HEIGHT_M_RE.lastIndex = 0;
  while (metres && (m = HEIGHT_M_RE.exec(n))) {
    const d = m[1];
    pushHeight(scan, m.index, m.index + m[0].length, 100 + (d.length === 1 ? Number(d) * 10 : Number(d)));
  }
  HEIGHT_DEC_RE.lastIndex = 0;
  while (metres && (m = HEIGHT_DEC_RE.exec(n)))
    pushHeight(scan, m.index, m.index + m[0].length, Math.round(Number(m[1]) * 100));
  HEIGHT_FT_RE.lastIndex = 0;
  while (feet && (m = HEIGHT_FT_RE.exec(n))) {
    const inches = m[2] ? Number(m[2]) : 0;
    if (inches > 11) continue;
    const text = m[0].replace(/\s+$/, '');
    pushHeight(scan, m.index, m.index + text.length, Math.round((Number(m[1]) * 12 + inches) * 2.54));
  }
  const heightLabel = /身高|身長|个子|個子|height/i.test(n);
  HEIGHT_LABEL_RE.lastIndex = 0;
  while (heightLabel && (m = HEIGHT_LABEL_RE.exec(n))) {
    const end = m.index + m[0].length;
    pushHeight(scan, end - m[1].length, end, Number(m[1]), 0);
  }
  if (/(?<![\d.])1[4-9]\d(?![\d.])/.test(n)) {
    HEIGHT_BARE_RE.lastIndex = 0;
    while ((m = HEIGHT_BARE_RE.exec(n))) pushHeight(scan, m.index, m.index + 3, Number(m[1] ?? m[2]), -1);
  }
  WEIGHT_RE.lastIndex = 0;
  while (weights && (m = WEIGHT_RE.exec(n))) {
    const v = Number(m[1]);
    const unit = m[2].toLowerCase();
    if (unit === 'pounds' && (v < 70 || v > 400)) continue;
    const kg = unit === '斤' ? v / 2 : unit.startsWith('lb') || unit === 'pounds' ? v * 0.45359237 : v;
    pushWeight(scan, m.index, m.index + m[0].length, kg, unit);
    heightBefore(scan, m.index);
  }
  const weightLabel = /体重|體重|weigh/i.test(n);
  WEIGHT_LABEL_RE.lastIndex = 0;
  while (weightLabel && (m = WEIGHT_LABEL_RE.exec(n))) {
    const end = m.index + m[0].length;
    const v = Number(m[1]);
    const lang = scan.opts.language;
    const from = lang === 'zh' && v >= 85 ? '斤' : lang === 'en' && v >= 90 ? 'lb' : 'kg';
    pushWeight(
      scan,
      end - m[1].length,
      end,
      from === '斤' ? v / 2 : from === 'lb' ? v * 0.45359237 : v,
      from,
    );
    heightBefore(scan, m.index);
  }
}

function heightBefore(scan: Scan, weightStart: number): void {
  const before = scan.n.slice(Math.max(0, weightStart - 8), weightStart);
  const h = HEIGHT_BEFORE_WEIGHT_RE.exec(before);
  if (!h) return;
  const start = weightStart - before.length + h.index;
  pushHeight(scan, start, start + 3, Number(h[1]), 0);
}

const WEIGHT_CN_RE = /(?<![一二两三四五六七八九十百])([一二两三四五六七八九十百]{1,4})(斤|公斤|千克)/g;

/** Heights and weights in Chinese numerals: 一米六五, 一百斤, 六十公斤. */
export function extractBodyCn(scan: Scan): void {
  extractHeightCn(scan);
  WEIGHT_CN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WEIGHT_CN_RE.exec(scan.n))) {
    const v = parseCnNumber(m[1]);
    if (Number.isFinite(v) && v > 0)
      pushWeight(scan, m.index, m.index + m[0].length, m[2] === '斤' ? v / 2 : v, m[2]);
  }
}

function extractHeightCn(scan: Scan): void {
  if (!scan.n.includes('一米')) return;
  HEIGHT_CN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  const digits = '〇一二三四五六七八九';
  while ((m = HEIGHT_CN_RE.exec(scan.n))) {
    const a = digits.indexOf(m[1]);
    const b = m[2] ? Math.max(0, digits.indexOf(m[2] === '零' ? '〇' : m[2])) : 0;
    pushHeight(scan, m.index, m.index + m[0].length, 100 + a * 10 + b);
  }
}

export function extractStorage(scan: Scan): void {
  const n = scan.n;
  STORAGE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STORAGE_RE.exec(n))) {
    const v = Number(m[1]);
    const unitRaw = m[2];
    const unit = unitRaw.toLowerCase();
    const end = m.index + m[0].length;
    const plus = n[m.index - 1] === '+' || /^\s?\+/.test(n.slice(end, end + 2));
    if (unit === 'g' && !POW2_GB.has(v) && !plus) continue;
    if (unit === 't' && (!TB_SIZES.has(v) || (unitRaw === 't' && !plus))) continue;
    if (v <= 0) continue;
    const tb = unit.startsWith('t');
    push(scan, 'storage', m.index, end, `${v}${tb ? 'TB' : 'GB'}`, 1, { amount: v, unit: tb ? 'TB' : 'GB' });
  }
}
