import { Script, scriptOf } from '../text/normalize';

/**
 * Turns normalised text into hashed sparse features without building strings:
 * - CJK runs (Han and kana, with digit placeholders): character 1-, 2- and 3-grams, run edges marked;
 * - Latin words: the word, the word bigram, and character 3- and 4-grams of `<word>` (typo tolerance);
 * - other symbols (emoji, ?, !): the symbol itself;
 * - the detected language, as a bias feature.
 * Hashes are FNV-1a style over UTF-16 code units, masked to 30 bits so they stay small integers.
 */
export const FEATURE_SCHEME_VERSION = 1;

const MASK = 0x3fffffff;
const PRIME = 16777619;
const SEED_UNI = 0x811c9dc5 | 0;
const SEED_BI = 0x1234567;
const SEED_TRI = 0x2345678;
const SEED_WORD = 0x3456789;
const SEED_WORD_BI = 0x456789a;
const SEED_CHAR3 = 0x56789ab;
const SEED_CHAR4 = 0x6789abc;
const SEED_SYM = 0x789abcd;
const SEED_LANG = 0x89abcde;
const SEED_EDGE = 0x9abcdef;
const BOUNDARY = 0x2063; // a code unit that never occurs in normalised text

const mix = (h: number, c: number): number => Math.imul(h ^ c, PRIME);

export interface FeatureBuffer {
  hashes: Int32Array;
  length: number;
}

export function createFeatureBuffer(capacity = 8192): FeatureBuffer {
  return { hashes: new Int32Array(capacity), length: 0 };
}

const enum Kind {
  Latin,
  Cjk,
  Digit,
  Space,
  Punct,
  Symbol,
}

function kindOf(c: number): Kind {
  if (c === 35 /* # */ || c === 48 /* 0 */) return Kind.Digit;
  if (c === 39 /* ' */) return Kind.Latin;
  const s = scriptOf(c);
  switch (s) {
    case Script.Latin:
      return Kind.Latin;
    case Script.Han:
    case Script.Kana:
      return Kind.Cjk;
    case Script.Space:
      return Kind.Space;
    case Script.Hangul:
    case Script.OtherLetter:
      return Kind.Cjk; // treated like CJK: character n-grams
    default:
      return isPunctuation(c) ? Kind.Punct : Kind.Symbol;
  }
}

function isPunctuation(c: number): boolean {
  // ASCII punctuation and CJK punctuation break runs; ? and ! still emit a symbol feature.
  return (
    (c < 0x80 && c !== 63 && c !== 33) ||
    (c >= 0x3000 && c <= 0x303f && c !== 0x3005) ||
    c === 0xff0c ||
    c === 0xff0e
  );
}

/**
 * Appends the features of `text` (already normalised) to `buf`; returns the number added.
 * `langId` is 0..3 (zh, en, ja, und).
 */
export function featurize(text: string, langId: number, buf: FeatureBuffer): number {
  const out = buf.hashes;
  const cap = out.length - 8;
  let n = buf.length;
  const start = n;
  out[n++] = mix(SEED_LANG, langId) & MASK;

  // Current CJK run: previous two code units, for 2- and 3-grams.
  let runLen = 0;
  let p1 = 0;
  let p2 = 0;
  // Current Latin word.
  let wordHash = SEED_WORD;
  let wordLen = 0;
  let prevWord = 0;
  let hasPrevWord = false;
  // Rolling window for character 3/4-grams inside the word, with `<` as the leading boundary.
  let w1 = BOUNDARY;
  let w2 = 0;
  let w3 = 0;

  const endRun = () => {
    if (runLen > 0) {
      // Trailing edge: last char + boundary.
      out[n++] = mix(mix(SEED_EDGE, p1), BOUNDARY) & MASK;
      runLen = 0;
    }
  };
  const endWord = () => {
    if (wordLen > 0) {
      const wh = wordHash & MASK;
      out[n++] = wh;
      if (hasPrevWord) out[n++] = mix(mix(SEED_WORD_BI, prevWord), wh) & MASK;
      // Closing boundary grams.
      if (wordLen >= 2) out[n++] = mix(mix(mix(SEED_CHAR3, w2), w1), BOUNDARY) & MASK;
      if (wordLen >= 3) out[n++] = mix(mix(mix(mix(SEED_CHAR4, w3), w2), w1), BOUNDARY) & MASK;
      prevWord = wh;
      hasPrevWord = true;
      wordLen = 0;
      wordHash = SEED_WORD;
      w1 = BOUNDARY;
      w2 = 0;
      w3 = 0;
    }
  };

  const len = text.length;
  for (let i = 0; i < len && n < cap; i++) {
    const c = text.charCodeAt(i);
    let k = kindOf(c);
    if (k === Kind.Digit) {
      // A digit placeholder joins the word or run it touches.
      if (wordLen > 0) k = Kind.Latin;
      else if (runLen > 0) k = Kind.Cjk;
      else {
        const next = i + 1 < len ? kindOf(text.charCodeAt(i + 1)) : Kind.Space;
        k = next === Kind.Latin ? Kind.Latin : next === Kind.Cjk ? Kind.Cjk : Kind.Latin;
      }
    }
    if (k === Kind.Latin) {
      endRun();
      wordHash = mix(wordHash, c);
      wordLen++;
      // 3-gram ending here: (w2, w1, c); 4-gram: (w3, w2, w1, c)
      if (wordLen >= 2 || w2 === BOUNDARY || w1 === BOUNDARY) {
        if (w2 !== 0) out[n++] = mix(mix(mix(SEED_CHAR3, w2), w1), c) & MASK;
        if (w3 !== 0) out[n++] = mix(mix(mix(mix(SEED_CHAR4, w3), w2), w1), c) & MASK;
      }
      w3 = w2;
      w2 = w1;
      w1 = c;
      continue;
    }
    endWord();
    if (k === Kind.Cjk) {
      out[n++] = mix(SEED_UNI, c) & MASK;
      if (runLen === 0) out[n++] = mix(mix(SEED_EDGE, BOUNDARY), c) & MASK;
      if (runLen >= 1) out[n++] = mix(mix(SEED_BI, p1), c) & MASK;
      if (runLen >= 2) out[n++] = mix(mix(mix(SEED_TRI, p2), p1), c) & MASK;
      p2 = p1;
      p1 = c;
      runLen++;
      continue;
    }
    endRun();
    if (k === Kind.Space) continue;
    if (k === Kind.Symbol || c === 63 || c === 33 || c === 0xff1f || c === 0xff01) {
      out[n++] = mix(SEED_SYM, c) & MASK;
      hasPrevWord = false;
      continue;
    }
    // Punctuation breaks word bigrams.
    hasPrevWord = false;
  }
  endWord();
  endRun();
  buf.length = n;
  return n - start;
}

export const LANGUAGE_IDS: Record<string, number> = { zh: 0, en: 1, ja: 2, und: 3 };
