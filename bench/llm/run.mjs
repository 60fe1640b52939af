#!/usr/bin/env node
// LLM bench: what a shopper on the chat widget waits for when Claude writes the reply, streamed token by
// token and not, against the offline engine's own answer.
//
//   node bench/llm/run.mjs [--shoppers 20] [--rounds 3] [--ttft-ms 600] [--tokens-per-s 40] [--reply-chars 160]
//
// It starts a fake Claude paced like a real model (fake-claude.mjs) and the real Kefu app in its own
// process (server.cjs: TypeScript sources, embedded PGlite in a temporary DATA_DIR, demo shop seeded,
// ANTHROPIC_API_KEY set, ANTHROPIC_BASE_URL pointing at the fake), then opens --shoppers widget sockets
// per phase, each asking --rounds questions one after the other:
//   1. offline   a question the offline engine answers itself ("你们支持哪些付款方式"): no Claude call;
//   2. streamed  a message it does not understand ("我买的那个呢"): Claude writes the reply, streamed;
//   3. whole     the same after PUT /api/v1/llm/settings { streaming: false }: only the final message.
// Per reply it records the time from sending to the first `stream` frame, to `stream_end` and to the
// final `message`, and per phase the API process's CPU time and memory (/proc). Prints figures only.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanUp, cpuMs, freePort, login, onCleanUp, rssMb } from '../pipeline/harness.mjs';
import { percentiles } from '../pipeline/load.mjs';
import { startFakeClaude } from './fake-claude.mjs';
import { Shopper } from './shopper.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const NOT_UNDERSTOOD = '我买的那个呢';
const UNDERSTOOD = '你们支持哪些付款方式';
const ADMIN_EMAIL = 'bench-llm@kefu.local';
const ADMIN_PASSWORD = `bench-llm-${process.pid}-${Date.now()}`;

