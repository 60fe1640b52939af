import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { availableParallelism } from 'node:os';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { KnowledgeSearchHit, KnowledgeSearchResultDto } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { FALLBACK_TTL_MS, KnowledgeCacheBus } from '../cache/knowledge-cache-bus';
import { KnowledgeSettingsService } from '../settings/knowledge-settings.service';
import { SynonymsService } from '../synonyms/synonyms.service';
import { isCjk, languageOf } from '../text/normalize';
import {
  articleScore,
  idfFactor,
  overlapWith,
  storedProfile,
  tokenWeight,
  variantScore,
} from '../text/scoring';
import { segment } from '../text/segmenter';
import { similarityText } from '../text/similarity-text';
import type { SynonymIndex } from '../text/synonym-index';
import { TrigramQuery } from '../text/trigram';
import {
  allTermsQuery,
  anyTermQuery,
  CandidateQuery,
  candidateSql,
  productTermsQuery,
  rankTerms,
  Slot,
} from './query-plan';
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

/** A row of the candidate query (see candidateSql): id, title, questions, similarity forms, tokens, scope, order. */
type CandidateRow = [number, string, string[], string[], string[], 0 | 1 | 2, number];

/** pg_trgm similarity a known word needs to stand in for an unknown one. */
const CORRECTION_SIMILARITY = 0.4;
/** The score of a product's article when the shopper is not looking at that product. */
const PRODUCT_ELSEWHERE = 0.85;
/** A product's own article when the shopper is looking at that product: raised this much towards 1. */
const PRODUCT_HERE = 0.1;
/**
 * Connections of the search pool (per process, PostgreSQL only): candidate queries in flight at
 * once. More only makes the server's processes take turns on the same cores, and every search wait
 * behind all of them; searches beyond it wait their turn in order. See bench/README.md.
 */
export const SEARCH_POOL_SIZE = Math.max(4, 2 * availableParallelism());

/**
 * Retrieval. The text is segmented in Node (jieba, Intl.Segmenter, stemming), expanded with
 * synonyms and spelling corrections, and matched in two steps:
 *
 * 1. candidates, in one SQL statement (query-plan.ts): published articles of the locale whose
 *    token vector (partial GIN indexes) matches the question — general articles on any informative
 *    term, product-scoped ones on most of its rarest terms or, for the product in view, on any
 *    term — the CANDIDATES_PER_KIND of each kind holding the most of the question's weight;
 * 2. ranking, in Node: each variant's weighted term coverage and precision (IDF from
 *    knowledge_terms) blended with the pg_trgm similarity of the question to the variant (computed
 *    here, text/trigram.ts), plus how much of the question the answer covers. The score is 0..1 and
 *    means the same for any query, so one threshold decides.
 *
 * Everything else a search needs — settings, synonyms, document frequencies, spelling corrections —
 * is in memory until a write announces a change (KnowledgeCacheBus), so a search is one round trip.
 */
@Injectable()
export class KnowledgeSearchService implements OnModuleDestroy {
  private readonly correctionCache = new Map<string, { term: string; df: number }[]>();
  private correctionsAt = Date.now();
  private correctionsGeneration = 0;
  private pool?: Pool;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly synonyms: SynonymsService,
    private readonly settings: KnowledgeSettingsService,
    private readonly termStats: TermStatsCache,
    private readonly bus: KnowledgeCacheBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Corrections come from the vocabulary: any change to it may change them.
    bus.subscribe((topics) => {
      if ([...topics].some((t) => t === '*' || t.startsWith('terms:'))) this.forgetCorrections();
    });
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  /** Drops the per-process caches (tests that empty the database between cases). */
  forget(): void {
    this.termStats.forget();
    this.forgetCorrections();
  }

  private forgetCorrections(): void {
    this.correctionCache.clear();
    this.correctionsGeneration++;
    this.correctionsAt = Date.now();
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

    const others = await this.termStats.otherLocales(opts.locale);
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
      const r = await this.searchLocale(text, tokens, locale, opts, synonyms, threshold, limit);
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
    limit: number,
  ): Promise<{ hits: KnowledgeSearchHit[]; terms: string[] }> {
    const plan = await this.prepare(text, tokens, locale, opts, synonyms);
    if (!plan.query) return { hits: [], terms: plan.terms };
    const rows = await this.candidates(plan.query);
    return { hits: rank(rows, locale, plan.weights, text, synonyms, threshold, limit), terms: plan.terms };
  }

