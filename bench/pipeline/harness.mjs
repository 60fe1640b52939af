// The API under test and what it needs around it: cleanup stack, process start/stop, /proc readings,
// the bench database and Redis prefix, the admin session, inboxes and signed pushes.
// Same patterns as bench/ingest/run.mjs.

import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import Redis from 'ioredis';

// ---------------------------------------------------------------------------------------------
// Cleanup runs on success, failure and Ctrl-C: a stack, last registered first.

const cleanups = [];
export function onCleanUp(fn) {
  cleanups.push(fn);
}
export async function cleanUp() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      process.stderr.write(`bench: cleanup step failed: ${e.message}\n`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The API process

export function freePort() {
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

/** Starts `node [nodeArgs] main` with exactly `env`; `stop()` is idempotent and also registered as a cleanup. */
export function startApi({ main, nodeArgs, env, cwd, logFile }) {
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...nodeArgs, main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // 'close': the process has exited and its output is fully written to the log.
  const exited = new Promise((ok) => child.once('close', (code, signal) => ok({ code, signal })));
  let stopping = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const done = await Promise.race([exited, sleep(20_000).then(() => null)]);
        if (!done) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      await new Promise((ok) => log.end(ok));
    })());
  onCleanUp(stop);
  return { child, exited, stop };
}

export function logTail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function waitForHealth(base, api, logFile, deadline) {
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
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime
}

export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Whole-machine CPU counters from /proc/stat (clock ticks): busy share = 1 − Δidle / Δtotal. */
function machineTicks() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}

/**
 * CPU used while a piece of the bench runs: the API process, the PostgreSQL backends serving the bench
 * database (the API's connections; the bench's own poller separately), this process, and how busy the
 * whole machine was. PostgreSQL figures need the server on this machine (they read /proc/<backend pid>);
 * otherwise they are NaN.
 */
export function cpuMeter({ apiPid, db, dbName, pollerPid, ownPids, pgLocal }) {
  const backends = async () => {
    const out = new Map();
    if (!pgLocal) return out;
    const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [dbName]);
    for (const { pid } of rows) {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') out.set(pid, cpuMs(pid));
      } catch {
        // gone, or not visible from here
      }
    }
    return out;
  };
  return async () => {
    const start = {
      api: cpuMs(apiPid),
      pg: await backends(),
      machine: machineTicks(),
      self: process.cpuUsage(),
    };
    return async (messages) => {
      const pg = await backends();
      let apiPg = 0;
      let poller = 0;
      for (const [pid, ms] of pg) {
        // a backend the API's pool opened meanwhile counts from zero
        const d = ms - (start.pg.get(pid) ?? 0);
        if (pid === pollerPid) poller += d;
        else if (!ownPids.includes(pid)) apiPg += d;
      }
      const m = machineTicks();
      const self = process.cpuUsage(start.self);
      const n = Math.max(1, messages);
      return {
        apiMsPerMsg: (cpuMs(apiPid) - start.api) / n,
        pgMsPerMsg: pg.size ? apiPg / n : NaN,
        pollerMs: pg.size ? poller : NaN,
        benchMsPerMsg: (self.user + self.system) / 1000 / n,
        busy: 1 - (m.idle - start.machine.idle) / Math.max(1, m.total - start.machine.total),
      };
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Server mode: a fresh database and a fresh Redis prefix, both removed afterwards

export async function prepareServerMode({ databaseUrl, redisUrl, dbName, prefix }) {
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const benchUrl = new URL(databaseUrl);
  benchUrl.pathname = `/${dbName}`;
  const onAdmin = async (sql) => {
    const c = new pg.Client({ connectionString: adminUrl.toString() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await onAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await onAdmin(`CREATE DATABASE ${dbName}`);
  onCleanUp(() => onAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));

  onCleanUp(async () => {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
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
    env: { DATABASE_URL: benchUrl.toString(), REDIS_URL: redisUrl, QUEUE_PREFIX: prefix },
  };
}

/** A pg client on the bench database, closed at cleanup. */
export async function dbClient(dbUrl) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  onCleanUp(() => client.end());
  return client;
}

/**
 * The demo seed runs in the background after boot: the commerce seeder writes 5,000 orders in batches
 * and moves the identity sequences past its ids as its last step; the knowledge seeder adds the FAQ.
 */
export async function waitForDemoSeed(db, deadline) {
  let last = null;
  while (Date.now() < deadline) {
    const { rows } = await db.query(`
      SELECT (SELECT count(*)::int FROM commerce_orders) AS orders,
             (SELECT count(*)::int FROM knowledge_articles) AS articles,
             (SELECT last_value FROM pg_sequences
               WHERE schemaname || '.' || sequencename = pg_get_serial_sequence('commerce_orders', 'id')) AS order_seq`);
    last = rows[0];
    if (last.orders === 5000 && last.articles > 0 && last.order_seq !== null) return last;
    await sleep(250);
  }
  throw new Error(`the demo seed did not finish in time (last seen: ${JSON.stringify(last)})`);
}

/**
 * Waits until the process has used less than `share` of one core for a whole second (boot-time work
 * such as the seed's follow-ups and the first model load done), or `maxMs` passed. Returns the ms waited.
 */
export async function waitQuiet(pid, { share = 0.05, maxMs = 15_000 } = {}) {
  const t0 = Date.now();
  while (Date.now() - t0 < maxMs) {
    const c0 = cpuMs(pid);
    await sleep(1000);
    if (cpuMs(pid) - c0 <= share * 1000) break;
  }
  return Date.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// HTTP: admin session, inboxes, signed pushes

async function json(res, what) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

export async function login(base, email, password) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  await json(res, 'login');
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
  if (!cookie) throw new Error('login: no kefu_session cookie in the response');
  return cookie.split(';')[0];
}

export async function createInbox(base, cookie, name, greeting) {
  const res = await fetch(`${base}/api/v1/inboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      name,
      greetingEnabled: greeting,
      greetingMessage: greeting ? '您好，欢迎光临！/ Hello, welcome! / いらっしゃいませ！' : '',
    }),
  });
  const inbox = await json(res, 'create inbox');
  if (!inbox.id || !inbox.secret) throw new Error('create inbox: the response has no id or secret');
  return inbox;
}

/**
 * POST /api/v1/inboxes/:id/messages, signed like the shop's backend signs it.
 * Returns { status, body } where status is the HTTP status, 'timeout' or 'network'.
 */
export async function push(base, inbox, message) {
  const body = JSON.stringify(message);
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac('sha256', inbox.secret).update(`${ts}.${body}`).digest('hex')}`;
  try {
    const res = await fetch(`${base}/api/v1/inboxes/${inbox.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kefu-timestamp': ts, 'x-kefu-signature': signature },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: reported by status only
    }
    return { status: String(res.status), body: parsed };
  } catch (e) {
    return { status: e.name === 'TimeoutError' ? 'timeout' : 'network', body: null };
  }
}
