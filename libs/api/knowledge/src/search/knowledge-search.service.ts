import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KnowledgeSearchHit, KnowledgeSearchResultDto } from '@kefu/shared/contracts';
import { KnowledgeSettingsService } from '../settings/knowledge-settings.service';
import { SynonymsService } from '../synonyms/synonyms.service';
import { isCjk, languageOf } from '../text/normalize';
import { articleScore, idfFactor, overlap, profileOf, tokenWeight, variantScore } from '../text/scoring';
import { segment } from '../text/segmenter';
import { similarityText } from '../text/similarity-text';
import type { SynonymIndex } from '../text/synonym-index';
import { allTermsQuery, anyTermQuery, candidateSql, productTermsQuery, Slot } from './query-plan';
import { TermStatsCache } from './term-stats-cache.service';

export interface SearchOptions {
  locale: string;
  region?: string;
  productId?: string;
  categoryId?: string;
  /** Hits to return (default 5, at most 50). */
  limit?: number;
  /** When the locale has no answerable hit, also search the other locales. */
  fallbackLocales?: boolean;
}

interface CandidateRow {
  id: number;
  title: string;
  locale: string;
  questions: string[];
  search_tokens: string[];
  product_ids: string[];
  sims: number[];
}

/** pg_trgm similarity a known word needs to stand in for an unknown one. */
const CORRECTION_SIMILARITY = 0.4;
const CORRECTION_CACHE_MS = 60_000;
/** The score of a product's article when the shopper is not looking at that product. */
const PRODUCT_ELSEWHERE = 0.85;

/**
 * Retrieval. The text is segmented in Node (jieba, Intl.Segmenter, stemming), expanded with
 * synonyms and spelling corrections, and matched in two steps:
 *
 * 1. candidates, in SQL (query-plan.ts): published articles of the locale whose token vector
 *    (partial GIN indexes) matches the question — general articles on any informative term,
 *    product-scoped ones on most of its rarest terms or, for the product in view, on any term —
 *    the best 20 of each by ts_rank_cd, with the pg_trgm similarity of the question to each title
 *    and question variant;
 * 2. ranking, in Node: each variant's weighted term coverage and precision (IDF from
 *    knowledge_terms) blended with that similarity, plus how much of the question the answer
 *    covers. The score is 0..1 and means the same for any query, so one threshold decides.
 */
