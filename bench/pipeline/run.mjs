#!/usr/bin/env node
// End-to-end pipeline benchmark: API channel → ingest → BullMQ → worker (language engine, dialogue
// engine, reply stored in the same transaction), against the built API in server mode.
//
//   npx nx run api:build
//   node bench/pipeline/run.mjs [--scenarios 1,10,100] [--turns 10] [--skip-baseline] [--profile]
//
// For the full pipeline and for a baseline with the dialogue engine off (DIALOGUE_ENGINE=off), it
// starts the API with the demo shop seeded, then runs closed-loop scenarios (N shoppers in parallel,
// each sending its next message only once the bot's reply to the previous one is stored) and an
// open-loop run (messages pushed as fast as the API takes them), and prints latency from receipt to
// stored reply (server timestamps), the client's round trip, throughput, CPU and memory.
// It always stops the API and removes what it created (bench database, Redis keys, temp dir).
// See bench/README.md.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { conversations, loadShop } from './conversations.mjs';
import {
  cleanUp,
  cpuMeter,
  createInbox,
  dbClient,
  freePort,
  login,
  logTail,
  onCleanUp,
  prepareServerMode,
  push,
  rssMb,
  startApi,
  waitForDemoSeed,
  waitForHealth,
  waitQuiet,
} from './harness.mjs';
import { closedLoop, openLoop, summarize } from './load.mjs';
import { findProfile, selfTimes } from './profile.mjs';
import { f0, f1, fmtStatuses, logLines, printActivity, printTranscripts, report } from './report.mjs';
import { ReplyTracker } from './tracker.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_MAIN = 'dist/apps/api/apps/api/src/main.js';
const BENCH_DB = 'kefu_bench_pipeline';
const ADMIN_EMAIL = 'bench@kefu.local';
const ADMIN_PASSWORD = `bench-${randomBytes(9).toString('base64url')}`;
/** The design target (DESIGN.md): end to end, offline pipeline, on the 2-core reference machine. */
const TARGET = { rate: 1000, p99: 150 };

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'server' },
    scenarios: { type: 'string', default: '1,10,100' },
    turns: { type: 'string', default: '10' },
    messages: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '100' },
    'open-messages': { type: 'string', default: '2000' },
    'open-conversations': { type: 'string', default: '200' },
    'open-concurrency': { type: 'string', default: '64' },
    'skip-baseline': { type: 'boolean', default: false },
    greeting: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    transcript: { type: 'string', default: '0' },
    'poll-ms': { type: 'string', default: '5' },
    'message-timeout': { type: 'string', default: '10' },
    timeout: { type: 'string', default: '600' },
    'log-level': { type: 'string', default: 'warn' },
    'node-args': { type: 'string', default: '' },
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
      'usage: node bench/pipeline/run.mjs [options]',
      '  --scenarios 1,10,100       closed-loop scenarios: conversations in parallel (default 1,10,100)',
      '  --turns N                  messages per conversation (default 10)',
      '  --messages N               at least this many messages per scenario: each of the N parallel',
      '                             shoppers starts a new conversation after the last (default 200)',
      '  --warmup N                 unmeasured messages first, 10 conversations at a time (default 100)',
      '  --open-messages N          open-loop run: messages pushed without waiting for replies (default 2000;',
      '                             0 skips it)',
      '  --open-conversations N     ... spread over N conversations (default 200)',
      '  --open-concurrency N       ... with at most N pushes in flight (default 64)',
      '  --skip-baseline            only the full pipeline, no run with DIALOGUE_ENGINE=off',
      '  --greeting                 turn the inbox greeting on in every run (off by default: no auto-reply noise)',
      '  --profile                  run the API with --cpu-prof and print the top 25 functions by self time',
      "  --transcript N             print the first N conversations of the first scenario with the bot's replies",
      '  --poll-ms N                how often the database is polled for replies (default 5)',
      '  --message-timeout S        a reply not stored after S seconds is counted missing (default 10)',
      '  --timeout S                give up on a run (full or baseline) after S seconds (default 600)',
      '  --mode server              the only mode: the replies are read from PostgreSQL',
      '  --log-level L              LOG_LEVEL of the API under test (default warn)',
      '  --node-args="..."          extra node flags for the API under test',
      `  --main PATH                the built API (default ${DEFAULT_MAIN})`,
      '  --database-url URL         PostgreSQL server (default $DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres);',
      `                             the bench creates and drops its own database "${BENCH_DB}" there`,
      '  --redis-url URL            Redis (default $REDIS_URL or redis://127.0.0.1:6379); keys go under a fresh',
      '                             QUEUE_PREFIX and are deleted afterwards',
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
if (args.mode !== 'server')
  fail(
    `--mode must be server (got "${args.mode}"): the bench reads replies from PostgreSQL, which the embedded mode keeps to itself`,
  );
