/* The knowledge bench, run by run.mjs through ts-register.cjs (see bench/README.md). */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { SESSION_COOKIE, type KnowledgeImportDto } from '@kefu/shared/contracts';
import { AppConfig, ConfigModule, parseConfig } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { createHttpApp, HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { IdentityModule } from '@kefu/api/identity';
import { KnowledgeModule, KnowledgeService } from '@kefu/api/knowledge';
// The bench reaches into the library for its bulk loader and the search EXPLAIN.
import { buildArticleIndex, contentHash } from '../../libs/api/knowledge/src/indexing/article-index';
import { rebuildTermStats } from '../../libs/api/knowledge/src/indexing/term-stats';
import { KnowledgeSearchService } from '../../libs/api/knowledge/src/search/knowledge-search.service';
import { migrations } from '../../apps/api/migrations';
import { generateArticles, productQueries, rng } from './generate';

export interface BenchOptions {
  databaseUrl: string;
  sizes: number[];
  concurrency: number;
  queries: number;
  importRows: number;
  adminEmail: string;
  adminPassword: string;
  log: (line: string) => void;
}

interface Paraphrase {
  locale: string;
  query: string;
  externalKey: string;
}

@Module({})
class BenchRoot {}

const root = (config: AppConfig) => ({
  module: BenchRoot,
  imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot({ migrations }), QueueModule, HttpModule, IdentityModule, KnowledgeModule],
});

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? NaN;
};
const f1 = (n: number) => n.toFixed(1);
const f3 = (n: number) => n.toFixed(3);

