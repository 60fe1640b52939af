#!/usr/bin/env node
// Ingest benchmark: signed API-channel pushes against the built API, in embedded and/or server mode.
//
//   npx nx run api:build
//   node bench/ingest/run.mjs [--mode embedded|server|both] [--count 3000] [--concurrency 32]
//
// For each mode it starts `node dist/apps/api/apps/api/src/main.js` on a free 127.0.0.1 port with its
// own environment, signs in as the admin it configures, creates an API inbox, pushes --count signed
// messages spread over --users shoppers with --concurrency requests in flight, and prints accept
// throughput and latency, errors, the API's memory and how long until every message was processed.
// It always stops the API and removes what it created (temp dir, bench database, Redis keys).
// See bench/README.md.

import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import Redis from 'ioredis';
import { io } from 'socket.io-client';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const BENCH_DB = 'kefu_bench';
const ADMIN_EMAIL = 'bench@kefu.local';
const ADMIN_PASSWORD = `bench-${randomBytes(9).toString('base64url')}`;

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    count: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '32' },
    users: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '200' },
    timeout: { type: 'string', default: '300' },
    'log-level': { type: 'string', default: 'warn' },
    'node-args': { type: 'string', default: '' },
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
      'usage: node bench/ingest/run.mjs [options]',
      '  --mode embedded|server|both   which runtime modes to measure (default both)',
      '  --count N                     measured messages per mode (default 3000)',
      '  --concurrency N               requests in flight (default 32)',
      '  --users N                     distinct shoppers the messages are spread over (default 500)',
      '  --warmup N                    unmeasured messages sent first (default 200)',
      '  --timeout S                   give up on a mode after S seconds (default 300)',
      '  --log-level L                 LOG_LEVEL of the API under test (default warn)',
      '  --node-args="..."             extra node flags for the API under test, e.g. --node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"',
      '  --database-url URL            PostgreSQL server for server mode (default $DATABASE_URL or',
      '                                postgres://postgres@127.0.0.1:5432/postgres); the bench creates',
      `                                and drops its own database "${BENCH_DB}" there`,
      '  --redis-url URL               Redis for server mode (default $REDIS_URL or redis://127.0.0.1:6379);',
      '                                keys go under a fresh QUEUE_PREFIX and are deleted afterwards',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const int = (name, min) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min} (got "${args[name]}")`);
  return n;
};
const opts = {
  modes: args.mode === 'both' ? ['embedded', 'server'] : [args.mode],
  count: int('count', 1),
  concurrency: int('concurrency', 1),
  users: int('users', 1),
  warmup: int('warmup', 0),
  timeoutMs: int('timeout', 10) * 1000,
};
for (const m of opts.modes)
  if (m !== 'embedded' && m !== 'server')
    fail(`--mode must be embedded, server or both (got "${args.mode}")`);

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Cleanup runs on success, failure and Ctrl-C.

const cleanups = [];
async function cleanUp() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      process.stderr.write(`bench: cleanup step failed: ${e.message}\n`);
    }
  }
}
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

// ---------------------------------------------------------------------------------------------
// The API under test

function freePort() {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function startApi(env, logFile) {
  const log = createWriteStream(logFile);
  const nodeArgs = args['node-args'].split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // 'close': the process has exited and its output is fully written to the log.
  const exited = new Promise((ok) => child.once('close', (code, signal) => ok({ code, signal })));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited, sleep(15_000).then(() => null)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await new Promise((ok) => log.end(ok));
  });
  return { child, exited };
}

function logTail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHealth(base, api, logFile, deadline) {
  let exit = null;
  void api.exited.then((e) => (exit = e));
  while (Date.now() < deadline) {
    if (exit)
      throw new Error(
        `the API exited during start-up (code ${exit.code}, signal ${exit.signal}):\n${logTail(logFile)}`,
      );
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      await res.body?.cancel();
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the API did not become healthy in time:\n${logTail(logFile)}`);
}

