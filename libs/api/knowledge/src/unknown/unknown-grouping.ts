import { languageOf } from '../text/normalize';
import { segment } from '../text/segmenter';
import { similarityText } from '../text/similarity-text';

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

export interface QuestionKey {
  /** The form pg_trgm compares (CJK as character pairs). */
  normalized: string;
  /** Distinct tokens, for the overlap measure. */
  tokens: string[];
}

export function questionKey(text: string, language: string): QuestionKey {
  const lang = groupLanguage(language);
  return { normalized: similarityText(text), tokens: [...new Set(segment(text, lang === 'und' ? 'en' : lang))] };
}

/** Jaccard overlap of two token sets, 0..1. */
export function tokenOverlap(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const sa = new Set(a);
  let inter = 0;
  for (const t of new Set(b)) if (sa.has(t)) inter++;
  return inter / (sa.size + new Set(b).size - inter);
}

/** How alike two questions are: the better of character-trigram similarity and token overlap. */
export function questionSimilarity(trigram: number, a: string[], b: string[]): number {
  return Math.max(trigram, tokenOverlap(a, b));
}

/**
 * The group a new question joins: the group of its most similar question among the candidates,
 * if that is similar enough; else null (a new group).
 */
export function pickGroup(
  key: QuestionKey,
  candidates: { groupId: string; trigram: number; tokens: string[] }[],
  threshold = GROUP_SIMILARITY,
): string | null {
  let best: { groupId: string; score: number } | null = null;
  for (const c of candidates) {
    const score = questionSimilarity(c.trigram, key.tokens, c.tokens);
    if (score >= threshold && (!best || score > best.score)) best = { groupId: c.groupId, score };
  }
  return best?.groupId ?? null;
}
