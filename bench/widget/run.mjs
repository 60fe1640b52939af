#!/usr/bin/env node
// Widget bench: how many chat-widget sockets one Kefu process holds, what each costs, and how fast an
// event reaches all of them.
//
//   node bench/widget/run.mjs [--sockets 10000] [--clients 2] [--broadcasts 5] [--mode embedded|server]
//
// It starts one server process (server.cjs: the real Kefu app from the TypeScript sources, no build
// needed; embedded mode by default) and --clients client processes (clients.mjs) that open --sockets
// widget sockets between them, then measures the server's memory before and after (after GC), the
// connect rate, one broadcast to every socket (nsp.emit) and a fan-out of one message per shopper's
// room (what replies to 10,000 shoppers at once do), each --broadcasts times. The same steps run first
// against a bare socket.io server (the baseline) unless --skip-baseline. See bench/widget/README.md.
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const BENCH_DB = 'kefu_bench_widget';

const { values: args } = parseArgs({
  options: {
    sockets: { type: 'string', default: '10000' },
    clients: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '100' },
    broadcasts: { type: 'string', default: '5' },
    mode: { type: 'string', default: 'embedded' },
    'skip-baseline': { type: 'boolean', default: false },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    'log-level': { type: 'string', default: 'error' },
    timeout: { type: 'string', default: '900' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  process.stdout.write(`usage: node bench/widget/run.mjs [options]
  --sockets N        widget sockets to hold (default 10000)
  --clients N        client processes sharing them (default 2)
  --concurrency N    connections in flight per client process (default 100)
  --broadcasts N     rounds of broadcast and of fan-out (default 5)
  --mode M           embedded (PGlite, in-process queue; default) or server (PostgreSQL + Redis: a fresh
                     database "${BENCH_DB}", the socket.io Redis adapter)
  --skip-baseline    only Kefu, no bare socket.io run
  --database-url U, --redis-url U   for --mode server (default $DATABASE_URL / $REDIS_URL or the local ones)
  --timeout S        give up after S seconds (default 900)
`);
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
const SOCKETS = int('sockets', 1);
const CLIENTS = int('clients', 1);
const CONCURRENCY = int('concurrency', 1);
const ROUNDS = int('broadcasts', 1);
if (!['embedded', 'server'].includes(args.mode)) fail('--mode must be embedded or server');

// Every socket is a file descriptor in the server and in one client process: stay under `ulimit -n`.
const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()) || Infinity;
const perClient = Math.ceil(SOCKETS / CLIENTS);
if (SOCKETS + 512 > fdLimit || perClient + 256 > fdLimit) {
  fail(`ulimit -n is ${fdLimit}: the server needs ${SOCKETS + 512} descriptors. Lower --sockets or raise the limit (ulimit -n) yourself.`);
}

const cleanups = [];
const cleanUp = async () => {
  while (cleanups.length) await cleanups.pop()().catch(() => undefined);
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void cleanUp().then(() => process.exit(130)));
const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${args.timeout} s`);
  void cleanUp().then(() => process.exit(3));
}, int('timeout', 10) * 1000);

const freePort = () =>
  new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

/** The next IPC message of `child` that `match` accepts, or a rejection after `ms`. */
function nextMessage(child, match, ms, what) {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', on);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => (done(), reject(new Error(`timed out waiting for ${what}`))), ms);
    const on = (m) => {
      if (!match(m)) return;
      done();
      resolve(m);
    };
    const onExit = (code) => (done(), reject(new Error(`${what}: the process exited (code ${code})`)));
    child.on('message', on);
    child.once('exit', onExit);
  });
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const stats = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] ?? NaN, n: s.length };
};

async function serverEnv(kind) {
  const env = { ...process.env, BENCH_KIND: kind, BENCH_LOG_LEVEL: args['log-level'], DATABASE_URL: '', REDIS_URL: '' };
  if (kind === 'bare') return env;
  if (args.mode === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-widget-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { ...env, BENCH_DATA_DIR: dir };
  }
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: args['database-url'] });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
  });
  const url = new URL(args['database-url']);
  url.pathname = `/${BENCH_DB}`;
  const prefix = `kefu-bench-widget-${Date.now().toString(36)}`;
  const { default: Redis } = await import('ioredis');
  cleanups.push(async () => {
    const r = new Redis(args['redis-url']);
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  });
  return { ...env, DATABASE_URL: url.toString(), REDIS_URL: args['redis-url'], QUEUE_PREFIX: prefix };
}

async function measure(kind) {
  const port = await freePort();
  const server = fork(join(here, 'server.cjs'), [], {
    env: { ...(await serverEnv(kind)), BENCH_PORT: String(port) },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  cleanups.push(async () => server.exitCode === null && server.kill('SIGKILL'));
  const ready = await nextMessage(server, (m) => m.ready, 300_000, `${kind} server start`);
  const before = await (server.send({ cmd: 'mem' }), nextMessage(server, (m) => m.mem, 30_000, 'memory'));

  const clients = [];
  for (let i = 0; i < CLIENTS; i++) {
    const c = fork(join(here, 'clients.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    cleanups.push(async () => c.exitCode === null && c.kill('SIGKILL'));
    await nextMessage(c, (m) => m.ready, 30_000, 'client start');
    clients.push(c);
  }
  const url = `http://127.0.0.1:${port}`;
  const shares = clients.map((_, i) => Math.floor(SOCKETS / CLIENTS) + (i < SOCKETS % CLIENTS ? 1 : 0));
  const connects = await Promise.all(
    clients.map((c, i) => {
      c.send({ cmd: 'connect', url, inboxId: ready.inboxId, count: shares[i], concurrency: CONCURRENCY });
      return nextMessage(c, (m) => 'connected' in m, 600_000, 'connections');
    }),
  );
  const connected = connects.reduce((n, c) => n + c.connected, 0);
  const errors = connects.flatMap((c) => Object.entries(c.errors)).map(([k, v]) => `${k}×${v}`);
  const after = await (server.send({ cmd: 'mem' }), nextMessage(server, (m) => m.mem, 60_000, 'memory'));

  const rounds = { broadcast: [], fanout: [] };
  for (const cmd of ['broadcast', 'fanout']) {
    for (let r = 1; r <= ROUNDS; r++) {
      const id = `${cmd}-${r}`;
      const reports = clients.map((c) => nextMessage(c, (m) => m.round === id, 120_000, `${id} delivery`));
      clients.forEach((c) => c.send({ cmd: 'expect', id }));
      await new Promise((res) => setTimeout(res, 300));
      server.send({ cmd, id });
      const sent = await nextMessage(server, (m) => m.id === id, 60_000, `${id} emit`);
      const latencies = (await Promise.all(reports)).flatMap((m) => m.latencies);
      rounds[cmd].push({ emitMs: sent.emitMs, latencies });
      await new Promise((res) => setTimeout(res, 500));
    }
  }
  clients.forEach((c) => c.send({ cmd: 'close' }));
  server.send({ cmd: 'stop' });
  await Promise.all([server, ...clients].map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : null)));
  await cleanUp();
  return { kind, bootMs: ready.bootMs, before: before.mem, after: after.mem, sockets: after.sockets, connected, errors, connects, rounds };
}

