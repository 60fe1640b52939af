#!/usr/bin/env node
// WeChat push acknowledgement under load: signed safe-mode pushes (AES, msg_signature) against the
// built API in server mode, with a fake WeChat API on 127.0.0.1 for the customer-service messages.
//
//   npx nx run api:build
//   node bench/wechat/run.mjs [--levels 1,10,50,100] [--pushes 300] [--split]
//
// Two runs, each on a fresh API process and database: `baseline` with WECHAT_PASSIVE_REPLY_MS=0 (the
// push is stored and acknowledged with `success` at once; every reply goes out through the API) and
// `passive` with the default window (the push waits for the bot's reply and carries it when ready).
// For each number of pushes in flight it prints the acknowledgement latency (client round trip),
// pushes/s, the share answered passively, and checks that every reply went out exactly once.
// See bench/wechat/README.md.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  cleanUp,
  cpuMs,
  dbClient,
  freePort,
  login,
  logTail,
  onCleanUp,
  prepareServerMode,
  rssMb,
  startApi,
  waitForHealth,
  waitQuiet,
} from '../pipeline/harness.mjs';
import { startFakeWechat } from './fake-wechat.mjs';
import { wechatKeys } from './push.mjs';
import { delivered, drain, load } from './load.mjs';
import { findProfile, selfTimes } from '../pipeline/profile.mjs';
import { logLines } from '../pipeline/report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_MAIN = 'dist/apps/api/apps/api/src/main.js';
const BENCH_DB = 'kefu_bench_wechat';
const ADMIN_EMAIL = 'bench@kefu.local';
const ADMIN_PASSWORD = `bench-${randomBytes(9).toString('base64url')}`;
const TARGET_P99_MS = 200;
const CREDS = {
  token: 'benchToken42',
  encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  appId: 'wx5823bf96d3bd56c7',
};
const ACCOUNT = 'gh_bench_shop';

