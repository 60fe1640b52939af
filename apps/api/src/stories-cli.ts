import 'reflect-metadata';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseConfig } from '@kefu/api/platform/config';
import { createHttpApp } from '@kefu/api/platform/http';
import {
  BootStoryApp,
  formatStoryResult,
  formatSummary,
  loadStories,
  LoadedStory,
  runStories,
  STORIES_DIR,
  STORY_LANGUAGES,
  StoryEnvironment,
  StoryFormatError,
  StoryLanguage,
  summarize,
} from '@kefu/api/dialogue/testing';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { readConfigOrExit } from './config-or-exit';

/**
 * `npm run stories`: runs the conversation stories (docs/stories.md) against the real pipeline on
 * PostgreSQL (its own database `kefu_stories`, created and dropped) and Redis (its own queue prefix).
 */
const DATABASE = 'kefu_stories';
const USAGE = `usage: npm run stories -- [options] [file-or-folder ...]

  --lang zh          only stories in this language (zh, en, ja; repeat or comma-separate)
  --grep <text>      only stories whose name or file contains <text> (case-insensitive)
  --verbose          print every turn: the intent read, the status, the slots, the reply
  --concurrency <n>  stories run at once, each as its own shopper (default 4)
  --timeout <ms>     how long one turn may take to be processed (default 15000)
  --log <level>      the app's log level (default silent; warn shows worker failures)
  --keep-db          keep the database ${DATABASE} afterwards, to look at the conversations

Stories: ${'libs/api/dialogue/stories/{zh,en,ja}/*.yaml'} unless files or folders are given.
PostgreSQL from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), Redis from REDIS_URL.
`;

interface Options {
  paths: string[];
  languages: StoryLanguage[];
  grep?: string;
  verbose: boolean;
  concurrency: number;
  timeout: number;
  log: string;
  keepDb: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    paths: [],
    languages: [],
    verbose: false,
    concurrency: 4,
    timeout: 15_000,
    log: 'silent',
    keepDb: false,
  };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const take = () => inline ?? value(i++, flag);
    switch (flag) {
      case '--lang':
        for (const l of take()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)) {
          if (!(STORY_LANGUAGES as readonly string[]).includes(l))
            throw new UsageError(`--lang ${l}: expected one of ${STORY_LANGUAGES.join(', ')}`);
          o.languages.push(l as StoryLanguage);
        }
        break;
      case '--grep':
        o.grep = take();
        break;
      case '--verbose':
      case '-v':
        o.verbose = true;
        break;
      case '--concurrency':
        o.concurrency = positive(take(), flag);
        break;
      case '--timeout':
        o.timeout = positive(take(), flag);
        break;
      case '--log':
        o.log = take();
        break;
      case '--keep-db':
        o.keepDb = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  return o;
}

class UsageError extends Error {}
const positive = (v: string, flag: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} ${v}: expected a positive whole number`);
  return n;
};
const out = (l = '') => process.stdout.write(`${l}\n`);
const err = (l: string) => process.stderr.write(`${l}\n`);

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) err(e.message);
    (e.message ? err : out)(USAGE);
    return e.message ? 2 : 0;
  }

  let stories: LoadedStory[];
  try {
    stories = loadStories(opts.paths.length ? opts.paths : defaultStoriesDir(), {
      languages: opts.languages,
      grep: opts.grep,
    });
  } catch (e) {
    if (e instanceof StoryFormatError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
  if (!stories.length) {
    err('no story matches');
    return 1;
  }

  const env = readConfigOrExit();
  const logLevel = parseConfig({ LOG_LEVEL: opts.log }).LOG_LEVEL;
  const server = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const databaseUrl = withDatabase(server, DATABASE);
  await checkRedis(redisUrl);
  await recreateDatabase(server);

  const runId = randomBytes(3).toString('hex');
  let booted = 0;
  const boot: BootStoryApp = async (overrides) => {
    const config = parseConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `kefu-stories-${runId}-${++booted}`,
      LOG_LEVEL: logLevel,
      ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
      DIALOGUE_ENGINE: env.DIALOGUE_ENGINE,
      SHUTDOWN_TIMEOUT_MS: '3000',
      ...overrides,
    });
    const app = await createHttpApp(AppModule.forRoot(config), config, { openApi: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    return { app, url: `http://127.0.0.1:${port}`, db: app.get(DataSource), close: () => app.close() };
  };

  const started = Date.now();
  const environment = new StoryEnvironment(boot);
  let interrupted = false;
  const cleanup = async () => {
    const prefixes = environment.queuePrefixes;
    await environment.close();
    await dropQueues(redisUrl, prefixes).catch(() => undefined);
    if (!opts.keepDb) await dropDatabase(server).catch(() => undefined);
  };
  process.once('SIGINT', () => {
    interrupted = true;
    err('\ninterrupted: cleaning up');
    void cleanup().finally(() => process.exit(130));
  });

  try {
    const languages = [...new Set(stories.map((s) => s.language))].join(', ');
    out(
      `Running ${stories.length} stor${stories.length === 1 ? 'y' : 'ies'} (${languages}) against PostgreSQL ${describe(server)}/${DATABASE} and Redis ${describe(redisUrl)}…`,
    );
    const targets = await environment.start();
    out(`demo shop seeded in ${Math.round((Date.now() - started) / 100) / 10} s`);
    const results = await runStories(stories, targets, {
      concurrency: opts.concurrency,
      turnTimeoutMs: opts.timeout,
      onResult: (r) => out(formatStoryResult(r, { verbose: opts.verbose })),
    });
    const { overall } = summarize(results);
    out();
    out(formatSummary(results));
    out();
    out(
      `${overall.failed ? `${overall.failed} failed, ` : ''}${overall.passed} passed${overall.skipped ? `, ${overall.skipped} skipped` : ''} ` +
        `in ${Math.round((Date.now() - started) / 1000)} s${opts.keepDb ? ` (database ${DATABASE} kept)` : ''}`,
    );
    return overall.failed ? 1 : 0;
  } finally {
    if (!interrupted) await cleanup();
  }
}

/** The stories in the source tree, also when this runs compiled from dist/apps/api/apps/api/src. */
function defaultStoriesDir(): string {
  const fromDist = join(__dirname, '..', '..', '..', '..', '..', '..', 'libs', 'api', 'dialogue', 'stories');
  return [STORIES_DIR, fromDist].find((d) => existsSync(d)) ?? STORIES_DIR;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function describe(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
}

async function admin<T>(server: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: server, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${describe(server)} (${(e as Error).message}): start it or set DATABASE_URL`,
    );
  }
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

async function recreateDatabase(server: string): Promise<void> {
  await admin(server, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DATABASE}`);
  });
}

async function dropDatabase(server: string): Promise<void> {
  await admin(server, (c) => c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));
}

async function checkRedis(url: string): Promise<void> {
  const r = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(
      `Redis is not reachable at ${describe(url)} (${(e as Error).message}): start it or set REDIS_URL`,
    );
  } finally {
    r.disconnect();
  }
}

/** Removes the run's BullMQ keys (every key under the apps' queue prefixes). */
async function dropQueues(url: string, prefixes: string[]): Promise<void> {
  if (!prefixes.length) return;
  const r = new IORedis(url, { maxRetriesPerRequest: 1 });
  r.on('error', () => undefined);
  try {
    for (const prefix of prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await r.unlink(...keys);
      } while (cursor !== '0');
    }
  } finally {
    r.disconnect();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((e) => {
    err((e as Error).message);
    process.exit(1);
  });
