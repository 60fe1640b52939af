/**
 * Classifier-side normalisation: NFKC (full-width → half-width, compatibility forms), lower case,
 * and digit runs folded so that order numbers and prices do not become vocabulary:
 * a run of 5+ digits becomes `#`, a shorter run becomes `0`.
 * Offsets are not preserved: entities are extracted from the original text, never from this.
 */
export function normalizeForClassifier(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  let out = '';
  let digits = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      continue;
    }
    if (digits) {
      out += digits >= 5 ? '#' : '0';
      digits = 0;
    }
    out += folded[i];
  }
  if (digits) out += digits >= 5 ? '#' : '0';
  return out;
}

/** Script class of a UTF-16 code unit, for tokenising and language detection. */
export const enum Script {
  Other = 0,
  Latin = 1,
  Han = 2,
  Kana = 3,
  Digit = 4,
  Hangul = 5,
  OtherLetter = 6,
  Space = 7,
}

export function scriptOf(c: number): Script {
  if (c < 0x80) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return Script.Latin;
    if (c >= 48 && c <= 57) return Script.Digit;
    if (c === 32 || c === 9 || c === 10 || c === 13) return Script.Space;
    return Script.Other;
  }
  if (c >= 0x4e00 && c <= 0x9fff) return Script.Han;
  if (c >= 0x3040 && c <= 0x30ff) return Script.Kana; // hiragana, katakana (incl. ー)
  if (c >= 0x3400 && c <= 0x4dbf) return Script.Han;
  if (c >= 0xf900 && c <= 0xfaff) return Script.Han;
  if (c === 0x3005) return Script.Han; // 々
  if (c >= 0x31f0 && c <= 0x31ff) return Script.Kana;
  if (c >= 0xff66 && c <= 0xff9f) return Script.Kana; // half-width katakana
  if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) return Script.Latin;
  if (c >= 0xac00 && c <= 0xd7af) return Script.Hangul;
  if (c >= 0x1100 && c <= 0x11ff) return Script.Hangul;
  if (c >= 0x3000 && c <= 0x303f) return Script.Other; // CJK punctuation
  if (c >= 0xff00 && c <= 0xffef) return Script.Other;
  if (c >= 0x370 && c <= 0x1fff) return Script.OtherLetter; // Greek, Cyrillic, Arabic, Hebrew, Thai, Devanagari…
  if (c === 0xa0 || c === 0x3000) return Script.Space;
  return Script.Other;
}
