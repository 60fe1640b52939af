import { isCjk, languageOf } from '../text/normalize';
import { tokenWeight } from '../text/scoring';
import { segment } from '../text/segmenter';
import { similarityText } from '../text/similarity-text';
import type { SynonymIndex } from '../text/synonym-index';

/** Two questions at least this similar are the same question for the queue. */
export const GROUP_SIMILARITY = 0.5;

/** NLU languages (zh, en, ja, und) and locales (zh-CN) → the grouping key (zh, en, ja, und). */
export function groupLanguage(language: string): string {
  const l = languageOf(language.trim());
  return /^[a-z]{2,3}$/.test(l) ? l : 'und';
}

/** The locale a draft article gets for a group's language. */
export function localeForLanguage(language: string): string {
  return ({ zh: 'zh-CN', en: 'en', ja: 'ja' } as Record<string, string>)[language] ?? 'en';
}

/** The locale a grouping language segments with. */
const segmentLocale = (language: string) => (language === 'und' ? 'en' : language);

export interface QuestionKey {
  /** The form pg_trgm compares (CJK as character pairs, traditional folded to simplified). */
  normalized: string;
  /** Distinct tokens (search-mode segmentation: a compound and its parts), for the overlap measure. */
  tokens: string[];
}

export function questionKey(text: string, language: string): QuestionKey {
  const locale = segmentLocale(groupLanguage(language));
  return { normalized: similarityText(text, locale), tokens: [...new Set(segment(text, locale))] };
}

/**
 * Tokens to look for among stored questions: the question's own, plus every one-token way of
 * writing the synonyms it uses (包邮 → 免运费, 免邮, …), so that a question sharing only a synonym
 * is still compared.
 */
export function searchTokens(tokens: string[], synonyms: SynonymIndex, language: string): string[] {
  const locale = segmentLocale(language);
  const out = new Set(tokens);
  for (const c of synonyms.read(tokens, locale).concepts)
    for (const seq of synonyms.sequencesOf(c, locale)) if (seq.length === 1) out.add(seq[0]);
  return [...out];
}

/** One thing a question mentions: a word, or a synonym group, with how much it says. */
interface Unit {
  /** The word as written (CJK words are compared by their characters too); '' for a multi-word synonym. */
  text: string;
  /** What it means: its synonym group, or the word itself and the groups of the synonyms inside it. */
  keys: Set<string>;
  weight: number;
}

/** A question as grouping compares it. */
export interface QuestionProfile {
  units: Unit[];
  weight: number;
  cjk: boolean;
  /** Every token, a synonym read as its group (for plain token overlap). */
  tokens: Set<string>;
  /** The units' words in order, synonyms written one way (for character-pair overlap). */
  canonical: string;
}

/**
 * What a question is about, from its stored tokens and the current synonyms: the longest words
 * (search-mode segmentation also lists 增值 and 增值税 inside 增值税专票; the parts go), each read
 * as its synonym group when it is a synonym (专用发票 ≡ 专票), or as itself plus the groups of the
 * synonyms it contains (退货地址: 退货地址 and the 退货 group). Stopwords are already gone.
 */