  /**
   * Runs the candidate query. On PostgreSQL: on a small pool of its own (SEARCH_POOL_SIZE), as a
   * named prepared statement — parsed once per connection and statement shape, and planned once
   * too: the pool's sessions use generic plans (plan_cache_mode), since the plan of every shape is
   * the same bitmap scan of a partial GIN index whatever the words. On PGlite: through TypeORM.
   */
  private async candidates(q: CandidateQuery): Promise<CandidateRow[]> {
    if (this.config.database.kind !== 'postgres') {
      const [row] = (await this.db.query(q.sql, q.params)) as { rows: CandidateRow[] | string }[];
      return parseRows(row?.rows);
    }
    this.pool ??= this.createPool(this.config.database.url);
    const r = await this.pool.query<{ rows: CandidateRow[] | string }>({
      name: q.name,
      text: q.sql,
      values: q.params,
    });
    return parseRows(r.rows[0]?.rows);
  }

  private createPool(url: string): Pool {
    const pool = new Pool({
      connectionString: url,
      max: SEARCH_POOL_SIZE,
      idleTimeoutMillis: 60_000,
      connectionTimeoutMillis: 5_000,
      options: '-c plan_cache_mode=force_generic_plan',
      application_name: 'kefu-knowledge-search',
    });
    pool.on('error', () => undefined); // an idle connection dropped by the server: the pool replaces it
    return pool;
  }

