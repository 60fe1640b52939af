import { isCjk } from '../text/normalize';

/** A term of the question for the full-text query: a token (with its spelling corrections) or a synonym concept. */
export interface Slot {
  /** Token sequences any of which expresses the term. */
  alternatives: string[][];
  /** Articles of the locale that contain it (the most frequent alternative). */
  df: number;
  /** The query token it came from (CJK sub-words of one compound are grouped by it); concepts have none. */
  token?: string;
  /** Its weight in the question (tokenWeight × IDF), for ordering candidates in SQL. */
  weight?: number;
}

/**
 * Terms in more than COMMON_MIN published articles of a locale are too common to fetch candidates
 * with (they would rank thousands of rows); the ranking still counts them.
 */
export const COMMON_MIN = 2000;
/** How many of the question's rarest terms an article scoped to a product must share to be a candidate. */
const PRODUCT_TERMS = 4;
/** Above this many estimated rows the product-scoped candidates are not worth their cost (see productTermsQuery). */
const PRODUCT_MAX_ROWS = 300;
const MAX_SLOTS = 12;

/** A tsquery lexeme; `weights` restricts it to parts of the article (AB = title and variants). */
const quote = (t: string, weights = '') =>
  `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${weights ? `:${weights}` : ''}`;
const alt = (seq: string[], w = '') =>
  seq.length === 1 ? quote(seq[0], w) : `(${seq.map((t) => quote(t, w)).join(' & ')})`;
const anyOf = (alternatives: string[][], w = '') =>
  alternatives.length === 1 ? alt(alternatives[0], w) : `(${alternatives.map((a) => alt(a, w)).join(' | ')})`;

/**
 * `slot | slot | …`: any informative term. Terms in more than COMMON_MIN articles are left out
 * unless nothing else is left; terms in no article are left out (they match nothing).
 */
export function anyTermQuery(slots: Slot[]): string | null {
  // Terms no article has cannot fetch anything; among the others the rare ones fetch.
  const usable = slots.filter((s) => s.alternatives.length && s.df > 0);
  const rare = usable.filter((s) => s.df <= COMMON_MIN);
  const chosen = (rare.length ? rare : usable).sort((a, b) => a.df - b.df).slice(0, MAX_SLOTS);
  return chosen.length ? chosen.map((s) => anyOf(s.alternatives)).join(' | ') : null;
}

/** `slot | slot | …` over every term (for the few articles of the product the shopper is looking at). */
export function allTermsQuery(slots: Slot[]): string | null {
  const usable = slots.filter((s) => s.alternatives.length).slice(0, MAX_SLOTS);
  return usable.length ? usable.map((s) => anyOf(s.alternatives)).join(' | ') : null;
}

/**
 * Groups of slots that are really one term: the sub-words search-mode segmentation adds for a
 * Chinese compound (退货运费 → 退货, 运费, 货运, …) belong to the compound.
 */
export function termGroups(slots: Slot[]): { alternatives: string[][]; df: number }[] {
  const groups: { key: string; alternatives: string[][]; df: number }[] = [];
  const byLength = [...slots].sort((a, b) => (b.token?.length ?? 0) - (a.token?.length ?? 0));
  for (const s of byLength) {
    const host =
      s.token && isCjk(s.token)
        ? groups.find((g) => isCjk(g.key) && g.key.includes(s.token as string))
        : undefined;
    if (host) {
      host.alternatives.push(...s.alternatives);
      host.df = Math.max(host.df, s.df);
    } else groups.push({ key: s.token ?? `~${groups.length}`, alternatives: [...s.alternatives], df: s.df });
  }
  return groups.filter((g) => g.alternatives.length);
}

/**
 * For articles scoped to a product, when the shopper is not looking at one: they must share most of
 * the question's rarest terms (3 of the 4 rarest, 2 of 2), which a question naming the product does
 * and a general question does not. Null — no product-scoped candidates — when the question has no
 * usable term, or when its terms together would still match more than PRODUCT_MAX_ROWS articles
 * (estimated as if independent): "摔坏了能保修吗" shares 保修 and 坏了 with every product's warranty
 * article and is a general question.
 */
export function productTermsQuery(slots: Slot[], articles = Number.POSITIVE_INFINITY): string | null {
  // Single Chinese or Japanese characters are in most articles and only slow the index scan down.
  const strong = slots
    .map((s) => ({
      ...s,
      alternatives: s.alternatives.filter((a) => !(a.length === 1 && a[0].length === 1 && isCjk(a[0]))),
    }))
    .filter((s) => s.df > 0 && s.alternatives.length);
  const groups = termGroups(strong)
    .sort((a, b) => a.df - b.df)
    .slice(0, PRODUCT_TERMS);
  if (!groups.length) return null;
  const need = Math.min(3, groups.length);
  const combos: number[][] = [];
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === need) combos.push(chosen);
    else for (let i = start; i < groups.length; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  if (Number.isFinite(articles) && articles > 0) {
    const estimate = combos.reduce(
      (sum, c) => sum + c.reduce((rows, i) => (rows * groups[i].df) / articles, articles),
      0,
    );
    if (estimate > PRODUCT_MAX_ROWS) return null;
  } else if (groups.length === 1 && groups[0].df > COMMON_MIN) return null;
  // Only the title and the variants count: a product's answers repeat the same template words.
  return combos
    .map((c) =>
      c.length === 1
        ? anyOf(groups[c[0]].alternatives, 'AB')
        : `(${c.map((i) => anyOf(groups[i].alternatives, 'AB')).join(' & ')})`,
    )
    .join(' | ');
}

