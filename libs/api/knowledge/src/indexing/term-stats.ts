import type { EntityManager } from 'typeorm';

/** A published article's contribution to the document frequencies, or null when not published. */
export interface TermContribution {
  locale: string;
  terms: string[];
}

/** The df changes that turn `before` into `after` (term '' counts the articles of the locale). */
export function termDeltas(
  before: TermContribution | null,
  after: TermContribution | null,
): Map<string, number> {
  const deltas = new Map<string, number>();
  const bump = (c: TermContribution | null, by: number) => {
    if (!c) return;
    for (const t of ['', ...c.terms]) {
      const key = `${c.locale}\u0000${t}`;
      deltas.set(key, (deltas.get(key) ?? 0) + by);
    }
  };
  bump(before, -1);
  bump(after, 1);
  for (const [k, v] of deltas) if (v === 0) deltas.delete(k);
  return deltas;
}

export function mergeDeltas(into: Map<string, number>, from: Map<string, number>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

/**
 * Applies df changes in one statement, in key order so that concurrent writers lock rows in the
 * same order and cannot deadlock.
 */
export async function applyTermDeltas(em: EntityManager, deltas: Map<string, number>): Promise<void> {
  const keys = [...deltas.keys()].filter((k) => deltas.get(k) !== 0).sort();
  for (let i = 0; i < keys.length; i += 5000) {
    const chunk = keys.slice(i, i + 5000);
    const locales = chunk.map((k) => k.split('\u0000')[0]);
    const terms = chunk.map((k) => k.split('\u0000')[1]);
    const dfs = chunk.map((k) => deltas.get(k) as number);
    await em.query(
      `INSERT INTO knowledge_terms (locale, term, df)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
       ON CONFLICT (locale, term) DO UPDATE SET df = GREATEST(0, knowledge_terms.df + EXCLUDED.df)`,
      [locales, terms, dfs],
    );
  }
}

/**
 * Recomputes every document frequency from the articles (after a reindex), in the caller's
 * transaction. The table lock makes concurrent article writes apply their changes after the
 * recount, which then already sees every article committed before it.
 */
export async function rebuildTermStats(em: EntityManager): Promise<void> {
  await em.query(`LOCK TABLE knowledge_terms IN EXCLUSIVE MODE`);
  await em.query(`DELETE FROM knowledge_terms`);
  await em.query(`
    INSERT INTO knowledge_terms (locale, term, df)
    SELECT a.locale, t.term, count(*)::int
    FROM knowledge_articles a
    CROSS JOIN LATERAL (
      SELECT DISTINCT x AS term FROM unnest(string_to_array(array_to_string(a.search_tokens, ' '), ' ')) x WHERE x <> ''
    ) t
    WHERE a.status = 'published'
    GROUP BY a.locale, t.term`);
  await em.query(`
    INSERT INTO knowledge_terms (locale, term, df)
    SELECT locale, '', count(*)::int FROM knowledge_articles WHERE status = 'published' GROUP BY locale`);
}
