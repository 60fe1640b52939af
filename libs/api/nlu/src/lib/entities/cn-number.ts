/** Chinese numerals (一 二 两 三 … 十 百 千 万, 〇/零) to numbers; `NaN` when the text is not one. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Character class of the numerals this module reads, for use inside regexes. */
export const CN_NUM_CLASS = '零〇一二两俩三四五六七八九十百千万';

export function parseCnNumber(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      section += (digit < 0 ? 1 : digit) * UNITS[ch];
      digit = -1;
    } else if (ch === '万') {
      total += (section + Math.max(digit, 0)) * 10000;
      section = 0;
      digit = -1;
    } else {
      return NaN;
    }
  }
  return total + section + Math.max(digit, 0);
}

/** A number written with ASCII digits (commas allowed) or Chinese numerals. */
export function parseAnyNumber(s: string): number {
  if (/^[\d,]+(?:\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
  return parseCnNumber(s);
}