export interface CandidateFilters {
  locale: string;
  region: string | null;
  productId: string | null;
  categoryId: string | null;
}

/** Candidates taken from each of the two kinds of articles (general, product-scoped). */
export const CANDIDATES_PER_KIND = 8;
/** Matching rows ranked per kind at most (see candidateSql). */
export const SCAN_CAP = 200;
/** How much a term found only in the answer counts, against one in the title or a variant. */
const ANSWER_ONLY = 0.3;

/** Per slot of the question, for ordering candidates: the tsquery on the title and variants, on the whole article, and its weight. */
export interface RankTerms {
  titles: string[];
  anywhere: string[];
  weights: number[];
}

/** The slots' tsqueries and weights for candidateSql, heaviest first (at most MAX_SLOTS). */
export function rankTerms(slots: Slot[]): RankTerms {
  const usable = slots.filter((s) => s.alternatives.length && s.df > 0 && (s.weight ?? 0) > 0);
  const chosen = usable.sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0)).slice(0, MAX_SLOTS);
  return {
    titles: chosen.map((s) => anyOf(s.alternatives, 'AB')),
    anywhere: chosen.map((s) => anyOf(s.alternatives)),
    weights: chosen.map((s) => Math.round((s.weight ?? 0) * 1000) / 1000),
  };
}

/** The candidate query, with a statement name for its shape (the SQL text depends only on which branches it has). */
export interface CandidateQuery {
  name: string;
  sql: string;
  params: unknown[];
}

/**
 * The candidate query: general articles (no product scope) matching any term, and product-scoped
 * articles matching the product query (or, for the product in view, any term), each through its
 * partial GIN index. Each branch looks at most SCAN_CAP matching rows (the first the bitmap scan
 * yields, so a question made of words thousands of articles share costs a bounded amount) and keeps
 * the CANDIDATES_PER_KIND that hold the most of the question: the sum of the weights of its terms
 * found in the title or a variant (a term only in the answer counts ANSWER_ONLY) — the measure the
 * ranking in Node refines, and much cheaper than ts_rank_cd. The result is one JSON array (one row
 * to parse instead of arrays per row), best first: [id, title, questions, similarity forms, tokens,
 * scope (0 general, 1 another product, 2 the product in view), order].
 */
export function candidateSql(
  general: string | null,
  product: string | null,
  f: CandidateFilters,
  rank: RankTerms,
): CandidateQuery | null {
  const params: unknown[] = [
    f.locale,
    f.region,
    f.categoryId,
    f.productId,
    rank.titles,
    rank.anywhere,
    rank.weights,
  ];
  const common = `a.status = 'published' AND a.locale = $1
           AND (cardinality(a.regions) = 0 OR $2::text IS NULL OR $2::text = ANY(a.regions))
           AND (cardinality(a.category_ids) = 0 OR $3::text IS NULL OR $3::text = ANY(a.category_ids))`;
  const order = (answers: boolean) =>
    answers
      ? `(SELECT coalesce(sum(CASE WHEN x.search_vector @@ s.t THEN s.w WHEN x.search_vector @@ s.a THEN s.w * ${ANSWER_ONLY} ELSE 0 END), 0)
              FROM unnest($5::tsquery[], $6::tsquery[], $7::real[]) AS s(t, a, w))`
      : // $6 is read (and ignored) here too: a statement with only this branch must still type every parameter.
        `(SELECT coalesce(sum(s.w), 0) FROM unnest($5::tsquery[], $6::tsquery[], $7::real[]) AS s(t, a, w) WHERE x.search_vector @@ s.t)`;
  const branch = (q: string, where: string, answers: boolean) => `(SELECT x.id, ${order(answers)} AS o FROM (
           SELECT a.id, a.search_vector FROM knowledge_articles a
           WHERE ${where} AND a.search_vector @@ ${q} AND ${common} LIMIT ${SCAN_CAP}
         ) x ORDER BY o DESC, x.id LIMIT ${CANDIDATES_PER_KIND})`;
  const branches: string[] = [];
  // Product articles' answers repeat the same template words: only their titles and variants order them.
  if (general)
    branches.push(branch(`$${params.push(general)}::tsquery`, 'cardinality(a.product_ids) = 0', true));
  if (product) {
    const scope = f.productId ? ' AND a.product_ids @> ARRAY[$4::text]' : '';
    branches.push(
      branch(`$${params.push(product)}::tsquery`, `cardinality(a.product_ids) > 0${scope}`, false),
    );
  }
  if (!branches.length) return null;
  const sql = `SELECT coalesce(json_agg(json_build_array(a.id, a.title, a.questions, a.search_variants, a.search_tokens,
              CASE WHEN cardinality(a.product_ids) = 0 THEN 0 WHEN a.product_ids @> ARRAY[$4::text] THEN 2 ELSE 1 END, c.o)
              ORDER BY c.o DESC, a.id), '[]'::json) AS rows
       FROM (${branches.join('\n         UNION ALL\n         ')}) c
       JOIN knowledge_articles a ON a.id = c.id`;
  const shape = `${general ? 'g' : ''}${product ? 'p' : ''}${f.productId ? 'v' : ''}`;
  return { name: `kefu_knowledge_candidates_${shape}_${CANDIDATES_PER_KIND}_${SCAN_CAP}`, sql, params };
}