export function questionProfile(tokens: string[], synonyms: SynonymIndex, language: string): QuestionProfile {
  const locale = segmentLocale(language);
  const conceptOf = (t: string) => synonyms.read([t], locale).concepts[0];
  const spelling = (c: string) => (synonyms.sequencesOf(c, locale)[0] ?? [c]).join('');
  const { concepts, rest } = synonyms.read(tokens, locale);
  const kept = new Set(rest); // tokens inside a multi-word synonym ("money back") are not in rest
  const units: Unit[] = [];
  const canonical: string[] = [];
  // Groups one token names (those of dropped parts included); the others are multi-word synonyms.
  const single = new Set(tokens.map(conceptOf).filter((c): c is string => !!c));
  for (const t of tokens) {
    if (!kept.has(t)) continue;
    const inside =
      isCjk(t) && tokens.some((o) => o !== t && o.length > t.length && isCjk(o) && o.includes(t));
    if (inside) continue;
    const c = conceptOf(t);
    if (c) {
      units.push({ text: t, keys: new Set([c]), weight: tokenWeight('~') });
      canonical.push(spelling(c));
      continue;
    }
    const keys = new Set([t]);
    if (isCjk(t)) {
      for (const s of tokens) {
        const sc = s !== t && t.includes(s) ? conceptOf(s) : undefined;
        if (sc) keys.add(sc);
      }
    }
    units.push({ text: t, keys, weight: tokenWeight(t) });
    canonical.push(t);
  }
  for (const c of concepts) {
    if (single.has(c)) continue;
    units.push({ text: '', keys: new Set([c]), weight: tokenWeight('~') });
    canonical.push(spelling(c));
  }
  // The same meaning twice (免运费 and 包邮 in one question) counts once.
  const seen = new Set<string>();
  const distinct = units.filter((u) => {
    const k = [...u.keys].sort().join('|');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    units: distinct,
    weight: distinct.reduce((s, u) => s + u.weight, 0),
    cjk: tokens.some(isCjk),
    tokens: new Set([...rest.map((t) => conceptOf(t) ?? t), ...concepts]),
    canonical: canonical.join(tokens.some(isCjk) ? '' : ' '),
  };
}

/** Jaccard overlap of the character pairs of two CJK texts (退货地址 / 收货地址: 货地 and 地址 of 4 → 0.5). */
export function bigramJaccard(a: string, b: string): number {
  const pairs = (s: string) => {
    const c = [...s.replace(/\s+/g, '')];
    const out = new Set<string>();
    for (let i = 0; i + 1 < c.length; i++) out.add(c[i] + c[i + 1]);
    return out;
  };
  const x = pairs(a);
  const y = pairs(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const p of x) if (y.has(p)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Share of a CJK word's characters that words of another question, written inside it, account for. */
function covered(word: string, by: QuestionProfile): number {
  const hit = new Array<boolean>(word.length).fill(false);
  for (const v of by.units) {
    if (!v.text || v.text.length >= word.length) continue;
    for (let i = word.indexOf(v.text); i >= 0; i = word.indexOf(v.text, i + 1))
      for (let k = 0; k < v.text.length; k++) hit[i + k] = true;
  }
  return hit.filter(Boolean).length / word.length;
}

/** How far unit `u` of question `p` is said by question `q`, 0..1. */
function said(u: Unit, p: QuestionProfile, q: QuestionProfile): number {
  let best = 0;
  for (const v of q.units) {
    let shared = 0;
    for (const k of u.keys) if (v.keys.has(k)) shared++;
    let s = shared / (u.keys.size + v.keys.size - shared);
    if (s < 1 && u.text && v.text && isCjk(u.text) && isCjk(v.text)) {
      // 退货运费 is said by 退货 + 运费 (and each of them by 退货运费) as far as the parts cover the
      // compound; 退货 says half of 退货地址. Words that share characters: their pair overlap.
      if (v.text.length < u.text.length && u.text.includes(v.text)) s = Math.max(s, covered(u.text, q));
      else if (u.text.length < v.text.length && v.text.includes(u.text)) s = Math.max(s, covered(v.text, p));
      s = Math.max(s, bigramJaccard(u.text, v.text));
    }
    best = Math.max(best, s);
  }
  return best;
}

/** A unit counts as said when the other question says this much of it. */
const SAID = 0.75;

/**
 * Weighted overlap of two questions' profiles, 0..1: each unit finds how far the other question
 * says it (same synonym group, the same word in parts, the same characters), matches are weighed by
 * what the units say (tokenWeight: a single character little, a synonym group most), and the
 * measure is Jaccard-like — what both say over what either says. `conflict`: each question says
 * something substantial the other does not (发货时间 / 到货时间, 申请退款 / 申请退货).
 */
export function profileSimilarity(
  a: QuestionProfile,
  b: QuestionProfile,
): { overlap: number; conflict: boolean } {
  if (!a.units.length || !b.units.length) return { overlap: 0, conflict: false };
  const side = (x: QuestionProfile, y: QuestionProfile) => {
    let sum = 0;
    let unsaid = false;
    for (const u of x.units) {
      const s = said(u, x, y);
      sum += u.weight * s;
      if (u.weight >= 1 && s < SAID) unsaid = true;
    }
    return { sum, unsaid };
  };
  const ab = side(a, b);
  const ba = side(b, a);
  const shared = (ab.sum + ba.sum) / 2;
  return { overlap: shared / (a.weight + b.weight - shared), conflict: ab.unsaid && ba.unsaid };
}

const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
};

/**
 * How alike two questions are, 0..1. When Chinese or Japanese questions each say something
 * substantial the other does not, only the weighted profile overlap counts: the characters of 发货时间 and 到货时间 mostly agree, yet the
 * one word that differs is the point. Otherwise the best of that, the overlap of their tokens with
 * synonyms read as one (search-mode tokens, so 退货运费 meets 退货 and 运费), and the
 * character-pair overlap of their words (segmentation differences); for text other than Chinese and
 * Japanese also pg_trgm's similarity, which forgives typos.
 */
export function questionSimilarity(trigram: number, a: QuestionProfile, b: QuestionProfile): number {
  const { overlap, conflict } = profileSimilarity(a, b);
  const cjk = a.cjk || b.cjk;
  if (conflict && cjk) return overlap;
  return Math.max(
    overlap,
    jaccard(a.tokens, b.tokens),
    cjk ? bigramJaccard(a.canonical, b.canonical) : 0,
    cjk ? 0 : trigram,
  );
}

/**
 * The group a new question joins: the group of its most similar question among the candidates,
 * if that is similar enough; else null (a new group).
 */
export function pickGroup(
  question: QuestionProfile,
  candidates: { groupId: string; trigram: number; profile: QuestionProfile }[],
  threshold = GROUP_SIMILARITY,
): string | null {
  let best: { groupId: string; score: number } | null = null;
  for (const c of candidates) {
    const score = questionSimilarity(c.trigram, question, c.profile);
    if (score >= threshold && (!best || score > best.score)) best = { groupId: c.groupId, score };
  }
  return best?.groupId ?? null;
}
