import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const TTL_MS = 10_000;
const MAX_ENTRIES = 200_000;

/**
 * Document frequencies (knowledge_terms) cached per process for a few seconds: they change slowly,
 * and reading them for every search would double its round trips. Local writes drop the cache; other
 * processes' writes show within TTL_MS. Only IDF weights depend on it, never which articles exist.
 */
@Injectable()
export class TermStatsCache {
  private readonly entries = new Map<string, { df: number; at: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** df of each term in the locale (0 when unknown); term '' is the number of published articles. */
  async get(locale: string, terms: string[]): Promise<Map<string, number>> {
    const now = Date.now();
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const t of terms) {
      const e = this.entries.get(`${locale}\u0000${t}`);
      if (e && now - e.at < TTL_MS) out.set(t, e.df);
      else missing.push(t);
    }
    if (missing.length) {
      const rows = (await this.db.query(`SELECT term, df FROM knowledge_terms WHERE locale = $1 AND term = ANY($2::text[])`, [
        locale,
        missing,
      ])) as { term: string; df: number }[];
      const found = new Map(rows.map((r) => [r.term, Number(r.df)]));
      if (this.entries.size + missing.length > MAX_ENTRIES) this.entries.clear();
      for (const t of missing) {
        const df = found.get(t) ?? 0;
        out.set(t, df);
        // An empty locale is not remembered: the first article must be found at once.
        if (!(t === '' && df === 0)) this.entries.set(`${locale}\u0000${t}`, { df, at: now });
      }
    }
    return out;
  }

  forget(): void {
    this.entries.clear();
  }
}