export async function main(o: BenchOptions): Promise<void> {
  const config = parseConfig({
    NODE_ENV: 'production',
    DATABASE_URL: o.databaseUrl,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: o.adminEmail,
    ADMIN_PASSWORD: o.adminPassword,
    SEED_DEMO: 'true',
    UPLOAD_LIMIT_BYTES: String(200 * 1024 * 1024),
  });
  const app = await createHttpApp(root(config), config, { openApi: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await run(app, o);
  } finally {
    await app.close();
  }
}

async function run(app: NestFastifyApplication, o: BenchOptions) {
  const db = app.get(DataSource);
  const knowledge = app.get(KnowledgeService);
  const paraphrases = readFileSync(join(__dirname, 'paraphrases.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Paraphrase);
  const negatives = readFileSync(join(__dirname, 'negatives.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { locale: string; query: string });
  const ids = new Map(((await db.query(`SELECT id, external_key FROM knowledge_articles WHERE external_key LIKE 'demo-%'`)) as { id: number; external_key: string }[]).map((r) => [r.external_key, r.id]));
  o.log(`demo FAQ: ${ids.size} articles; paraphrases: ${paraphrases.length}; out-of-scope questions: ${negatives.length}`);

  // ---- quality on the demo FAQ alone ----
  const quality = await measureQuality(knowledge, paraphrases, negatives, ids);
  o.log('');
  o.log('Retrieval quality on the demo FAQ (bench/knowledge/paraphrases.jsonl, written apart from the article variants)');
  o.log(`answer threshold ${quality.threshold}`);
  o.log(table(['language', 'questions', 'recall@1', 'recall@3', 'MRR', 'right & answerable', 'wrong top answerable', 'out-of-scope answered'], quality.rows));

  // ---- latency at growing sizes ----
  const latency: string[][] = [];
  let loaded = 0;
  for (const size of o.sizes) {
    const t0 = performance.now();
    await bulkLoad(db, loaded, size, (n) => o.log(`  loaded ${n}/${size} generated articles`));
    loaded = size;
    await db.query('ANALYZE knowledge_articles');
    await db.query('ANALYZE knowledge_terms');
    app.get(KnowledgeSearchService).forget();
    const loadS = (performance.now() - t0) / 1000;
    const mix = buildQueryMix(paraphrases, o.queries, size);
    const lat = await measureLatency(knowledge, mix, o.concurrency, o.queries);
    const one = await measureLatency(knowledge, mix, 1, Math.min(500, o.queries));
    const q = await measureQuality(knowledge, paraphrases, negatives, ids);
    const products = await productRecall(db, knowledge, size);
    latency.push([
      String(size + ids.size),
      f1(lat.p50),
      f1(lat.p90),
      f1(lat.p99),
      f1(lat.max),
      String(Math.round(lat.qps)),
      lat.nodeCpuMs.toFixed(2),
      `${f1(one.p50)} / ${f1(one.p99)}`,
      q.rows.map((r) => r[3]).join(' / '),
      products,
      f1(loadS),
    ]);
    o.log(`  ${size} generated: p50 ${f1(lat.p50)} ms, p99 ${f1(lat.p99)} ms`);
  }
  o.log('');
  o.log(`Search latency, ${o.concurrency} concurrent searches in process (KnowledgeService.search, limit 5), ${o.queries} queries per size:`);
  o.log('half paraphrase-set questions, half questions about generated products; recall@3 of the paraphrase set (zh / en / ja) among all articles;');
  o.log(`recall@1 / recall@3 of ${PRODUCT_QUESTIONS} other product questions (each names one generated article)`);
  o.log(table(['articles', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'queries/s', 'Node CPU ms/query', 'alone p50/p99 ms', 'recall@3 zh/en/ja', 'product r@1/r@3', 'load s'], latency));
  o.log('alone: the same questions one at a time (service time without queueing)');

  // ---- EXPLAIN ----
  const searcher = app.get(KnowledgeSearchService);
  for (const [query, locale] of [
    ['退货运费谁出', 'zh-CN'],
    [productQueries(1, loaded, 99)[0].query, productQueries(1, loaded, 99)[0].locale],
  ]) {
    o.log('');
    o.log(`EXPLAIN ANALYZE of the candidate query for "${query}" (${locale}) at ${loaded + ids.size} articles:`);
    for (const line of await searcher.explain(query, { locale })) o.log(`  ${line}`);
  }

  // ---- import ----
  if (o.importRows > 0) {
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const cookie = await login(url, o.adminEmail, o.adminPassword);
    const csv = importCsv(o.importRows);
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/knowledge/imports?fileName=bench.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie }, body: csv });
    if (res.status !== 202) throw new Error(`import upload failed: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as KnowledgeImportDto;
    const accepted = performance.now() - t0;
    let last: KnowledgeImportDto;
    let lastShown = -1;
    let slowestRead = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const r0 = performance.now();
      last = (await (await fetch(`${url}/api/v1/knowledge/imports/${id}`, { headers: { cookie } })).json()) as KnowledgeImportDto;
      slowestRead = Math.max(slowestRead, performance.now() - r0);
      if (last.processed !== lastShown && last.processed % 2500 < 250) {
        o.log(`  import progress ${last.processed}/${last.total}`);
        lastShown = last.processed;
      }
      if (last.status === 'completed' || last.status === 'failed') break;
    }
    const total = (performance.now() - t0) / 1000;
    o.log('');
    o.log(`Import of a ${o.importRows}-row CSV (${(csv.length / 1024 / 1024).toFixed(1)} MB) over HTTP into ${loaded + ids.size} articles:`);
    o.log(
      table(
        ['rows', 'upload accepted ms', 'completed s', 'rows/s', 'slowest progress read ms', 'created', 'failed', 'status'],
        [[String(last.total), f1(accepted), f1(total), String(Math.round(last.total / total)), f1(slowestRead), String(last.created), String(last.failed), last.status]],
      ),
    );
  }
}

async function measureQuality(knowledge: KnowledgeService, paraphrases: Paraphrase[], negatives: { locale: string; query: string }[], ids: Map<string, number>) {
  const by = new Map<string, { n: number; r1: number; r3: number; mrr: number; rightAnswerable: number; wrongTop: number; wrongTopAnswerable: number }>();
  let threshold = 0;
  for (const p of paraphrases) {
    const r = await knowledge.searchWithDetails(p.query, { locale: p.locale, limit: 10 });
    threshold = r.threshold;
    const want = ids.get(p.externalKey);
    const rank = r.hits.findIndex((h) => h.articleId === want) + 1;
    const s = by.get(p.locale) ?? { n: 0, r1: 0, r3: 0, mrr: 0, rightAnswerable: 0, wrongTop: 0, wrongTopAnswerable: 0 };
    s.n++;
    if (rank === 1) s.r1++;
    if (rank >= 1 && rank <= 3) s.r3++;
    if (rank >= 1) s.mrr += 1 / rank;
    if (rank === 1 && r.hits[0].answerable) s.rightAnswerable++;
    if (rank !== 1 && r.hits[0]) {
      s.wrongTop++;
      if (r.hits[0].answerable) s.wrongTopAnswerable++;
    }
    by.set(p.locale, s);
  }
  const neg = new Map<string, { n: number; answered: number }>();
  for (const q of negatives) {
    const hits = await knowledge.search(q.query, { locale: q.locale, limit: 1 });
    const s = neg.get(q.locale) ?? { n: 0, answered: 0 };
    s.n++;
    if (hits[0]?.answerable) s.answered++;
    neg.set(q.locale, s);
  }
  const rows = [...by].map(([locale, s]) => [
    locale,
    String(s.n),
    f3(s.r1 / s.n),
    f3(s.r3 / s.n),
    f3(s.mrr / s.n),
    `${s.rightAnswerable}/${s.r1}`,
    `${s.wrongTopAnswerable}/${s.wrongTop}`,
    `${neg.get(locale)?.answered ?? 0}/${neg.get(locale)?.n ?? 0}`,
  ]);
  return { rows, threshold };
}

const PRODUCT_QUESTIONS = 300;

/** recall@1 / recall@3 of product questions (generate.ts names the article that answers each) among all articles. */
async function productRecall(db: DataSource, knowledge: KnowledgeService, generated: number): Promise<string> {
  if (generated < 24) return '-';
  const questions = productQueries(PRODUCT_QUESTIONS, generated, 23);
  const rows = (await db.query(`SELECT id, external_key FROM knowledge_articles WHERE external_key = ANY($1::text[])`, [questions.map((q) => q.externalKey)])) as {
    id: number;
    external_key: string;
  }[];
  const ids = new Map(rows.map((r) => [r.external_key, r.id]));
  let r1 = 0;
  let r3 = 0;
  for (const q of questions) {
    const hits = await knowledge.search(q.query, { locale: q.locale, limit: 3 });
    const rank = hits.findIndex((h) => h.articleId === ids.get(q.externalKey)) + 1;
    if (rank === 1) r1++;
    if (rank >= 1) r3++;
  }
  return `${f3(r1 / questions.length)} / ${f3(r3 / questions.length)}`;
}

interface MixQuery {
  query: string;
  locale: string;
}

/** Half paraphrase-set questions, half questions about products of the generated articles loaded so far. */
function buildQueryMix(paraphrases: Paraphrase[], n: number, generated: number): MixQuery[] {
  const r = rng(42);
  const products = productQueries(n, Math.max(generated, 24), 11);
  return Array.from({ length: n }, (_, i) => (i % 2 === 0 ? paraphrases[Math.floor(r() * paraphrases.length)] : products[i]));
}

async function measureLatency(knowledge: KnowledgeService, queries: MixQuery[], concurrency: number, total: number) {
  // Warm up: caches, the JIT and the segmenter dictionary.
  for (const q of queries.slice(0, 100)) await knowledge.search(q.query, { locale: q.locale, limit: 5 });
  const times: number[] = [];
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const q = queries[i % queries.length];
        const s = performance.now();
        await knowledge.search(q.query, { locale: q.locale, limit: 5 });
        times.push(performance.now() - s);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    p50: pct(times, 0.5),
    p90: pct(times, 0.9),
    p99: pct(times, 0.99),
    max: Math.max(...times),
    qps: times.length / wall,
    nodeCpuMs: (cpu.user + cpu.system) / 1000 / times.length,
  };
}

/** Generated articles [from, to) written straight to the tables in batches (the bench's own loader). */
async function bulkLoad(db: DataSource, from: number, to: number, progress: (n: number) => void) {
  const BATCH = 2000;
  for (let start = from; start < to; start += BATCH) {
    const batch = generateArticles(start, Math.min(to, start + BATCH)).map((a) => {
      const content = { ...a, regions: [], categoryIds: [], status: 'published' };
      const ix = buildArticleIndex(content);
      return {
        external_key: a.externalKey,
        title: a.title,
        questions: a.questions,
        answer: a.answer,
        locale: a.locale,
        product_ids: a.productIds,
        tags: a.tags,
        content_hash: contentHash(content),
        search_vector: ix.searchVector,
        search_variants: ix.searchVariants,
        search_tokens: ix.searchTokens,
      };
    });
    await db.transaction(async (em) => {
      await em.query(
        `INSERT INTO knowledge_articles (external_key, title, questions, answer, locale, product_ids, tags, status, version, source,
                                         content_hash, search_vector, search_variants, search_tokens)
         SELECT x.external_key, x.title, ARRAY(SELECT jsonb_array_elements_text(x.questions)), x.answer, x.locale,
                ARRAY(SELECT jsonb_array_elements_text(x.product_ids)), ARRAY(SELECT jsonb_array_elements_text(x.tags)),
                'published', 1, 'import', x.content_hash, x.search_vector::tsvector,
                ARRAY(SELECT jsonb_array_elements_text(x.search_variants)), ARRAY(SELECT jsonb_array_elements_text(x.search_tokens))
         FROM jsonb_to_recordset($1::jsonb) AS x(external_key text, title text, questions jsonb, answer text, locale text,
              product_ids jsonb, tags jsonb, content_hash text, search_vector text, search_variants jsonb, search_tokens jsonb)`,
        [JSON.stringify(batch)],
      );
    });
    const done = Math.min(to, start + BATCH);
    if ((done - from) % 20_000 === 0 || done === to) progress(done);
  }
  await db.query(
    `INSERT INTO knowledge_article_versions (article_id, version, external_key, title, questions, answer, locale, product_ids, tags, status, source)
     SELECT id, 1, external_key, title, questions, answer, locale, product_ids, tags, status, source FROM knowledge_articles a
     WHERE NOT EXISTS (SELECT 1 FROM knowledge_article_versions v WHERE v.article_id = a.id)`,
  );
  await db.transaction((em) => rebuildTermStats(em));
}

function importCsv(rows: number): string {
  const esc = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = ['external_key,title,questions,answer,locale,tags,product_ids'];
  for (const a of generateArticles(1_000_000, 1_000_000 + rows)) {
    lines.push([a.externalKey, a.title, a.questions.join('|'), a.answer, a.locale, a.tags.join('|'), a.productIds.join('|')].map(esc).join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error('no session cookie');
  return line.split(';')[0];
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
