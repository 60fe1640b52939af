import { createHash } from 'node:crypto';
import { segment } from '../text/segmenter';
import { markdownText, similarityText } from '../text/similarity-text';

/** The fields that make up an article's content (what a version records). */
export interface ArticleContent {
  externalKey: string | null;
  title: string;
  questions: string[];
  answer: string;
  locale: string;
  regions: string[];
  productIds: string[];
  categoryIds: string[];
  tags: string[];
  status: string;
}

export const CONTENT_FIELDS: (keyof ArticleContent)[] = [
  'externalKey',
  'title',
  'questions',
  'answer',
  'locale',
  'regions',
  'productIds',
  'categoryIds',
  'tags',
  'status',
];

/** Same content → same hash; imports and feeds skip rows whose hash did not change. */
export function contentHash(c: ArticleContent): string {
  const ordered = CONTENT_FIELDS.map((f) => c[f]);
  return createHash('sha256').update(JSON.stringify(ordered)).digest('base64url');
}

export interface ArticleIndex {
  /** tsvector literal: variant tokens with positions; title A, questions B, answer D. */
  searchVector: string;
  /** One similarityText per variant (title first), for pg_trgm. */
  searchVariants: string[];
  /** Space-joined tokens per variant (title first), then one entry for the answer. */
  searchTokens: string[];
  /** Distinct tokens of the whole article, for document frequencies. */
  terms: string[];
}

/**
 * Bumped whenever segmentation changes what an article's stored tokens would be (a re-index then
 * runs once in the background, see KnowledgeReindexProcessor). 2: traditional Chinese folded to
 * simplified.
 */
export const INDEX_VERSION = 2;

/** The start of the answer is what it is about; the rest would only slow ranking. */
const MAX_ANSWER_TOKENS = 150;
const MAX_POSITIONS = 8;
const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Segments an article the way retrieval reads it. Pure; the caller persists the result. */
export function buildArticleIndex(
  c: Pick<ArticleContent, 'title' | 'questions' | 'answer' | 'locale'>,
): ArticleIndex {
  const variants = [c.title, ...c.questions];
  const variantTokens = variants.map((v) => segment(v, c.locale));
  const answerTokens = segment(markdownText(c.answer), c.locale).slice(0, MAX_ANSWER_TOKENS);

  const positions = new Map<string, string[]>();
  let pos = 1;
  const add = (tokens: string[], weight: 'A' | 'B' | 'D') => {
    for (const t of tokens) {
      const list = positions.get(t) ?? [];
      if (list.length < MAX_POSITIONS) list.push(`${Math.min(pos, 16383)}${weight === 'D' ? '' : weight}`);
      positions.set(t, list);
      pos++;
    }
    pos += 8; // a gap so that phrases never span two variants
  };
  variantTokens.forEach((tokens, i) => add(tokens, i === 0 ? 'A' : 'B'));
  add(answerTokens, 'D');

  const searchVector = [...positions].map(([t, p]) => `${quote(t)}:${p.join(',')}`).join(' ');
  return {
    searchVector,
    searchVariants: variants.map((v) => similarityText(v, c.locale)),
    searchTokens: [...variantTokens.map((t) => t.join(' ')), answerTokens.join(' ')],
    terms: [...positions.keys()],
  };
}

/** Distinct tokens recorded in stored searchTokens (the inverse of buildArticleIndex for df bookkeeping). */
export function termsOfStoredTokens(searchTokens: string[] | null | undefined): string[] {
  const out = new Set<string>();
  for (const entry of searchTokens ?? []) for (const t of entry.split(' ')) if (t) out.add(t);
  return [...out];
}
