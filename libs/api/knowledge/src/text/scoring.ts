import { isCjk } from './normalize';
import type { SynonymIndex } from './synonym-index';

/** How much a token says about the topic: longer words more, single CJK characters and short words less. */
export function tokenWeight(t: string): number {
  if (t.startsWith('~')) return 1.2;
  if (isCjk(t)) return t.length === 1 ? 0.35 : t.length === 2 ? 1 : 1.15;
  if (/^\d+$/.test(t)) return 0.5;
  return t.length <= 2 ? 0.4 : 1;
}

/** A text's profile and its total tokenWeight, as ranking compares it with a question. */
export interface WeighedProfile {
  profile: Profile;
  size: number;
}

const PROFILE_CACHE_MAX = 50_000;
const profileCache = new WeakMap<SynonymIndex, Map<string, WeighedProfile>>();

/**
 * The profile of a stored token string (space-separated), remembered per synonym index: the same
 * variants come back in search after search (the general FAQ above all), and a new synonym index
 * starts afresh.
 */
export function storedProfile(
  tokens: string,
  synonyms: SynonymIndex,
  locale: string,
  lang?: string,
): WeighedProfile {
  let cache = profileCache.get(synonyms);
  if (!cache) {
    cache = new Map();
    profileCache.set(synonyms, cache);
  }
  const key = `${locale}\u0000${tokens}`;
  let p = cache.get(key);
  if (!p) {
    const profile = profileOf(tokens ? tokens.split(' ') : [], synonyms, locale, lang);
    let size = 0;
    for (const t of profile) size += tokenWeight(t);
    p = { profile, size };
    if (cache.size >= PROFILE_CACHE_MAX) cache.clear();
    cache.set(key, p);
  }
  return p;
}

/** overlap() of a question with a profile whose size is known. */
export function overlapWith(
  query: ReadonlyMap<string, number>,
  text: WeighedProfile,
): { coverage: number; precision: number } {
  let matched = 0;
  let total = 0;
  for (const [t, w] of query) {
    total += w;
    if (text.profile.has(t)) matched += w;
  }
  return {
    coverage: total ? matched / total : 0,
    precision: text.size ? Math.min(1, matched / text.size) : 0,
  };
}

/**
 * Inverse document frequency as a 0.2..1 factor: a term in every article of the locale counts a
 * fifth of one found in a single article. `articles` is the number of published articles.
 */
export function idfFactor(df: number, articles: number): number {
  if (articles <= 0) return 1;
  const f = Math.log((articles + 1) / (df + 0.5)) / Math.log(articles + 1);
  return 0.2 + 0.8 * Math.max(0, Math.min(1, f));
}

/** A text as retrieval compares it: synonym concepts plus the tokens no synonym covered. */
export type Profile = ReadonlySet<string>;

export function profileOf(tokens: string[], synonyms: SynonymIndex, locale: string, lang?: string): Profile {
  const { concepts, rest } = synonyms.read(tokens, locale, lang);
  return new Set([...concepts, ...rest]);
}

/**
 * Coverage: how much of the question (weighted by tokenWeight × IDF) the text explains.
 * Precision: how much of the text (weighted by tokenWeight) the question asked about. Both 0..1.
 */
export function overlap(
  query: ReadonlyMap<string, number>,
  text: Profile,
): { coverage: number; precision: number } {
  let matched = 0;
  let total = 0;
  for (const [t, w] of query) {
    total += w;
    if (text.has(t)) matched += w;
  }
  let size = 0;
  for (const t of text) size += tokenWeight(t);
  return { coverage: total ? matched / total : 0, precision: size ? Math.min(1, matched / size) : 0 };
}

/**
 * The score of one variant, 0..1 and comparable across queries: mostly how well the variant covers
 * the question, some how focused it is on it, and the pg_trgm similarity of the two texts (which
 * forgives typos and segmentation differences).
 */
export function variantScore(o: { coverage: number; precision: number }, trigram: number): number {
  const token = 0.7 * o.coverage + 0.3 * o.precision;
  const s = 0.8 * token + 0.2 * trigram;
  return clamp01(Math.max(s, trigram * 0.85));
}

/** The article's score: its best variant, raised by how much of the question its answer covers. */
export function articleScore(bestVariant: number, answerCoverage: number): number {
  return clamp01(bestVariant + (1 - bestVariant) * ANSWER_WEIGHT * answerCoverage);
}

/** How much the answer's coverage of the question can add (the variants decide most of the score). */
const ANSWER_WEIGHT = 0.3;
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