/** User + system CPU time of a process so far, in ms (from /proc/<pid>/stat; clock ticks of 1/100 s). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

// ---------------------------------------------------------------------------------------------
// HTTP: admin session, inbox, signed pushes

async function json(res, what) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function login(base) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  await json(res, 'login');
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
  if (!cookie) throw new Error('login: no kefu_session cookie in the response');
  return cookie.split(';')[0];
}

async function createInbox(base, cookie) {
  const res = await fetch(`${base}/api/v1/inboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: `bench ${new Date().toISOString()}`, greetingEnabled: false }),
  });
  const inbox = await json(res, 'create inbox');
  if (!inbox.id || !inbox.secret) throw new Error('create inbox: the response has no id or secret');
  return inbox;
}

function signedPush(base, inbox, i, runId) {
  const body = JSON.stringify({
    externalMessageId: `${runId}-${i}`,
    externalUserId: `bench-user-${i % opts.users}`,
    text: `Hello, where is my order #${100000 + i}? 你好，我的订单到哪了？`,
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac('sha256', inbox.secret).update(`${ts}.${body}`).digest('hex')}`;
  return fetch(`${base}/api/v1/inboxes/${inbox.id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kefu-timestamp': ts, 'x-kefu-signature': signature },
    body,
    signal: AbortSignal.timeout(15_000),
  });
}

/** Sends messages [from, to) with `concurrency` in flight; returns per-request latencies and status counts. */
async function drive(base, inbox, from, to, runId, deadline) {
  const latencies = [];
  const statuses = new Map();
  let next = from;
  const worker = async () => {
    while (next < to && Date.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      let status;
      try {
        const res = await signedPush(base, inbox, i, runId);
        await res.arrayBuffer();
        status = String(res.status);
      } catch (e) {
        status = e.name === 'TimeoutError' ? 'timeout' : 'network';
      }
      latencies.push(performance.now() - t0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, to - from) }, worker));
  return { latencies, statuses, seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Counting processed messages: SQL in server mode, the admin live feed in embedded mode
// (the embedded database allows one connection, and the API holds it).

async function sqlCounter(dbUrl, inboxId) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  cleanups.push(() => client.end());
  return async () => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM messages WHERE inbox_id = $1 AND direction = 'incoming' AND status = 'processed'`,
      [inboxId],
    );
    return rows[0].n;
  };
}

async function socketCounter(base, cookie) {
  const seen = new Set();
  const socket = io(`${base}/admin`, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  });
  cleanups.push(() => socket.close());
  socket.on('message.updated', (e) => {
    if (e?.message?.direction === 'incoming' && e.message.status === 'processed') seen.add(e.message.id);
  });
  await new Promise((ok, ko) => {
    socket.once('connect', ok);
    socket.once('connect_error', (e) => ko(new Error(`admin live feed: ${e.message}`)));
    socket.once('unauthorized', (e) => ko(new Error(`admin live feed: ${e?.message ?? 'unauthorized'}`)));
  });
  await sleep(100); // the server joins the socket to its room after the handshake
  return async () => seen.size;
}

async function waitProcessed(counter, target, deadline) {
  let n = 0;
  while (Date.now() < deadline) {
    n = await counter();
    if (n >= target) return { n, done: true };
    await sleep(50);
  }
  return { n, done: false };
}

// ---------------------------------------------------------------------------------------------
// One mode

async function prepareServerMode(runId) {
  const base = new URL(args['database-url']);
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const benchUrl = new URL(base);
  benchUrl.pathname = `/${BENCH_DB}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl.toString() });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });

  const prefix = `kefu-bench-${runId}`;
  cleanups.push(async () => {
    const redis = new Redis(args['redis-url'], { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = nextCursor;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  });
  return {
    dbUrl: benchUrl.toString(),
    env: { DATABASE_URL: benchUrl.toString(), REDIS_URL: args['redis-url'], QUEUE_PREFIX: prefix },
  };
}

async function runMode(mode) {
  const deadline = Date.now() + opts.timeoutMs;
  const runId = randomBytes(4).toString('hex');
  const tmp = mkdtempSync(join(tmpdir(), `kefu-bench-${mode}-`));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const logFile = join(tmp, 'api.log');

  let server;
  let modeEnv;
  if (mode === 'server') {
    server = await prepareServerMode(runId);
    modeEnv = server.env;
  } else {
    modeEnv = { DATA_DIR: join(tmp, 'data') };
  }

  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: tmp,
    NODE_ENV: 'production',
    ROLE: 'all',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: args['log-level'],
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ADMIN_DIST_DIR: join(tmp, 'no-admin'),
    ...modeEnv,
  };
  const base = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const api = await startApi(env, logFile);
  await waitForHealth(base, api, logFile, deadline);
  const bootSeconds = (performance.now() - startedAt) / 1000;

  const cookie = await login(base);
  const inbox = await createInbox(base, cookie);
  const counter =
    mode === 'server' ? await sqlCounter(server.dbUrl, inbox.id) : await socketCounter(base, cookie);

  // Warm-up: not measured; wait until it is processed so the measured run starts from a quiet system.
  if (opts.warmup > 0) {
    const w = await drive(base, inbox, 0, opts.warmup, runId, deadline);
    const bad = opts.warmup - (w.statuses.get('202') ?? 0);
    if (bad > 0)
      throw new Error(
        `${bad} of ${opts.warmup} warm-up pushes were not accepted: ${fmtStatuses(w.statuses)}\n${logTail(logFile)}`,
      );
    const wp = await waitProcessed(counter, opts.warmup, deadline);
    if (!wp.done)
      throw new Error(`warm-up: only ${wp.n} of ${opts.warmup} messages were processed before the timeout`);
  }

  const cpuStart = cpuMs(api.child.pid);
  const sendStart = performance.now();
  const run = await drive(base, inbox, opts.warmup, opts.warmup + opts.count, runId, deadline);
  const accepted = run.statuses.get('202') ?? 0;
  const processed = await waitProcessed(counter, opts.warmup + accepted, deadline);
  const drainSeconds = (performance.now() - sendStart) / 1000;
  const cpuPerMsg = (cpuMs(api.child.pid) - cpuStart) / Math.max(1, accepted);
  const mem = rssMb(api.child.pid);

  const sorted = run.latencies.slice().sort((a, b) => a - b);
  const pct = (q) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
  return {
    mode,
    sent: run.latencies.length,
    accepted,
    acceptRate: accepted / run.seconds,
    p50: pct(0.5),
    p90: pct(0.9),
    p99: pct(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    errors: opts.count - accepted,
    statuses: run.statuses,
    processed: processed.n - opts.warmup,
    processedAll: processed.done,
    drainSeconds,
    cpuPerMsg,
    rss: mem.rss,
    peakRss: mem.peak,
    bootSeconds,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

function fmtStatuses(statuses) {
  return [...statuses.entries()].map(([k, v]) => `${k}×${v}`).join(' ') || 'none';
}

function table(rows) {
  const head = [
    'mode',
    'accepted',
    'accept msg/s',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'errors',
    'all processed after',
    'processed msg/s',
    'API CPU ms/msg',
    'RSS MB (peak)',
  ];
  const body = rows.map((r) => [
    r.mode,
    `${r.accepted}/${opts.count}`,
    r.acceptRate.toFixed(0),
    r.p50.toFixed(1),
    r.p90.toFixed(1),
    r.p99.toFixed(1),
    r.max.toFixed(1),
    String(r.errors),
    r.processedAll ? `${r.drainSeconds.toFixed(2)} s` : `timeout (${r.processed}/${r.accepted})`,
    r.processedAll ? (r.processed / r.drainSeconds).toFixed(0) : '-',
    r.cpuPerMsg.toFixed(1),
    `${r.rss.toFixed(0)} (${r.peakRss.toFixed(0)})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main() {
  if (!existsSync(MAIN)) fail(`${MAIN} not found: build the API first (npx nx run api:build)`);
  const cpu = cpus();
  process.stdout.write(
    `Kefu ingest bench: ${opts.count} signed pushes per mode (+${opts.warmup} warm-up), ${opts.concurrency} in flight, ` +
      `${opts.users} shoppers, API LOG_LEVEL=${args['log-level']}\n` +
      `node ${process.version}, ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ` +
      `the API, the load generator${opts.modes.includes('server') ? ', PostgreSQL and Redis' : ''} share this machine\n\n`,
  );
  const rows = [];
  let failed = false;
  for (const mode of opts.modes) {
    process.stdout.write(`running ${mode} ...\n`);
    try {
      const r = await runMode(mode);
      rows.push(r);
      process.stdout.write(`  boot ${r.bootSeconds.toFixed(1)} s; responses: ${fmtStatuses(r.statuses)}\n`);
    } catch (e) {
      failed = true;
      process.stderr.write(`  ${mode} failed: ${e.message}\n`);
    } finally {
      await cleanUp();
    }
  }
  if (rows.length) process.stdout.write(`\n${table(rows)}\n`);
  process.stdout.write(
    '\naccept = HTTP 202 from POST /api/v1/inboxes/:id/messages (verified, stored, enqueued); latency per request at the client.\n' +
      '"all processed after" = from the first measured push until the worker marked the last message processed.\n' +
      '"API CPU ms/msg" = CPU time (user + system) the API process spent per accepted message, ingest and processing together.\n',
  );
  process.exitCode = failed ? 1 : 0;
}

const watchdog = setTimeout(
  () => {
    process.stderr.write('bench: overall time limit reached, cleaning up\n');
    void cleanUp().finally(() => process.exit(1));
  },
  opts.timeoutMs * opts.modes.length + 60_000,
);
watchdog.unref();

main().catch(async (e) => {
  process.stderr.write(`bench: ${e.stack ?? e.message}\n`);
  await cleanUp();
  process.exitCode = 1;
});