const f0 = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const MB = 1024 * 1024;

function figures(m) {
  const connectMs = Math.max(...m.connects.map((c) => c.ms));
  const connectLat = stats(m.connects.flatMap((c) => c.latencies));
  const per = (key) => (m.after[key] - m.before[key]) / Math.max(1, m.sockets);
  const round = (cmd) => {
    const all = m.rounds[cmd];
    const lat = stats(all.flatMap((r) => r.latencies));
    const last = stats(all.map((r) => Math.max(...r.latencies)));
    return { emit: stats(all.map((r) => r.emitMs)).p50, p50: lat.p50, p99: lat.p99, last: last.p50, lastMax: last.max };
  };
  return {
    held: m.sockets,
    rate: (m.connected / connectMs) * 1000,
    connectP50: connectLat.p50,
    connectP99: connectLat.p99,
    rssBefore: m.before.rss / MB,
    rssAfter: m.after.rss / MB,
    heapBefore: m.before.heapUsed / MB,
    heapAfter: m.after.heapUsed / MB,
    rssPerSocketKb: per('rss') / 1024,
    heapPerSocketKb: per('heapUsed') / 1024,
    rssPer1000Mb: (per('rss') * 1000) / MB,
    broadcast: round('broadcast'),
    fanout: round('fanout'),
  };
}

