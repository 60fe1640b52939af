import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { covers, FALLBACK_TTL_MS, KnowledgeCacheBus } from '../cache/knowledge-cache-bus';

const MAX_TERMS_PER_LOCALE = 200_000;

interface LocaleEntries {
  df: Map<string, number>;
  /** When the entries were read (only consulted while invalidations may be missed). */
  at: number;
}

/**
 * Document frequencies (knowledge_terms) kept in memory per locale until a write changes them:
 * every article write announces `terms:<locale>` (KnowledgeCacheBus), which drops that locale after
 * commit here and in every other process. A search reads the database only for terms it has not
 * seen since (new words, or the first search after a write); unknown terms are remembered as 0.
 * Only IDF weights and which terms can fetch candidates depend on it.
 */
@Injectable()
export class TermStatsCache {
  private readonly locales = new Map<string, LocaleEntries>();
  private generation = 0;
  private localeList?: { locales: string[]; generation: number; at: number };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: KnowledgeCacheBus,
  ) {
    bus.subscribe((topics) => {
      if (![...topics].some((t) => t === '*' || t.startsWith('terms:'))) return;
      for (const locale of [...this.locales.keys()])
        if (covers(topics, `terms:${locale}`)) this.locales.delete(locale);
      this.generation++;
      this.localeList = undefined;
    });
  }

  /** df of each term in the locale (0 when unknown); term '' is the number of published articles. */
  async get(locale: string, terms: string[]): Promise<Map<string, number>> {
    const entries = this.entriesOf(locale);
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const t of terms) {
      const df = entries.df.get(t);
      if (df === undefined) missing.push(t);
      else out.set(t, df);
    }
    if (!missing.length) return out;
    const rows = (await this.db.query(
      `SELECT term, df FROM knowledge_terms WHERE locale = $1 AND term = ANY($2::text[])`,
      [locale, missing],
    )) as { term: string; df: number }[];
    const found = new Map(rows.map((r) => [r.term, Number(r.df)]));
    // A write to the locale committed while we read (its entries were dropped): use the figures, do not keep them.
    const keep = this.locales.get(locale) === entries;
    if (keep && entries.df.size + missing.length > MAX_TERMS_PER_LOCALE) entries.df.clear();
    for (const t of missing) {
      const df = found.get(t) ?? 0;
      out.set(t, df);
      if (keep) entries.df.set(t, df);
    }
    return out;
  }

  /** Locales with published articles, other than `except` (for the locale fallback). */
  async otherLocales(except: string): Promise<string[]> {
    const cached = this.localeList;
    if (!cached || cached.generation !== this.generation || this.expired(cached.at)) {
      const generation = this.generation;
      const rows = (await this.db.query(
        `SELECT locale FROM knowledge_terms WHERE term = '' AND df > 0 ORDER BY locale`,
      )) as { locale: string }[];
      const locales = rows.map((r) => r.locale);
      if (generation === this.generation) this.localeList = { locales, generation, at: Date.now() };
      return locales.filter((l) => l !== except);
    }
    return cached.locales.filter((l) => l !== except);
  }

  /** Drops everything (tests that empty the database between cases). */
  forget(): void {
    this.locales.clear();
    this.generation++;
    this.localeList = undefined;
  }

  private entriesOf(locale: string): LocaleEntries {
    let e = this.locales.get(locale);
    if (!e || this.expired(e.at)) {
      e = { df: new Map(), at: Date.now() };
      this.locales.set(locale, e);
    }
    return e;
  }

  private expired(at: number): boolean {
    return !this.bus.reliable && Date.now() - at > FALLBACK_TTL_MS;
  }
}
