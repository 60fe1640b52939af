// Browser check of the chat widget showing a bot reply while it is written (the `stream`,
// `stream_end`, `stream_reset` events of docs/widget.md). Self-contained: the widget is bundled from
// apps/widget/src into a temporary folder and served with a scripted socket.io `/widget` namespace
// on 127.0.0.1, which plays the server's part frame by frame. In headless Chromium:
//   the typing dots give way to a bubble that grows with a caret (frames applied in seq order, a
//   repeated one dropped, markup shown as text); the final message with that streamId takes the
//   bubble's place, with its quick replies; a withdrawn stream disappears and the dots come back;
//   a repeated final message is shown once.
// Screenshots go to test-results/widget-stream-*.png.
//
//   node apps/admin-e2e/src/widget-stream.e2e.mjs
//
// Optional: CHROMIUM_PATH (default /usr/bin/chromium when present), HEADFUL=1, E2E_TIMEOUT_MS.
import { build } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Server } from 'socket.io';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OUT = resolve('test-results');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);
const INBOX = randomUUID();
const MARKUP = '<img src=x onerror="window.__kefuXss=1">';

class TestFailure extends Error {}
let passed = 0;
const ok = (what) => {
  passed++;
  console.log(`✓ ${what}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function check(cond, what) {
  if (!cond) throw new TestFailure(what);
}
async function expectWithin(what, probe) {
  const end = Date.now() + TIMEOUT;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new TestFailure(`timed out: ${what}`);
    await sleep(50);
  }
}

/** The widget bundle, built like apps/widget/build.mjs --dev (without the type check). */
async function bundle(dir) {
  const outfile = join(dir, 'widget.js');
  await build({
    entryPoints: [join(ROOT, 'apps', 'widget', 'src', 'main.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome84'],
    logLevel: 'warning',
  });
  return readFileSync(outfile);
}

const at = (offsetMs) => new Date(Date.now() + offsetMs).toISOString();
const botMessage = (id, text, extra = {}) => ({
  id,
  clientId: null,
  direction: 'outgoing',
  senderType: 'bot',
  text,
  attachments: [],
  content: null,
  createdAt: at(0),
  readAt: null,
  ...extra,
});

/** An HTTP server with the shop page, widget.js and a scripted `/widget` namespace. */
async function startServer(js) {
  const http = createServer((req, res) => {
    if (req.url?.startsWith('/widget.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(js);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body style="font-family:sans-serif;background:#fafafa"><h1>Demo shop</h1>
<script src="/widget.js" data-inbox="${INBOX}" async></script></body></html>`);
  });
  const io = new Server(http, { path: '/socket.io' });
  const sockets = [];
  const question = {
    id: randomUUID(),
    clientId: 'c-1',
    direction: 'incoming',
    senderType: 'contact',
    text: 'Where is my parcel?',
    attachments: [],
    content: null,
    createdAt: at(-60_000),
    readAt: null,
  };
  io.of('/widget').on('connection', (socket) => {
    sockets.push(socket);
    socket.on('read', (_body, ack) => typeof ack === 'function' && ack({ ok: true }));
    socket.on(
      'history',
      (_body, ack) => typeof ack === 'function' && ack({ ok: true, messages: [], hasMore: false }),
    );
    socket.emit('session', {
      visitorToken: 'v'.repeat(43),
      verified: false,
      conversationId: randomUUID(),
      settings: { title: 'Help', color: '#3f51b5', locale: 'en' },
      messages: [botMessage(randomUUID(), 'Hi! How can I help?', { createdAt: at(-120_000) }), question],
      replay: false,
      hasMore: false,
    });
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const { port } = http.address();
  const emit = (event, payload) => {
    for (const s of sockets) s.emit(event, payload);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    emit,
    question,
    connected: () => sockets.length > 0,
    close: () => new Promise((r) => io.close(() => r())),
  };
}

const parts = (page) => ({
  log: page.locator('#kefu-widget [role="log"]'),
  bots: page.locator('#kefu-widget .log .msg[data-sender="bot"]'),
  streaming: page.locator('#kefu-widget .msg.kefu-streaming'),
  caret: page.locator('#kefu-widget .msg.kefu-streaming .caret'),
  typing: page.locator('#kefu-widget .typing'),
  quick: page.locator('#kefu-widget .quick button'),
});
const shot = async (page, name) => {
  mkdirSync(OUT, { recursive: true });
  const path = resolve(OUT, `widget-stream-${name}.png`);
  await page.screenshot({ path });
  console.log(`  screenshot: ${path}`);
};
/** The texts of the log's messages in order (visible text, screen-reader labels left out). */
const logTexts = (page) =>
  page.evaluate(() =>
    [...document.querySelector('#kefu-widget').shadowRoot.querySelectorAll('.log .msg .bubble')].map((b) => {
      const c = b.cloneNode(true);
      c.querySelectorAll('.sr').forEach((s) => s.remove());
      return c.textContent;
    }),
  );

async function run(page, server) {
  const w = parts(page);
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.KefuWidget?.open === 'function');
  await page.evaluate(() => window.KefuWidget.open());
  await expectWithin('the session', async () => server.connected() && (await w.bots.count()) === 1);

  server.emit('typing', { typing: true, sender: 'bot' });
  await expectWithin('the typing dots', () => w.typing.isVisible());
  const s1 = randomUUID();
  const frame = (streamId, seq, delta) => ({
    streamId,
    conversationId: 'c',
    replyTo: server.question.id,
    seq,
    delta,
  });
  server.emit('stream', frame(s1, 1, 'Your parcel left '));
  await expectWithin('a streamed bubble', async () => (await w.streaming.count()) === 1);
  check(!(await w.typing.isVisible()), 'the typing dots give way to the streamed bubble');
  check((await w.caret.count()) === 1, 'the bubble shows a caret while it is written');
  check(
    (await w.streaming.locator('.bubble').getAttribute('aria-hidden')) === 'true',
    'the growing text is not announced token by token',
  );
  ok('the typing dots give way to a bubble with a caret');

  server.emit('stream', frame(s1, 3, `tomorrow. ${MARKUP}`));
  server.emit('stream', frame(s1, 2, 'Shanghai; it arrives '));
  server.emit('stream', frame(s1, 2, 'Shanghai; it arrives '));
  const grown = 'Your parcel left Shanghai; it arrives tomorrow. ' + MARKUP;
  await expectWithin('the bubble grows in seq order', async () => (await logTexts(page)).at(-1) === grown);
  check((await page.evaluate(() => window.__kefuXss)) === undefined, 'markup in a delta stays text');
  const position = (await logTexts(page)).length - 1;
  await shot(page, 'growing');
  ok('frames are applied in seq order, a repeated one dropped, markup shown as text');

  server.emit('stream_end', { streamId: s1 });
  await expectWithin(
    'the caret goes at the end',
    async () => (await w.caret.count()) === 0 && (await w.streaming.count()) === 1,
  );
  const finalText = 'Your parcel left Shanghai yesterday; it arrives tomorrow before noon.';
  const final = botMessage(randomUUID(), finalText, {
    streamId: s1,
    content: {
      quickReplies: [
        { label: 'Thanks!', payload: 'thanks' },
        { label: 'Talk to a person', payload: 'human' },
      ],
    },
  });
  server.emit('message', final);
  server.emit('typing', { typing: false, sender: 'bot' });
  await expectWithin(
    'the final message in the bubble’s place',
    async () => (await w.streaming.count()) === 0 && (await logTexts(page))[position] === finalText,
  );
  check(
    (await logTexts(page)).length === position + 1,
    'the final message replaces the streamed bubble, it is not added',
  );
  check((await w.quick.count()) === 2, 'the final message brings its quick replies');
  await shot(page, 'final');
  ok('the final message takes the streamed bubble’s place, with its quick replies');

  server.emit('message', final);
  await sleep(200);
  check(
    (await logTexts(page)).filter((t) => t === finalText).length === 1,
    'a repeated final message is shown once',
  );
  ok('a repeated final message is shown once');

  const s2 = randomUUID();
  server.emit('typing', { typing: true, sender: 'bot' });
  server.emit('stream', frame(s2, 1, 'A refund of ¥9999 is'));
  await expectWithin('a second streamed bubble', async () => (await w.streaming.count()) === 1);
  server.emit('stream_reset', { streamId: s2 });
  await expectWithin('the withdrawn bubble goes', async () => (await w.streaming.count()) === 0);
  check(!(await logTexts(page)).some((t) => t.includes('9999')), 'nothing of a withdrawn stream stays');
  check(await w.typing.isVisible(), 'the typing dots come back after a withdrawn stream');
  server.emit('stream', frame(s2, 2, ' on its way'));
  await sleep(200);
  check((await w.streaming.count()) === 0, 'frames of a withdrawn stream are ignored');
  await shot(page, 'reset');
  ok('a withdrawn stream disappears, the dots come back, its late frames are ignored');
}

const dir = mkdtempSync(join(tmpdir(), 'kefu-widget-stream-'));
let server;
let browser;
let page;
try {
  server = await startServer(await bundle(dir));
  browser = await chromium.launch({
    executablePath:
      process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    headless: !process.env.HEADFUL,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 760 }, locale: 'en-US' });
  page.setDefaultTimeout(TIMEOUT);
  await run(page, server);
  console.log(`\n${passed} checks passed`);
} catch (err) {
  if (page) await shot(page, 'failure').catch(() => undefined);
  console.error(`✗ ${err instanceof TestFailure ? err.message : (err?.stack ?? err)}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
}