  /** EXPLAIN ANALYZE of the candidate query a search runs (bench and operators). */
  async explain(query: string, opts: SearchOptions): Promise<string[]> {
    const synonyms = await this.synonyms.index();
    const plan = await this.prepare(query, segment(query, opts.locale), opts.locale, opts, synonyms);
    if (!plan.query) return ['(no candidate query: no known term)'];
    const rows = (await this.db.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${plan.query.sql}`,
      plan.query.params,
    )) as Record<string, string>[];
    return rows.map((r) => Object.values(r)[0]);
  }

  /** Term statistics, spelling corrections, weights and the candidate query for one locale. */
  private async prepare(
    text: string,
    tokens: string[],
    locale: string,
    opts: SearchOptions,
    synonyms: SynonymIndex,
  ): Promise<{ weights: Map<string, number>; terms: string[]; query: CandidateQuery | null }> {
    const { concepts, rest } = synonyms.read(tokens, locale);
    const conceptSeqs = new Map(concepts.map((c) => [c, synonyms.sequencesOf(c, locale)]));
    const df = await this.termStats.get(locale, [
      ...new Set(['', ...rest, ...[...conceptSeqs.values()].flat(2)]),
    ]);
    const articles = df.get('') ?? 0;
    const weights = new Map<string, number>();
    if (!articles) return { weights, terms: [], query: null };

    const corrections = await this.corrections(
      locale,
      rest.filter((t) => !df.get(t) && !isCjk(t) && t.length >= 4 && !/^\d+$/.test(t)),
    );
    for (const fixed of corrections.values()) for (const c of fixed) df.set(c.term, c.df);

    // The question's terms with their weights (a corrected word stands in for the misspelt one).
    // A word that is itself a synonym term is weighed as both, but fetches candidates once, as the concept.
    const slots: Slot[] = [];
    const inConcepts = new Set(
      [...conceptSeqs.values()]
        .flat()
        .filter((seq) => seq.length === 1)
        .map((seq) => seq[0]),
    );
    for (const t of rest) {
      const fixed = corrections.get(t)?.map((c) => c.term);
      const term = fixed?.[0] ?? t;
      const d = df.get(term) ?? 0;
      const weight = tokenWeight(term) * idfFactor(d, articles);
      weights.set(term, weight);
      if (!inConcepts.has(t))
        slots.push({ alternatives: [[t], ...(fixed ?? []).map((f) => [f])], df: d, token: t, weight });
    }
    for (const [c, seqs] of conceptSeqs) {
      const d = Math.max(0, ...seqs.map((s) => Math.min(...s.map((t) => df.get(t) ?? 0))));
      const weight = tokenWeight(c) * idfFactor(d, articles);
      weights.set(c, weight);
      slots.push({ alternatives: seqs, df: d, weight });
    }
    const terms = [
      ...rest.map((t) =>
        corrections.has(t)
          ? `${t}→${corrections
              .get(t)
              ?.map((c) => c.term)
              .join('|')}`
          : t,
      ),
      ...[...conceptSeqs.values()].map((seqs) => seqs.map((s) => s.join(' ')).join('|')),
    ];

    const general = anyTermQuery(slots);
    const product = opts.productId ? allTermsQuery(slots) : productTermsQuery(slots, articles);
    const query = candidateSql(
      general,
      product,
      {
        locale,
        region: opts.region ?? null,
        productId: opts.productId ?? null,
        categoryId: opts.categoryId ?? null,
      },
      rankTerms(slots),
    );
    return { weights, terms, query };
  }

  /** Known words close to each unknown one (pg_trgm over the vocabulary), kept until the vocabulary changes. */
  private async corrections(
    locale: string,
    unknown: string[],
  ): Promise<Map<string, { term: string; df: number }[]>> {
    const out = new Map<string, { term: string; df: number }[]>();
    if (!this.bus.reliable && Date.now() - this.correctionsAt > FALLBACK_TTL_MS) this.forgetCorrections();
    const generation = this.correctionsGeneration;
    const missing = unknown.filter((t) => {
      const fixes = this.correctionCache.get(`${locale}\u0000${t}`);
      if (fixes) {
        if (fixes.length) out.set(t, fixes);
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
    // The vocabulary changed while we read: use the answer, do not keep it.
    const keep = generation === this.correctionsGeneration;
    for (const t of missing) {
      const fixes = rows.filter((r) => r.tok === t).map((r) => ({ term: r.term, df: Number(r.df) }));
      if (keep) this.correctionCache.set(`${locale}\u0000${t}`, fixes);
      if (fixes.length) out.set(t, fixes);
    }
    return out;
  }
}

const byScore = (a: KnowledgeSearchHit, b: KnowledgeSearchHit) =>
  b.score - a.score || a.articleId - b.articleId;

function parseRows(v: CandidateRow[] | string | null | undefined): CandidateRow[] {
  if (!v) return [];
  return typeof v === 'string' ? (JSON.parse(v) as CandidateRow[]) : v;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Scores the candidates and returns the best `limit` of them, best first. Each variant's score
 * blends its weighted term overlap with the question (cheap) and their trigram similarity (less
 * so); the trigram part moves a score by at most a fifth, so it is computed only for the
 * candidates that can still reach the first `limit` places, and within them only for the variants
 * that can still beat the best one — the bounds come from the term scores and the texts' lengths.
 */
function rank(
  rows: CandidateRow[],
  locale: string,
  weights: Map<string, number>,
  text: string,
  synonyms: SynonymIndex,
  threshold: number,
  limit: number,
): KnowledgeSearchHit[] {
  if (!rows.length) return [];
  const lang = languageOf(locale);
  const question = new TrigramQuery(similarityText(text, locale));
  const scope = (s: number, kind: 0 | 1 | 2) =>
    kind === 0 ? s : kind === 2 ? s + (1 - s) * PRODUCT_HERE : s * PRODUCT_ELSEWHERE;

  const scored = rows.map((row) => {
    const [, title, questions, forms, tokens, kind] = row;
    const n = 1 + questions.length;
    const parts: { coverage: number; precision: number; optimistic: number; index: number }[] = [];
    let low = 0;
    let high = 0;
    for (let i = 0; i < n; i++) {
      const o = overlapWith(weights, storedProfile(tokens[i] ?? '', synonyms, locale, lang));
      const token = 0.7 * o.coverage + 0.3 * o.precision;
      const u = question.upperBound(forms[i] ?? '');
      const optimistic = Math.min(1, Math.max(0.8 * token + 0.2 * u, 0.85 * u));
      parts.push({ ...o, optimistic, index: i });
      low = Math.max(low, variantScore(o, 0));
      high = Math.max(high, optimistic);
    }
    const answer = overlapWith(weights, storedProfile(tokens[n] ?? '', synonyms, locale, lang)).coverage;
    return {
      row,
      title,
      questions,
      forms,
      kind,
      parts,
      answer,
      low: scope(articleScore(low, answer), kind),
      high: scope(articleScore(high, answer), kind),
    };
  });

  // The limit-th best lower bound: a candidate whose upper bound is below it cannot make the list.
  const lows = scored.map((s) => s.low).sort((a, b) => b - a);
  const bar = lows.length > limit ? lows[limit - 1] - 0.001 : Number.NEGATIVE_INFINITY;
  const hits: KnowledgeSearchHit[] = [];
  for (const s of scored) {
    if (s.high < bar) continue;
    let best = -1;
    let bestIndex = 0;
    for (const p of [...s.parts].sort((a, b) => b.optimistic - a.optimistic || a.index - b.index)) {
      if (p.optimistic < best) break;
      const v = variantScore(p, question.similarity(s.forms[p.index] ?? ''));
      if (v > best || (v === best && p.index < bestIndex)) {
        best = v;
        bestIndex = p.index;
      }
    }
    const score = round3(scope(articleScore(Math.max(0, best), s.answer), s.kind));
    const variants = [s.title, ...s.questions];
    hits.push({
      articleId: s.row[0],
      title: s.title,
      score,
      matchedVariant: variants[bestIndex],
      locale,
      answerable: score >= threshold,
    });
  }
  return hits.sort(byScore).slice(0, limit);
}
