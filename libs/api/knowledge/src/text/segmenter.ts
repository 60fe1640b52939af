import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toSimplified } from './hant';
import { isCjk, normalizeText, scriptOf } from './normalize';
import { stemEnglish } from './stem';
import { isStopword } from './stopwords';

interface JiebaLike {
  cutForSearch(text: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}

let jieba: JiebaLike | undefined;
const added = new Set<string>();

/** The shop words jieba should keep whole (退货运费, 运费险, 满减, …), one per line: `word [freq]`. */
export const SHOP_DICTIONARY = join(__dirname, '../../data/shop-words.txt');

function zh(): JiebaLike {
  if (!jieba) {
    // Loaded lazily: the dictionary takes ~100 ms and a few MB, only worth it once Chinese is seen.
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): JiebaLike } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(SHOP_DICTIONARY));
  }
  return jieba;
}

/**
 * Teaches the Chinese segmenter words it must keep whole (synonym terms such as 免运费), so that
 * a synonym is one token on both sides. Words already known are skipped.
 */
export function addSegmenterWords(words: Iterable<string>): void {
  const fresh: string[] = [];
  for (const w of words) {
    const n = toSimplified(normalizeText(w).replace(/\s+/g, ''));
    if (n.length >= 2 && /\p{Script=Han}/u.test(n) && !added.has(n)) {
      added.add(n);
      fresh.push(`${n} 20000`);
    }
  }
  if (fresh.length) zh().loadDict(Buffer.from(fresh.join('\n')));
}

const ja = new Intl.Segmenter('ja', { granularity: 'word' });
const ONE_KANA = /^[\p{Script=Hiragana}ー]$/u;

const KATAKANA = /^[\p{Script=Katakana}ー]+$/u;

/**
 * Intl.Segmenter cuts unknown katakana loanwords into pieces (ノンフライヤー → ノン, フラ, イヤー). The whole
 * run is kept as a word too, after its pieces, so that it can match as one term.
 */
function cutJapanese(text: string): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) out.push(run.join(''));
    run = [];
  };
  for (const s of ja.segment(text)) {
    if (!s.isWordLike) {
      flush();
      continue;
    }
    out.push(s.segment);
    if (KATAKANA.test(s.segment)) run.push(s.segment);
    else flush();
  }
  flush();
  return out;
}

function post(token: string): string | null {
  const t = token.trim();
  if (!t) return null;
  if (ONE_KANA.test(t)) return null;
  if (isCjk(t)) return isStopword(t) ? null : t;
  if (isStopword(t)) return null;
  return stemEnglish(t);
}

/**
 * Splits text into index/query tokens: Chinese with jieba (search mode: 退货运费 → 退货, 运费,
 * 退货运费) after folding traditional characters to simplified (退貨 → 退货), Japanese with Intl.Segmenter, other scripts on spaces with light English stemming.
 * Stopwords go; a text made only of stopwords keeps them, so "你好" still has a token.
 * Tokens keep their order (duplicates included) so callers can read phrases from them.
 */
export function segment(text: string, locale: string): string[] {
  const norm = normalizeText(text);
  if (!norm) return [];
  const raw: string[] = [];
  for (const chunk of norm.split(' ')) {
    const script = scriptOf(chunk, locale);
    if (script === 'zh') raw.push(...zh().cutForSearch(toSimplified(chunk), true));
    else if (script === 'ja') raw.push(...cutJapanese(chunk));
    else raw.push(chunk);
  }
  const out: string[] = [];
  for (const r of raw) {
    const p = post(r);
    if (p) out.push(p);
  }
  if (out.length) return out;
  return raw.map((r) => r.trim()).filter(Boolean);
}

/** Unique tokens, order of first appearance. */
export function tokenSet(text: string, locale: string): string[] {
  return [...new Set(segment(text, locale))];
}