const { values: args } = parseArgs({
  options: {
    levels: { type: 'string', default: '1,10,50,100' },
    pushes: { type: 'string', default: '300' },
    users: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '200' },
    runs: { type: 'string', default: 'baseline,passive' },
    'passive-ms': { type: 'string', default: '' },
    split: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '900' },
    'log-level': { type: 'string', default: 'warn' },
    main: { type: 'string', default: DEFAULT_MAIN },
    'database-url': {
      type: 'string',
      default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  process.stdout.write(
    [
      'usage: node bench/wechat/run.mjs [options]',
      '  --levels 1,10,50,100   pushes in flight, one measured step each (default 1,10,50,100)',
      '  --pushes N             pushes per step, at least 20 per push in flight (default 300)',
      '  --users N              shoppers (OpenIDs) the pushes come from (default 500)',
      '  --warmup N             unmeasured pushes first, 10 in flight (default 200)',
      '  --runs baseline,passive  which runs: baseline = WECHAT_PASSIVE_REPLY_MS=0, passive = the window',
      '  --passive-ms N         WECHAT_PASSIVE_REPLY_MS of the passive run (default: the API default, 1500)',
      '  --split                run the API as two processes, ROLE=api and ROLE=worker (default: one, ROLE=all)',
      '  --profile              run the process that answers pushes with --cpu-prof; print its top functions by self time',
      '  --timeout S            give up on a run after S seconds (default 900)',
      '  --log-level L          LOG_LEVEL of the API under test (default warn)',
      `  --main PATH            the built API (default ${DEFAULT_MAIN})`,
      '  --database-url URL     PostgreSQL server (default $DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres);',
      `                         the bench creates and drops its own database "${BENCH_DB}" there`,
      '  --redis-url URL        Redis (default $REDIS_URL or redis://127.0.0.1:6379); keys under a fresh QUEUE_PREFIX',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}
const int = (name, min) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min} (got "${args[name]}")`);
  return n;
};
const levels = args.levels.split(',').map((s) => Number(s.trim()));
if (!levels.length || levels.some((n) => !Number.isInteger(n) || n < 1))
  fail(`--levels must be integers >= 1 (got "${args.levels}")`);
const runs = args.runs.split(',').map((s) => s.trim());
if (!runs.length || runs.some((r) => r !== 'baseline' && r !== 'passive'))
  fail(`--runs takes baseline and/or passive (got "${args.runs}")`);
const opts = {
  pushes: int('pushes', 1),
  users: int('users', 1),
  warmup: int('warmup', 0),
  timeoutMs: int('timeout', 10) * 1000,
};
const MAIN = resolve(ROOT, args.main);
const API_CWD = MAIN.endsWith(DEFAULT_MAIN) ? MAIN.slice(0, -DEFAULT_MAIN.length - 1) : ROOT;

process.once('uncaughtException', (e) => {
  process.stderr.write(`bench: ${e.stack ?? e.message}\ncleaning up\n`);
  void cleanUp().finally(() => process.exit(1));
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    process.stderr.write(`\nbench: ${sig}, cleaning up\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function runOne(kind, fake, log) {
  const deadline = Date.now() + opts.timeoutMs;
  const runId = randomBytes(4).toString('hex');
  const tmp = mkdtempSync(join(tmpdir(), `kefu-bench-wechat-${kind}-`));
  onCleanUp(() => rmSync(tmp, { recursive: true, force: true }));
  const server = await prepareServerMode({
    databaseUrl: args['database-url'],
    redisUrl: args['redis-url'],
    dbName: BENCH_DB,
    prefix: `kefu-bench-wechat-${runId}`,
  });
  const passiveMs = kind === 'baseline' ? '0' : args['passive-ms'];
  const envFor = async (role) => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: tmp,
    NODE_ENV: 'production',
    ROLE: role,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: args['log-level'],
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ADMIN_DIST_DIR: join(tmp, 'no-admin'),
    SEED_DEMO: 'false',
    ...(passiveMs ? { WECHAT_PASSIVE_REPLY_MS: passiveMs } : {}),
    ...server.env,
  });
  const roles = args.split ? ['api', 'worker'] : ['all'];
  const procs = [];
  for (const role of roles) {
    const env = await envFor(role);
    const logFile = join(tmp, `${role}.log`);
    const profDir = join(tmp, `cpuprofile-${role}`);
    const nodeArgs = args.profile && role !== 'worker' ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
    const proc = startApi({ main: MAIN, nodeArgs, env, cwd: API_CWD, logFile });
    await waitForHealth(`http://127.0.0.1:${env.PORT}`, proc, logFile, deadline);
    procs.push({ role, proc, logFile, base: `http://127.0.0.1:${env.PORT}` });
  }
  const base = procs[0].base;
  const db = await dbClient(server.dbUrl);
  for (const p of procs) await waitQuiet(p.proc.child.pid);
  const cookie = await login(base, ADMIN_EMAIL, ADMIN_PASSWORD);
  const res = await fetch(`${base}/api/v1/inboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      name: `bench wechat ${kind}`,
      channel: 'wechat',
      settings: { kind: 'official_account', appId: CREDS.appId, encryption: 'safe', apiBaseUrl: fake.url },
      credentials: {
        token: CREDS.token,
        encodingAESKey: CREDS.encodingAESKey,
        appSecret: 'bench-app-secret',
      },
    }),
  });
  if (res.status !== 201)
    throw new Error(`create inbox: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  const inbox = await res.json();
  const keys = wechatKeys(CREDS);
  const checkAlive = () => {
    for (const p of procs)
      if (p.proc.child.exitCode !== null || p.proc.child.signalCode !== null)
        throw new Error(`the ${p.role} process exited:\n${logTail(p.logFile)}`);
  };

  if (opts.warmup) {
    await load({
      base,
      inboxId: inbox.id,
      keys,
      account: ACCOUNT,
      count: opts.warmup,
      inFlight: 10,
      users: opts.users,
      tag: `${runId}w`,
    });
    await drain(db, deadline);
  }
  const rows = [];
  for (const inFlight of levels) {
    checkAlive();
    const before = { ...(await delivered(db)), sends: fake.stats.sends };
    const cpu0 = procs.map((p) => cpuMs(p.proc.child.pid));
    const count = Math.max(opts.pushes, inFlight * 20);
    const r = await load({
      base,
      inboxId: inbox.id,
      keys,
      account: ACCOUNT,
      count,
      inFlight,
      users: opts.users,
      tag: `${runId}-${inFlight}`,
    });
    await drain(db, deadline);
    await sleep(300); // a reply sent twice would show up here
    const after = await delivered(db);
    r.inFlight = inFlight;
    r.replies = after.delivered - before.delivered;
    r.failed = after.failed - before.failed;
    r.apiSends = fake.stats.sends - before.sends;
    r.extra = r.passive + r.apiSends - r.replies;
    r.cpu = procs.map((p, i) => ((cpuMs(p.proc.child.pid) - cpu0[i]) / r.pushes).toFixed(1)).join('+');
    rows.push(r);
    log(
      `  ${kind}, ${inFlight} in flight: ${r.pushes} pushes in ${r.seconds.toFixed(1)} s, p99 ${r.p99.toFixed(0)} ms, ` +
        `${r.passive} passive, ${r.apiSends} via the customer-service API` +
        (r.errors ? `, ${r.errors} errors (${r.statuses.join(', ')})` : ''),
    );
  }
  checkAlive();
  const rss = procs.map((p) => `${p.role} ${rssMb(p.proc.child.pid).peak.toFixed(0)} MB`).join(', ');
  for (const p of procs) await p.proc.stop();
  for (const p of procs) {
    const lines = logLines(p.logFile);
    if (lines.count)
      log(
        `  the ${p.role} process logged ${lines.count} lines at LOG_LEVEL=${args['log-level']}; the last:\n${lines.tail}`,
      );
  }
  if (args.profile) {
    const found = findProfile(join(tmp, `cpuprofile-${procs[0].role}`));
    if (found) {
      const prof = selfTimes(found.path, API_CWD, 25);
      log(
        `  ${kind}: top functions by self time in the ${procs[0].role} process (${prof.totalMs.toFixed(0)} ms sampled)`,
      );
      for (const r of prof.rows) log(`    ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.name}  ${r.where}`);
    }
  }
  return { kind, rows, rss, tokenCalls: fake.stats.tokenCalls, userInfo: fake.stats.userInfo };
}

const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : '-');
const pad = (s, n) => String(s).padStart(n);