function report(results) {
  const cols = results.map((r) => ({ name: r.kind === 'bare' ? 'bare socket.io' : 'Kefu /widget', f: figures(r) }));
  const kefu = cols.find((c) => c.name.startsWith('Kefu'))?.f;
  const bare = cols.find((c) => c.name.startsWith('bare'))?.f;
  const rows = [
    ['sockets held (server side)', (f) => f0(f.held)],
    ['connect rate, sockets/s', (f) => f0(f.rate), 'rate'],
    ['connect → session p50 / p99, ms', (f) => `${f1(f.connectP50)} / ${f1(f.connectP99)}`],
    ['RSS before → after, MB', (f) => `${f1(f.rssBefore)} → ${f1(f.rssAfter)}`],
    ['heap used before → after, MB', (f) => `${f1(f.heapBefore)} → ${f1(f.heapAfter)}`],
    ['RSS per socket, KB (MB)', (f) => `${f1(f.rssPerSocketKb)} (${(f.rssPerSocketKb / 1024).toFixed(4)})`, 'rssPerSocketKb'],
    ['RSS per 1,000 sockets, MB', (f) => f2(f.rssPer1000Mb)],
    ['heap per socket, KB (MB)', (f) => `${f1(f.heapPerSocketKb)} (${(f.heapPerSocketKb / 1024).toFixed(4)})`, 'heapPerSocketKb'],
    ['broadcast: emit call, ms', (f) => f1(f.broadcast.emit)],
    ['broadcast: receipt p50 / p99, ms', (f) => `${f1(f.broadcast.p50)} / ${f1(f.broadcast.p99)}`],
    ['broadcast: last socket, ms (median / worst round)', (f) => `${f1(f.broadcast.last)} / ${f1(f.broadcast.lastMax)}`, 'broadcast.last'],
    ['fan-out to each room: emit loop, ms', (f) => f1(f.fanout.emit)],
    ['fan-out: receipt p50 / p99, ms', (f) => `${f1(f.fanout.p50)} / ${f1(f.fanout.p99)}`],
    ['fan-out: last socket, ms (median / worst round)', (f) => `${f1(f.fanout.last)} / ${f1(f.fanout.lastMax)}`, 'fanout.last'],
  ];
  const get = (f, path) => path.split('.').reduce((o, k) => o[k], f);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const widths = cols.map((c) => Math.max(c.name.length, ...rows.map((r) => r[1](c.f).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(w0) : c.padStart(widths[i - 1]))).join('   ');
  console.log(`\n${line(['figure', ...cols.map((c) => c.name)])}${kefu && bare ? '   Kefu ÷ bare' : ''}`);
  for (const [label, fmt, key] of rows) {
    const ratio = kefu && bare && key ? `   ${f2(get(kefu, key) / get(bare, key))}×` : '';
    console.log(line([label, ...cols.map((c) => fmt(c.f))]) + ratio);
  }
  for (const r of results) if (r.errors.length) console.log(`\n${r.kind}: failed connections: ${r.errors.join(', ')}`);
}

console.log(
  `widget bench: ${SOCKETS.toLocaleString('en-US')} sockets over ${CLIENTS} client process(es), ${ROUNDS} round(s); mode ${args.mode}; ` +
    `node ${process.version}, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ${f1(totalmem() / 1024 ** 3)} GB, load ${loadavg().map(f2).join(' ')}; ulimit -n ${fdLimit}`,
);
try {
  const results = [];
  if (!args['skip-baseline']) results.push(await measure('bare'));
  results.push(await measure('kefu'));
  const k = results.at(-1);
  console.log(`Kefu server booted in ${f1(k.bootMs / 1000)} s (${args.mode} mode; not part of the figures)`);
  report(results);
  console.log(`\ntarget (DESIGN.md): 10,000 open widget sockets in one process — held: ${f0(k.sockets)}`);
} catch (e) {
  console.error(`bench failed: ${e.stack ?? e}`);
  await cleanUp();
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
}