const scenarios = args.scenarios.split(',').map((s) => Number(s.trim()));
if (!scenarios.length || scenarios.some((n) => !Number.isInteger(n) || n < 1))
  fail(`--scenarios must be a comma-separated list of integers >= 1 (got "${args.scenarios}")`);
const opts = {
  scenarios,
  turns: int('turns', 1),
  messages: int('messages', 1),
  warmup: int('warmup', 0),
  openMessages: int('open-messages', 0),
  openConversations: int('open-conversations', 1),
  openConcurrency: int('open-concurrency', 1),
  pollMs: int('poll-ms', 1),
  transcript: int('transcript', 0),
  messageTimeoutMs: int('message-timeout', 1) * 1000,
  timeoutMs: int('timeout', 10) * 1000,
  runs: args['skip-baseline'] ? ['full'] : ['full', 'baseline'],
};
const MAIN = resolve(ROOT, args.main);
// The API reads its data files relative to itself; run it from the checkout it was built in.
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

// ---------------------------------------------------------------------------------------------
// One run: the full pipeline, or the baseline with DIALOGUE_ENGINE=off

async function runPipeline(kind, log) {
  const deadline = Date.now() + opts.timeoutMs;
  const runId = randomBytes(4).toString('hex');
  const tmp = mkdtempSync(join(tmpdir(), `kefu-bench-pipeline-${kind}-`));
  onCleanUp(() => rmSync(tmp, { recursive: true, force: true }));
  const logFile = join(tmp, 'api.log');
  const profDir = join(tmp, 'cpuprofile');

  const server = await prepareServerMode({
    databaseUrl: args['database-url'],
    redisUrl: args['redis-url'],
    dbName: BENCH_DB,
    prefix: `kefu-bench-pipeline-${runId}`,
  });
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
    SEED_DEMO: 'true',
    DIALOGUE_ENGINE: kind === 'full' ? 'on' : 'off',
    ...server.env,
  };
  const nodeArgs = [
    ...args['node-args'].split(/\s+/).filter(Boolean),
    ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
  ];
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const api = startApi({ main: MAIN, nodeArgs, env, cwd: API_CWD, logFile });
  await waitForHealth(base, api, logFile, deadline);
  const bootSeconds = (performance.now() - started) / 1000;
  const db = await dbClient(server.dbUrl);
  const seed = await waitForDemoSeed(db, deadline);
  const seedSeconds = (performance.now() - started) / 1000;
  // Statistics for the freshly loaded tables now, rather than from autovacuum in the middle of a scenario.
  await db.query('ANALYZE');
  const quietMs = await waitQuiet(api.child.pid);
  log(
    `  boot ${bootSeconds.toFixed(1)} s, demo seed done after ${seedSeconds.toFixed(1)} s ` +
      `(${seed.orders} orders, ${seed.articles} knowledge articles), API quiet after ${(quietMs / 1000).toFixed(0)} s more`,
  );
  const shop = await loadShop(db);

  const trackerDb = await dbClient(server.dbUrl);
  const tracker = new ReplyTracker(trackerDb, opts.pollMs);
  tracker.start();
  onCleanUp(() => tracker.stop());
  const backendPid = async (c) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const meter = cpuMeter({
    apiPid: api.child.pid,
    db,
    dbName: BENCH_DB,
    pollerPid: await backendPid(trackerDb),
    ownPids: [await backendPid(db)],
    pgLocal: ['127.0.0.1', 'localhost', '[::1]', ''].includes(new URL(args['database-url']).hostname),
  });
  const cookie = await login(base, ADMIN_EMAIL, ADMIN_PASSWORD);
  const inboxFor = (name) => createInbox(base, cookie, `bench ${kind} ${name}`, args.greeting);
  const pid = api.child.pid;
  const checkAlive = () => {
    if (api.child.exitCode !== null || api.child.signalCode !== null)
      throw new Error(
        `the API exited (code ${api.child.exitCode}, signal ${api.child.signalCode}):\n${logTail(logFile)}`,
      );
  };

  if (opts.warmup > 0) {
    const n = Math.ceil(opts.warmup / opts.turns);
    const w = summarize(
      await closedLoop({
        base,
        inbox: await inboxFor('warm-up'),
        tracker,
        convs: conversations(shop, n, opts.turns, 99),
        parallel: Math.min(10, n),
        tag: `${runId}-w`,
        deadline,
        messageTimeoutMs: opts.messageTimeoutMs,
      }),
    );
    log(
      `  warm-up: ${w.messages} messages, ${w.replied} replied, ${w.noReply} processed without a reply, ` +
        `${w.timedOut + w.rejected} missing`,
    );
  }

  const closed = [];
  for (const parallel of opts.scenarios) {
    checkAlive();
    const rounds = Math.max(1, Math.ceil(opts.messages / (parallel * opts.turns)));
    const convs = conversations(shop, parallel * rounds, opts.turns, 1000 + parallel);
    const inbox = await inboxFor(`${parallel} parallel`);
    const polls0 = { n: tracker.polls, ms: tracker.pollMs };
    const measure = await meter();
    const run = await closedLoop({
      base,
      inbox,
      tracker,
      convs,
      parallel,
      tag: `${runId}-c${parallel}`,
      deadline,
      messageTimeoutMs: opts.messageTimeoutMs,
    });
    const s = summarize(run);
    s.parallel = parallel;
    s.cpu = await measure(s.messages);
    s.rss = rssMb(pid).rss;
    s.polls = tracker.polls - polls0.n;
    s.pollMs = (tracker.pollMs - polls0.ms) / Math.max(1, s.polls);
    closed.push(s);
    log(
      `  ${parallel} in parallel: ${s.messages} messages in ${s.seconds.toFixed(1)} s; responses ${fmtStatuses(s.statuses)}; ` +
        `${s.polls} polls of ${s.pollMs.toFixed(2)} ms on average (${f0(s.cpu.pollerMs)} ms of PostgreSQL CPU); ` +
        `bench process ${f1(s.cpu.benchMsPerMsg)} ms CPU/msg`,
    );
  }
  if (tracker.error) throw new Error(`polling for replies failed: ${tracker.error.message}`);
  if (opts.transcript > 0 && closed.length)
    await printTranscripts(db, closed[0].records, opts.transcript, log);

  let open = null;
  if (opts.openMessages > 0) {
    checkAlive();
    const perConv = Math.ceil(opts.openMessages / opts.openConversations);
    const convs = conversations(shop, opts.openConversations, perConv, 7);
    // exactly --open-messages: the last conversations are one message shorter when it does not divide
    for (
      let extra = perConv * convs.length - opts.openMessages, i = convs.length - 1;
      extra > 0;
      extra--, i--
    )
      convs[i].messages.pop();
    const measure = await meter();
    open = await openLoop({
      base,
      inbox: await inboxFor('open loop'),
      db,
      convs,
      tag: `${runId}-o`,
      deadline,
      concurrency: opts.openConcurrency,
    });
    open.cpu = await measure(open.accepted);
    open.rss = rssMb(pid).rss;
    log(
      `  open loop: ${open.accepted}/${open.sent} accepted in ${open.sendSeconds.toFixed(1)} s; responses ${fmtStatuses(open.statuses)}`,
    );
  }

  checkAlive();
  await printActivity(db, log);
  const apiLog = logLines(logFile);
  if (apiLog.count)
    log(
      `  the API logged ${apiLog.count} lines at LOG_LEVEL=${args['log-level']}; the last:\n${apiLog.tail}`,
    );
  const mem = rssMb(pid);
  let profile = null;
  if (args.profile) {
    await tracker.stop();
    await api.stop(); // the profile is written when the process exits
    const found = findProfile(profDir);
    profile = found ? { ...found, ...selfTimes(found.path, API_CWD) } : null;
    if (!profile)
      log(`  no .cpuprofile was written (the API did not exit cleanly?):\n${logTail(logFile, 10)}`);
  }
  return { kind, closed, open, peakRss: mem.peak, profile };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(MAIN)) fail(`${MAIN} not found: build the API first (npx nx run api:build)`);
  const cpu = cpus();
  process.stdout.write(
    `Kefu pipeline bench: server mode, scenarios ${opts.scenarios.join(',')} in parallel × ${opts.turns} turns ` +
      `(≥ ${opts.messages} messages each, +${opts.warmup} warm-up), open loop ${opts.openMessages} messages; ` +
      `runs: ${opts.runs.join(', ')}; inbox greeting ${args.greeting ? 'on' : 'off'}; API LOG_LEVEL=${args['log-level']}\n` +
      `API ${MAIN} (built ${statSync(MAIN).mtime.toISOString()})\n` +
      `node ${process.version}, ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; the API, the load generator, PostgreSQL and Redis share this machine\n\n`,
  );
  const log = (line) => process.stdout.write(`${line}\n`);
  const results = [];
  let failed = false;
  for (const kind of opts.runs) {
    log(`running ${kind}${kind === 'baseline' ? ' (DIALOGUE_ENGINE=off)' : ''} ...`);
    try {
      results.push(await runPipeline(kind, log));
    } catch (e) {
      failed = true;
      process.stderr.write(`  ${kind} failed: ${e.message}\n`);
    } finally {
      await cleanUp();
    }
  }
  if (results.length) log(`\n${report(results, opts, TARGET)}`);
  process.exitCode = failed ? 1 : 0;
}

const watchdog = setTimeout(
  () => {
    process.stderr.write('bench: overall time limit reached, cleaning up\n');
    void cleanUp().finally(() => process.exit(1));
  },
  opts.timeoutMs * opts.runs.length + 60_000,
);
watchdog.unref();

main().catch(async (e) => {
  process.stderr.write(`bench: ${e.stack ?? e.message}\n`);
  await cleanUp();
  process.exitCode = 1;
});