async function main() {
  if (!existsSync(MAIN)) fail(`${MAIN} not found: build the API first (npx nx run api:build)`);
  const log = (s) => process.stdout.write(`${s}\n`);
  const fake = await startFakeWechat();
  process.once('exit', () => void fake.stop());
  log(
    `WeChat push acknowledgement, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the start, ` +
      `${args.split ? 'ROLE=api + ROLE=worker' : 'one process (ROLE=all)'}, safe mode, ${opts.users} shoppers`,
  );
  const results = [];
  for (const kind of runs) {
    fake.reset();
    log(
      `\n${kind === 'baseline' ? 'baseline: WECHAT_PASSIVE_REPLY_MS=0 (ack only)' : `passive: WECHAT_PASSIVE_REPLY_MS=${args['passive-ms'] || '1500 (default)'}`}`,
    );
    results.push(await runOne(kind, fake, log));
    await cleanUp(); // the API, the bench database and its Redis keys go before the next run
  }

  log(
    '\nrun       in flight  pushes  pushes/s  p50 ms  p90 ms  p99 ms  max ms  passive  errors  replies  via API  sent twice  CPU ms/push' +
      (args.split ? ' (api+worker)' : ''),
  );
  for (const r of results)
    for (const x of r.rows)
      log(
        `${r.kind.padEnd(9)} ${pad(x.inFlight, 9)} ${pad(x.pushes, 7)} ${pad(f0(x.rate), 9)} ${pad(f0(x.p50), 7)} ${pad(f0(x.p90), 7)} ` +
          `${pad(f0(x.p99), 7)} ${pad(f0(x.max), 7)} ${pad(`${((100 * x.passive) / x.pushes).toFixed(0)}%`, 8)} ${pad(x.errors, 7)} ` +
          `${pad(x.replies, 8)} ${pad(x.apiSends, 8)} ${pad(Math.max(0, x.extra), 11)} ${pad(x.cpu, 16)}`,
      );
  for (const r of results)
    log(`${r.kind}: peak RSS ${r.rss}; ${r.tokenCalls} access-token calls, ${r.userInfo} user-info calls`);
  const base = results.find((r) => r.kind === 'baseline');
  const pass = results.find((r) => r.kind === 'passive');
  if (base && pass) {
    log(
      '\np99 passive / baseline: ' +
        levels
          .map((l, i) => `${l} in flight ×${(pass.rows[i].p99 / base.rows[i].p99).toFixed(1)}`)
          .join(', '),
    );
  }
  for (const r of results) {
    const worst = Math.max(...r.rows.map((x) => x.p99));
    log(
      `target p99 < ${TARGET_P99_MS} ms, ${r.kind}: worst p99 ${worst.toFixed(0)} ms ${worst < TARGET_P99_MS ? 'met' : 'NOT met'}`,
    );
  }
  const twice = results.flatMap((r) => r.rows).reduce((s, x) => s + Math.max(0, x.extra), 0);
  log(
    twice
      ? `${twice} texts more than replies (a reply split in parts, or sent twice)`
      : 'every reply went out exactly once (passive or customer-service API)',
  );
}

main()
  .catch((e) => {
    process.stderr.write(`bench: ${e.stack ?? e.message}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    process.exit();
  });