@Injectable()
export class KnowledgeSearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly synonyms: SynonymsService,
    private readonly settings: KnowledgeSettingsService,
    private readonly termStats: TermStatsCache,
  ) {}

  private readonly correctionCache = new Map<string, { fixes: { term: string; df: number }[]; at: number }>();

  /** Drops the per-process caches (tests that empty the database between cases). */
  forget(): void {
    this.termStats.forget();
    this.correctionCache.clear();
  }

  async search(query: string, opts: SearchOptions): Promise<KnowledgeSearchHit[]> {
    return (await this.searchWithDetails(query, opts)).hits;
  }

  async searchWithDetails(query: string, opts: SearchOptions): Promise<KnowledgeSearchResultDto> {
    const started = performance.now();
    const limit = Math.max(1, Math.min(50, opts.limit ?? 5));
    const threshold = await this.settings.answerThreshold();
    const text = query.trim().slice(0, 1000);
    const synonyms = await this.synonyms.index();
    const tokens = segment(text, opts.locale);
    const done = (hits: KnowledgeSearchHit[], terms: string[]): KnowledgeSearchResultDto => ({
      hits,
      threshold,
      terms,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    });
    if (!tokens.length) return done([], []);

    const first = await this.searchLocales(text, tokens, [opts.locale], opts, synonyms, threshold, limit);
    if (!opts.fallbackLocales || first.hits.some((h) => h.answerable)) return done(first.hits, first.terms);

    const others = ((await this.db.query(
      `SELECT locale FROM knowledge_terms WHERE term = '' AND df > 0 AND locale <> $1 ORDER BY locale`,
      [opts.locale],
    )) as { locale: string }[]).map((r) => r.locale);
    if (!others.length) return done(first.hits, first.terms);
    const more = await this.searchLocales(text, tokens, others, opts, synonyms, threshold, limit);
    const hits = [...first.hits, ...more.hits].sort(byScore).slice(0, limit);
    return done(hits, first.terms);
  }

  private async searchLocales(
    text: string,
    tokens: string[],
    locales: string[],
    opts: SearchOptions,
    synonyms: SynonymIndex,
    threshold: number,
    limit: number,
  ): Promise<{ hits: KnowledgeSearchHit[]; terms: string[] }> {
    const hits: KnowledgeSearchHit[] = [];
    let terms: string[] = [];
    for (const locale of locales) {
      const r = await this.searchLocale(text, tokens, locale, opts, synonyms, threshold);
      hits.push(...r.hits);
      if (!terms.length) terms = r.terms;
    }
    return { hits: hits.sort(byScore).slice(0, limit), terms };
  }

  private async searchLocale(
    text: string,
    tokens: string[],
    locale: string,
    opts: SearchOptions,
    synonyms: SynonymIndex,
    threshold: number,
  ): Promise<{ hits: KnowledgeSearchHit[]; terms: string[] }> {
    const plan = await this.prepare(text, tokens, locale, opts, synonyms);
    if (!plan.sql) return { hits: [], terms: plan.terms };
    const rows = (await this.db.query(plan.sql, plan.params)) as CandidateRow[];
    const hits = rows.map((row) => this.rank(row, plan.weights, synonyms, threshold, opts.productId));
    return { hits: hits.sort(byScore), terms: plan.terms };
  }

  /** EXPLAIN ANALYZE of the candidate query a search runs (bench and operators). */
  async explain(query: string, opts: SearchOptions): Promise<string[]> {
    const synonyms = await this.synonyms.index();
    const plan = await this.prepare(query, segment(query, opts.locale), opts.locale, opts, synonyms);
    if (!plan.sql) return ['(no candidate query: no known term)'];
    const rows = (await this.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${plan.sql}`, plan.params)) as Record<string, string>[];
    return rows.map((r) => Object.values(r)[0]);
  }

  /** Term statistics, spelling corrections, weights and the candidate query for one locale. */
  private async prepare(
    text: string,
    tokens: string[],
    locale: string,
    opts: SearchOptions,
    synonyms: SynonymIndex,
  ): Promise<{ weights: Map<string, number>; terms: string[]; sql: string | null; params: unknown[] }> {
    const { concepts, rest } = synonyms.read(tokens, locale);
    const conceptSeqs = new Map(concepts.map((c) => [c, synonyms.sequencesOf(c, locale)]));
    const df = await this.termStats.get(locale, [...new Set(['', ...rest, ...[...conceptSeqs.values()].flat(2)])]);
    const articles = df.get('') ?? 0;
    const weights = new Map<string, number>();
    if (!articles) return { weights, terms: [], sql: null, params: [] };

    const corrections = await this.corrections(
      locale,
      rest.filter((t) => !df.get(t) && !isCjk(t) && t.length >= 4 && !/^\d+$/.test(t)),
    );
    for (const fixed of corrections.values()) for (const c of fixed) df.set(c.term, c.df);

    // The question's terms with their weights (a corrected word stands in for the misspelt one).
    // A word that is itself a synonym term is weighed as both, but fetches candidates once, as the concept.
    const slots: Slot[] = [];
    const inConcepts = new Set([...conceptSeqs.values()].flat().filter((seq) => seq.length === 1).map((seq) => seq[0]));
    for (const t of rest) {
      const fixed = corrections.get(t)?.map((c) => c.term);
      const term = fixed?.[0] ?? t;
      const d = df.get(term) ?? 0;
      weights.set(term, tokenWeight(term) * idfFactor(d, articles));
      if (!inConcepts.has(t)) slots.push({ alternatives: [[t], ...(fixed ?? []).map((f) => [f])], df: d, token: t });
    }
    for (const [c, seqs] of conceptSeqs) {
      const d = Math.max(0, ...seqs.map((s) => Math.min(...s.map((t) => df.get(t) ?? 0))));
      weights.set(c, tokenWeight(c) * idfFactor(d, articles));
      slots.push({ alternatives: seqs, df: d });
    }
    const terms = [
      ...rest.map((t) => (corrections.has(t) ? `${t}→${corrections.get(t)?.map((c) => c.term).join('|')}` : t)),
      ...[...conceptSeqs.values()].map((seqs) => seqs.map((s) => s.join(' ')).join('|')),
    ];

    const general = anyTermQuery(slots);
    const product = opts.productId ? allTermsQuery(slots) : productTermsQuery(slots, articles);
    const q = candidateSql(
      general,
      product,
      { locale, region: opts.region ?? null, productId: opts.productId ?? null, categoryId: opts.categoryId ?? null },
      similarityText(text),
    );
    return { weights, terms, sql: q?.sql ?? null, params: q?.params ?? [] };
  }

  /** Known words close to each unknown one (pg_trgm over the vocabulary), cached briefly. */
  private async corrections(locale: string, unknown: string[]): Promise<Map<string, { term: string; df: number }[]>> {
    const out = new Map<string, { term: string; df: number }[]>();
    const now = Date.now();
    const missing = unknown.filter((t) => {
      const c = this.correctionCache.get(`${locale}\u0000${t}`);
      if (c && now - c.at < CORRECTION_CACHE_MS) {
        if (c.fixes.length) out.set(t, c.fixes);
        return false;
      }
      return true;
    });
    if (!missing.length) return out;
    const rows = (await this.db.query(
      `SELECT t.tok, k.term, k.df FROM unnest($2::text[]) AS t(tok)
       CROSS JOIN LATERAL (
         SELECT term, df FROM knowledge_terms
         WHERE locale = $1 AND df > 0 AND term <> '' AND term % t.tok AND similarity(term, t.tok) >= ${CORRECTION_SIMILARITY}
         ORDER BY similarity(term, t.tok) DESC, df DESC, term LIMIT 2
       ) k`,
      [locale, missing],
    )) as { tok: string; term: string; df: number }[];
    if (this.correctionCache.size > 50_000) this.correctionCache.clear();
    for (const t of missing) {
      const fixes = rows.filter((r) => r.tok === t).map((r) => ({ term: r.term, df: Number(r.df) }));
      this.correctionCache.set(`${locale}\u0000${t}`, { fixes, at: now });
      if (fixes.length) out.set(t, fixes);
    }
    return out;
  }

  private rank(
    row: CandidateRow,
    weights: Map<string, number>,
    synonyms: SynonymIndex,
    threshold: number,
    productId?: string,
  ): KnowledgeSearchHit {
    const variants = [row.title, ...row.questions];
    const lang = languageOf(row.locale);
    let best = 0;
    let bestIndex = 0;
    for (let i = 0; i < variants.length; i++) {
      const tokens = (row.search_tokens[i] ?? '').split(' ');
      const s = variantScore(overlap(weights, profileOf(tokens, synonyms, row.locale, lang)), Number(row.sims[i] ?? 0));
      if (s > best) {
        best = s;
        bestIndex = i;
      }
    }
    const answerTokens = (row.search_tokens[variants.length] ?? '').split(' ');
    let score = articleScore(best, overlap(weights, profileOf(answerTokens, synonyms, row.locale, lang)).coverage);
    if (row.product_ids.length) {
      // A product's own article answers for that product: first when the shopper is looking at it,
      // second to a general article when they are not.
      score = productId && row.product_ids.includes(productId) ? score + (1 - score) * 0.1 : score * PRODUCT_ELSEWHERE;
    }
    score = Math.round(score * 1000) / 1000;
    return {
      articleId: row.id,
      title: row.title,
      score,
      matchedVariant: variants[bestIndex],
      locale: row.locale,
      answerable: score >= threshold,
    };
  }
}

const byScore = (a: KnowledgeSearchHit, b: KnowledgeSearchHit) => b.score - a.score || a.articleId - b.articleId;