const { values: args } = parseArgs({
  options: {
    shoppers: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    'ttft-ms': { type: 'string', default: '600' },
    'tokens-per-s': { type: 'string', default: '40' },
    'reply-chars': { type: 'string', default: '160' },
    'think-ms': { type: 'string', default: '500' },
    'ramp-ms': { type: 'string', default: '1000' },
    'no-classify': { type: 'boolean', default: false },
    'worker-concurrency': { type: 'string' },
    'reply-timeout': { type: 'string', default: '30' },
    'log-level': { type: 'string', default: 'error' },
    timeout: { type: 'string', default: '600' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  process.stdout.write(`usage: node bench/llm/run.mjs [options]
  --shoppers N            widget sockets per phase, asking at the same time (default 20)
  --rounds N              questions each shopper asks, one after the other (default 3)
  --ttft-ms MS            the fake model's time to first token (default 600)
  --tokens-per-s N        its output pace; a token is a ~3-character piece of the respond JSON (default 40)
  --reply-chars N         length of its reply, in Chinese characters (default 160)
  --think-ms MS           a shopper's pause between a reply and the next question (default 500)
  --ramp-ms MS            shoppers start spread over this long (default 1000)
  --no-classify           switch the classification fallback off (default on: the fake answers
                          each classify request at once with out_of_scope, confidence 0.1)
  --worker-concurrency N  WORKER_CONCURRENCY of the app (default: the app's default, 16)
  --reply-timeout S       a reply not there after S seconds counts as missing (default 30)
  --log-level L           the app's LOG_LEVEL (default error)
  --timeout S             give up after S seconds (default 600)
Runs embedded (PGlite in a temporary directory, removed afterwards); contacts only 127.0.0.1.
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
const SHOPPERS = int('shoppers', 1);
const ROUNDS = int('rounds', 1);
const THINK_MS = int('think-ms', 0);
const RAMP_MS = int('ramp-ms', 0);
const REPLY_TIMEOUT_MS = int('reply-timeout', 1) * 1000;
const model = { ttftMs: int('ttft-ms', 0), tokensPerS: int('tokens-per-s', 1), replyChars: int('reply-chars', 1) };
if (args['worker-concurrency'] !== undefined) int('worker-concurrency', 1);

// ---------------------------------------------------------------------------------------------
// Clean-up: the API process, the fake, the temporary directory; also on failure, timeout or Ctrl-C.

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    stopping = true;
    void cleanUp().then(() => process.exit(130));
  });
const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${args.timeout} s`);
  void cleanUp().then(() => process.exit(3));
}, int('timeout', 30) * 1000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The app under test

async function startApi(fakeUrl) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-llm-'));
  onCleanUp(async () => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const child = fork(join(here, 'server.cjs'), [], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      BENCH_PORT: String(port),
      BENCH_DATA_DIR: dir,
      BENCH_LOG_LEVEL: args['log-level'],
      BENCH_ADMIN_EMAIL: ADMIN_EMAIL,
      BENCH_ADMIN_PASSWORD: ADMIN_PASSWORD,
      BENCH_ANTHROPIC_API_KEY: 'bench-key-not-a-real-anthropic-key',
      BENCH_ANTHROPIC_BASE_URL: fakeUrl,
      BENCH_WORKER_CONCURRENCY: args['worker-concurrency'] ?? '',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  onCleanUp(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.send({ cmd: 'stop' });
    const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!stopped) child.kill('SIGKILL');
  });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not start within 300 s')), 300_000);
    child.on('message', (m) => m?.ready && (clearTimeout(timer), resolve(m)));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the API exited during start (code ${code})`))));
  });
  return { ...ready, pid: child.pid, url: `http://127.0.0.1:${port}` };
}

async function llmSettings(url, cookie, patch) {
  const res = await fetch(`${url}/api/v1/llm/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(patch),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`PUT /api/v1/llm/settings ${JSON.stringify(patch)}: HTTP ${res.status} ${text.slice(0, 300)}`);
  const s = JSON.parse(text);
  if (s.status?.off) throw new Error(`Claude is off after the settings change (${s.status.off})`);
  return s;
}

// ---------------------------------------------------------------------------------------------
// One phase: fresh shoppers (first-time visitors, new conversations), each asking `text` ROUNDS times.

async function phase(api, fake, name, text, shoppers = SHOPPERS, rounds = ROUNDS) {
  const sockets = await Promise.all(Array.from({ length: shoppers }, () => Shopper.open(api.url, api.inboxId)));
  const countsBefore = { ...fake.counts };
  fake.load.maxInFlight = 0;
  const cpuBefore = cpuMs(api.pid);
  const started = performance.now();
  const turns = [];
  await Promise.all(
    sockets.map(async (s, i) => {
      await sleep((RAMP_MS * i) / shoppers);
      for (let r = 0; r < rounds; r++) {
        turns.push(await s.ask(text, REPLY_TIMEOUT_MS));
        await sleep(THINK_MS);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const cpu = cpuMs(api.pid) - cpuBefore;
  const strays = sockets.reduce((n, s) => n + s.strays, 0);
  sockets.forEach((s) => s.close());
  const calls = Object.fromEntries(Object.entries(fake.counts).map(([k, v]) => [k, v - countsBefore[k]]));
  return { name, turns, wallMs, cpuMs: cpu, mem: rssMb(api.pid), calls, maxInFlight: fake.load.maxInFlight, strays };
}

// ---------------------------------------------------------------------------------------------
// Figures

const stats = (values) => {
  const finite = values.filter(Number.isFinite);
  return { ...percentiles(finite), min: finite.length ? Math.min(...finite) : NaN };
};
const f0 = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : '–');

function figures(p, fake) {
  const done = p.turns.filter((t) => t.messageAt !== null);
  const firstText = stats(done.map((t) => (t.firstFrameAt ?? t.messageAt) - t.sentAt));
  const streamEnd = stats(done.filter((t) => t.streamEndAt !== null).map((t) => t.streamEndAt - t.sentAt));
  const complete = stats(done.map((t) => t.messageAt - t.sentAt));
  const ack = stats(p.turns.filter((t) => t.ackAt !== null).map((t) => t.ackAt - t.sentAt));
  const streamedTurns = done.filter((t) => t.frames > 0);
  return {
    sent: p.turns.length,
    received: done.length,
    byClaude: done.filter((t) => t.text === fake.reply).length,
    ackErrors: p.turns.filter((t) => t.ackError).length,
    calls: p.calls,
    firstText,
    streamEnd,
    complete,
    ack,
    frames: stats(done.map((t) => t.frames)),
    streamed: streamedTurns.length,
    intact: streamedTurns.filter((t) => t.streamed === t.text && t.finalStreamId === t.streamId).length,
    resets: p.turns.reduce((n, t) => n + t.resets, 0),
    cpuPerReply: p.cpuMs / Math.max(1, done.length),
    cpuShare: (p.cpuMs / p.wallMs) * 100,
    wallS: p.wallMs / 1000,
    mem: p.mem,
    maxInFlight: p.maxInFlight,
    strays: p.strays,
  };
}

function report(phases, fake) {
  const cols = phases.map((p) => ({ name: p.label, f: figures(p, fake) }));
  const pp = (s) => `${f0(s.p50)} / ${f0(s.p99)}`;
  const rows = [
    ['replies received / questions sent', (f) => `${f.received} / ${f.sent}`],
    ['written by Claude (text = the model reply)', (f) => f0(f.byClaude)],
    ['model calls: reply (streamed) / classify / other', (f) => `${f.calls.reply} (${f.calls.replyStreamed}) / ${f.calls.classify} / ${f.calls.other}`],
    ['model generations at once, max', (f) => f0(f.maxInFlight)],
    ['send → ack p50 / p99, ms', (f) => pp(f.ack)],
    ['send → first visible text p50 / p99, ms', (f) => pp(f.firstText)],
    ['send → stream_end p50 / p99, ms', (f) => (f.streamEnd.n ? pp(f.streamEnd) : '–')],
    ['send → complete reply (message) p50 / p99, ms', (f) => pp(f.complete)],
    ['stream frames per reply: median (min–max)', (f) => `${f0(f.frames.p50)} (${f0(f.frames.min)}–${f0(f.frames.max)})`],
    ['streamed text = final message (same streamId)', (f) => (f.streamed ? `${f.intact} / ${f.streamed}` : '–')],
    ['stream_reset frames', (f) => f0(f.resets)],
    ['API CPU, ms per reply', (f) => f1(f.cpuPerReply)],
    ['API CPU, % of one core over the phase', (f) => `${f1(f.cpuShare)} (${f1(f.wallS)} s)`],
    ['API RSS at the end / peak so far, MB', (f) => `${f0(f.mem.rss)} / ${f0(f.mem.peak)}`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const widths = cols.map((c) => Math.max(c.name.length, ...rows.map((r) => r[1](c.f).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(w0) : c.padStart(widths[i - 1]))).join('   ');
  console.log(`\n${line(['figure', ...cols.map((c) => c.name)])}`);
  for (const [label, fmt] of rows) console.log(line([label, ...cols.map((c) => fmt(c.f))]));

  const streamed = cols.find((c) => c.name.includes('streamed') && !c.name.includes('not'))?.f;
  const whole = cols.find((c) => c.name.includes('not streamed'))?.f;
  if (streamed && whole) {
    console.log(
      `\nfirst visible text, streamed ÷ complete reply, not streamed: p50 ${f2(streamed.firstText.p50 / whole.complete.p50)}×, ` +
        `p99 ${f2(streamed.firstText.p99 / whole.complete.p99)}×`,
    );
  }
  for (const c of cols) {
    const issues = [];
    if (c.f.received < c.f.sent) issues.push(`${c.f.sent - c.f.received} repl(ies) missing after ${REPLY_TIMEOUT_MS / 1000} s`);
    if (c.f.ackErrors) issues.push(`${c.f.ackErrors} message(s) refused`);
    if (c.f.strays) issues.push(`${c.f.strays} extra bot message(s) outside a question`);
    if (issues.length) console.log(`${c.name}: ${issues.join('; ')}`);
  }
}

// ---------------------------------------------------------------------------------------------

console.log(
  `llm bench: ${SHOPPERS} shoppers × ${ROUNDS} round(s) per phase; fake model: first token after ${model.ttftMs} ms, ` +
    `${model.tokensPerS} tokens/s, ${model.replyChars}-character replies; classification fallback ${args['no-classify'] ? 'off' : 'on'}\n` +
    `node ${process.version}, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), ${f1(totalmem() / 1024 ** 3)} GB, load ${loadavg().map(f2).join(' ')}`,
);
try {
  const fake = await startFakeClaude(model);
  onCleanUp(() => fake.close());
  const api = await startApi(fake.url);
  const cookie = await login(api.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  // No daily budget: a long run must not switch Claude off halfway.
  await llmSettings(api.url, cookie, { streaming: true, dailyBudgetUsd: null, classificationFallback: !args['no-classify'] });
  console.log(
    `API booted in ${f1(api.bootMs / 1000)} s (embedded, demo shop; WORKER_CONCURRENCY ${api.workerConcurrency}); ` +
      `a reply is ${fake.tokens} tokens, generated in ${f0(fake.generationMs)} ms`,
  );

  // Warm-up, unmeasured: first compilations, first queries, the SDK's first connection.
  await phase(api, fake, 'warm-up', UNDERSTOOD, 2, 2);
  await phase(api, fake, 'warm-up', NOT_UNDERSTOOD, 2, 2);

  const phases = [];
  phases.push({ ...(await phase(api, fake, 'offline', UNDERSTOOD)), label: 'offline answer' });
  phases.push({ ...(await phase(api, fake, 'streamed', NOT_UNDERSTOOD)), label: 'Claude, streamed' });
  await llmSettings(api.url, cookie, { streaming: false });
  phases.push({ ...(await phase(api, fake, 'whole', NOT_UNDERSTOOD)), label: 'Claude, not streamed' });
  report(phases, fake);
  console.log(
    `\noffline answer: "${UNDERSTOOD}"; Claude: "${NOT_UNDERSTOOD}" (not understood offline). Each phase: fresh visitors, ` +
      `${THINK_MS} ms between a reply and the next question, starts spread over ${RAMP_MS} ms.`,
  );
} catch (e) {
  if (!stopping) console.error(`bench failed: ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
  clearTimeout(deadline);
}
