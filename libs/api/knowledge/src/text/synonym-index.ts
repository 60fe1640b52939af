import { toSimplified } from './hant';
import { isCjk, languageOf, normalizeText, scriptOf } from './normalize';
import { segment } from './segmenter';

export interface SynonymGroupLike {
  id: string;
  terms: string[];
  locale: string | null;
}

interface Entry {
  seq: string[];
  concept: string;
  /** The group's locale language, or null for every locale. */
  language: string | null;
  /** How the term was segmented (zh or ja for Han-only terms read both ways); null: any text. */
  reading: string | null;
}

/** A query token slot for the tsquery: the token itself, or the token sequences of every synonym. */
export type Alternatives = string[][];

/**
 * Synonym groups as token sequences. Each group is a concept (`~<n>`): a text mentions the concept
 * when its tokens contain one of the group's terms, segmented the same way. Multi-word terms
 * ("money back") match as consecutive tokens. Groups of the same scope that share a term (取消 in
 * 取消 ~ 撤销 and in 取消 ~ キャンセル) are one concept: a term means one thing, and which group
 * would win otherwise would depend on the order the groups were read in.
 */
export class SynonymIndex {
  private readonly byFirst = new Map<string, Entry[]>();
  private readonly conceptTerms = new Map<
    string,
    { seqs: { seq: string[]; reading: string | null }[]; language: string | null }
  >();

  constructor(groups: SynonymGroupLike[]) {
    const root = groups.map((_, i) => i);
    const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
    const owner = new Map<string, number>();
    groups.forEach((g, i) => {
      for (const term of g.terms) {
        const key = `${g.locale ? languageOf(g.locale) : '*'}\u0000${normalizeText(term)}`;
        const other = owner.get(key);
        if (other === undefined) owner.set(key, i);
        else {
          const [a, b] = [find(other), find(i)].sort((x, y) => x - y);
          root[b] = a;
        }
      }
    });
    groups.forEach((g, i) => {
      const concept = `~${find(i)}`;
      const language = g.locale ? languageOf(g.locale) : null;
      const entry = this.conceptTerms.get(concept) ?? { seqs: [], language };
      const seqs = entry.seqs;
      for (const term of g.terms) {
        for (const { seq, reading } of termSequences(term, g.locale)) {
          if (seqs.some((s) => s.reading === reading && s.seq.join(' ') === seq.join(' '))) continue;
          seqs.push({ seq, reading });
          const list = this.byFirst.get(seq[0]) ?? [];
          list.push({ seq, concept, language, reading });
          this.byFirst.set(seq[0], list);
        }
      }
      this.conceptTerms.set(concept, entry);
    });
    for (const [c, e] of this.conceptTerms) if (e.seqs.length < 2) this.conceptTerms.delete(c);
    for (const list of this.byFirst.values()) list.sort((a, b) => b.seq.length - a.seq.length);
  }

  get size(): number {
    return this.conceptTerms.size;
  }

  /**
   * The concepts a token list mentions, and the tokens no synonym covered. Tokens inside a
   * matched multi-token term are covered by it ("money back" → the refund concept, not "money").
   */
  read(tokens: string[], locale: string, lang = languageOf(locale)): { concepts: string[]; rest: string[] } {
    const concepts = new Set<string>();
    const rest: string[] = [];
    for (let i = 0; i < tokens.length;) {
      const candidates = this.byFirst.get(tokens[i]);
      let matched: Entry | undefined;
      if (candidates) {
        matched = candidates.find(
          (e) =>
            (e.language === null || e.language === lang) &&
            (e.reading === null || e.reading === lang || (lang !== 'zh' && lang !== 'ja')) &&
            e.seq.every((t, k) => tokens[i + k] === t),
        );
      }
      if (matched) {
        concepts.add(matched.concept);
        if (matched.seq.length === 1) rest.push(tokens[i]); // a one-token term still matches itself
        i += matched.seq.length;
      } else {
        rest.push(tokens[i]);
        i++;
      }
    }
    return { concepts: [...concepts], rest };
  }

  /** Token sequences that express a concept in text of `locale` (for building the full-text query). */
  sequencesOf(concept: string, locale?: string): string[][] {
    const lang = locale ? languageOf(locale) : null;
    const seqs = this.conceptTerms.get(concept)?.seqs ?? [];
    return seqs
      .filter((s) => s.reading === null || !lang || s.reading === lang || (lang !== 'zh' && lang !== 'ja'))
      .map((s) => s.seq);
  }
}

/**
 * How a term appears among a text's tokens. A Chinese term the segmenter knows (synonym terms are
 * added to its dictionary) is one token; otherwise its tokens in order. A term without a locale
 * that is all Han is read both as Chinese (jieba) and as Japanese (Intl.Segmenter), since 返品 or
 * 保証 may be either; each reading applies to text of its language.
 */
export function termSequences(
  term: string,
  locale: string | null,
): { seq: string[]; reading: string | null }[] {
  const norm = normalizeText(term);
  if (!norm) return [];
  const as = (loc: string): string[] => {
    const toks = segment(norm, loc);
    let whole = norm.replace(/\s+/g, '');
    if (scriptOf(whole, loc) === 'zh') whole = toSimplified(whole); // as segment() reads it
    return isCjk(whole) && toks.includes(whole) ? [whole] : toks;
  };
  if (locale) return [{ seq: as(locale), reading: null }].filter((s) => s.seq.length);
  if (!isCjk(norm)) return [{ seq: as('en'), reading: null }].filter((s) => s.seq.length);
  if (scriptOf(norm, 'zh') === 'ja') return [{ seq: as('ja'), reading: null }].filter((s) => s.seq.length);
  return [
    { seq: as('zh'), reading: 'zh' },
    { seq: as('ja'), reading: 'ja' },
  ].filter((s) => s.seq.length);
}
