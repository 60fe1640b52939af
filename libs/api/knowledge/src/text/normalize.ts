/**
 * Text normalisation shared by indexing, querying and the unknown-question grouping:
 * NFKC (full-width → half-width, ﹖ → ?), lower case, punctuation and symbols → spaces.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}ー]/u;

export type Script = 'zh' | 'ja' | 'latin';

/** Which segmenter reads a text: kana → Japanese; Han → Chinese, or Japanese for a ja locale; else words. */
export function scriptOf(text: string, locale: string): Script {
  if (KANA.test(text)) return 'ja';
  if (HAN.test(text)) return languageOf(locale) === 'ja' ? 'ja' : 'zh';
  return 'latin';
}

/** zh-CN → zh, ja-JP → ja, en-US → en. */
export function languageOf(locale: string): string {
  return locale.split('-')[0].toLowerCase();
}

export const isCjk = (s: string) => HAN.test(s) || KANA.test(s);
