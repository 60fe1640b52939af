#!/usr/bin/env node
// Knowledge bench: retrieval quality on the demo FAQ, search latency at growing sizes, a 10,000-row import.
//
//   node bench/knowledge/run.mjs [--sizes 1000,10000,100000] [--concurrency 20] [--queries 2000] [--import-rows 10000]
//
// It runs the TypeScript sources in this process (compiled on the fly with @swc/core, no build needed)
// against a database of its own, `kefu_bench`, which it creates on the PostgreSQL server and drops at the
// end (also on failure or Ctrl-C). It never touches kefu or kefu_test. See bench/README.md.

import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const BENCH_DB = 'kefu_bench';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    concurrency: { type: 'string', default: '20' },
    queries: { type: 'string', default: '2000' },
    'import-rows': { type: 'string', default: '10000' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'keep-db': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  process.stdout.write(
    [
      'usage: node bench/knowledge/run.mjs [options]',
      '  --sizes 1000,10000,100000   generated articles to measure at (cumulative; the demo FAQ is added)',
      '  --concurrency N             searches in flight (default 20)',
      '  --queries N                 measured searches per size (default 2000)',
      '  --import-rows N             rows of the timed CSV import (default 10000; 0 skips it)',
      `  --database-url URL          PostgreSQL server (default $DATABASE_URL or the local one); the bench creates`,
      `                              and drops its own database "${BENCH_DB}" there`,
      '  --keep-db                   leave kefu_bench in place afterwards (to EXPLAIN by hand)',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const fail = (msg) => {
  console.error(`bench: ${msg}`);
  process.exit(2);
};
const int = (name, min) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min} (got "${args[name]}")`);
  return n;
};
const sizes = args.sizes.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 0) || sizes.some((n, i) => i && n < sizes[i - 1])) fail('--sizes must be increasing integers');

const server = new URL(args['database-url']);
const withDb = (db) => {
  const u = new URL(server);
  u.pathname = `/${db}`;
  return u.toString();
};
const admin = async (sql) => {
  const c = new pg.Client({ connectionString: withDb('postgres'), connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};

let dropped = false;
const drop = async () => {
  if (dropped || args['keep-db']) return;
  dropped = true;
  await admin(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`).catch((e) => console.error(`could not drop ${BENCH_DB}: ${e.message}`));
};
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    void drop().finally(() => process.exit(130));
  });
}

try {
  await admin(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${BENCH_DB}`);
} catch (e) {
  fail(`PostgreSQL at ${server.host} is not usable (${e.message}); start it or pass --database-url`);
}

console.log(`knowledge bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`database ${server.host}/${BENCH_DB}; sizes ${sizes.join(', ')}; ${args.concurrency} concurrent; ${args.queries} queries per size`);

let code = 0;
try {
  require(join(here, 'ts-register.cjs'));
  const { main } = require(join(here, 'bench.ts'));
  await main({
    databaseUrl: withDb(BENCH_DB),
    sizes,
    concurrency: int('concurrency', 1),
    queries: int('queries', 1),
    importRows: int('import-rows', 0),
    adminEmail: 'bench@kefu.local',
    adminPassword: `bench-${randomBytes(9).toString('base64url')}`,
    log: (line) => console.log(line),
  });
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  await drop();
}
process.exit(code);
