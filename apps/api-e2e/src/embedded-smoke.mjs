#!/usr/bin/env node
// Smoke of the embedded mode, as a new user runs it: the built API with no DATABASE_URL and no
// REDIS_URL (PGlite in a fresh data dir, in-process queue). Logs in, creates an API inbox with a
// greeting and a callback URL, posts a signed message, and checks that it is stored and that the
// greeting reaches the callback, signed. With --admin-e2e it then runs the headless-Chromium admin
// test against the same server, with --widget-e2e the chat widget's test on its demo storefront, and with
// --handoff-e2e the hand-off in the agent workspace (apps/admin-e2e/src/handoff.e2e.mjs).
// Stops the server gracefully and checks it exits cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js');
const withAdmin = process.argv.includes('--admin-e2e');
const withWidget = process.argv.includes('--widget-e2e');
const withHandoff = process.argv.includes('--handoff-e2e');
const port = 3000 + Math.floor(Math.random() * 2000) + 1000;
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'kefu-smoke-'));
const ADMIN_EMAIL = 'smoke@kefu.local';
const ADMIN_PASSWORD = 'smoke-password-123';
const TEXT = `你好，请问怎么退货？ (smoke ${Date.now()})`;
let passed = 0;
let failed = 0;

const sign = (secret, ts, body) => `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : ` — ${detail}`}`);
  if (!ok) throw new Error(name);
}
async function until(probe, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// The shop's webhook receiver.
const hooks = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    hooks.push({ headers: req.headers, body });
    res.writeHead(200).end('{}');
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const callbackUrl = `http://127.0.0.1:${receiver.address().port}/hook`;

const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_EMAIL, ADMIN_PASSWORD, LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
delete env.REDIS_URL;
const server = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
server.stdout.on('data', (d) => (output += d));
server.stderr.on('data', (d) => (output += d));
const exited = new Promise((r) => server.on('exit', (code, signal) => r({ code, signal })));

try {
  const started = Date.now();
  await until(async () => (await fetch(`${base}/health`)).status === 200, 120_000, '/health');
  check(`embedded server is healthy (${((Date.now() - started) / 1000).toFixed(1)} s to start)`, true);
  check('startup banner shows the admin URL and login', /Admin:\s+http.*\/admin\//.test(output) && output.includes(ADMIN_EMAIL), output);

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  check('admin logs in', login.status === 200, `HTTP ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  check('session cookie is httpOnly', /HttpOnly/i.test(login.headers.get('set-cookie')));

  const created = await fetch(`${base}/api/v1/inboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'Smoke app', callbackUrl, greetingEnabled: true, greetingMessage: '亲，您好！欢迎光临 🙂' }),
  });
  check('admin creates an API inbox', created.status === 201, `HTTP ${created.status}`);
  const inbox = await created.json();

  // The admin's live feed: a logged-in socket hears about the message as it arrives.
  const live = [];
  const socket = io(`${base}/admin`, { transports: ['websocket'], extraHeaders: { cookie } });
  socket.on('message.created', (e) => live.push(e));
  await until(async () => socket.connected, 10_000, 'the admin socket to connect');
  const anonymous = io(`${base}/admin`, { transports: ['websocket'], reconnection: false });
  const refused = await new Promise((r) => {
    anonymous.on('unauthorized', () => r(true));
    setTimeout(() => r(false), 5000);
  });
  anonymous.close();
  check('a logged-out socket is refused', refused);

  const raw = JSON.stringify({ externalMessageId: 'smoke-1', externalUserId: 'shopper-1', text: TEXT, contact: { name: 'Smoke Shopper' } });
  const ts = String(Math.floor(Date.now() / 1000));
  const post = (body, sig = sign(inbox.secret, ts, body)) =>
    fetch(`${base}/api/v1/inboxes/${inbox.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kefu-timestamp': ts, 'x-kefu-signature': sig },
      body,
    });
  const pushed = await post(raw);
  check('signed message is accepted (202)', pushed.status === 202, `HTTP ${pushed.status}`);
  const { conversationId } = await pushed.json();
  check('a retried push is a duplicate (200)', (await post(raw)).status === 200);
  check('a wrongly signed push is refused (401)', (await post(raw, 'sha256=' + '0'.repeat(64))).status === 401);

  const messages = await until(async () => {
    const list = await (await fetch(`${base}/api/v1/conversations/${conversationId}/messages`, { headers: { cookie } })).json();
    return list.length === 3 && list.slice(1).every((m) => m.status === 'delivered') ? list : null;
  }, 30_000, 'the greeting and the answer to be delivered');
  check('message is stored once and processed', messages.filter((m) => m.direction === 'incoming').length === 1 && messages[0].status === 'processed');
  check('the language engine reading is stored', messages[0].nlu?.intent === 'return_item' && messages[0].nlu?.language === 'zh', JSON.stringify(messages[0].nlu?.intent));
  check('greeting is written by the bot', messages[1].senderType === 'bot' && messages[1].text.startsWith('亲，您好'));
  check('the dialogue engine answers and asks for the order', messages[2].senderType === 'bot' && /订单/.test(messages[2].text), messages[2].text);
  await until(async () => live.length >= 3, 10_000, 'live events');
  check('the admin socket receives the message and the greeting live', live.some((e) => e.message.text === TEXT) && live.some((e) => e.message.senderType === 'bot'));
  socket.close();
  await until(async () => hooks.length >= 2, 10_000, 'both replies at the callback URL');
  const hook = hooks.find((h) => JSON.parse(h.body).message.text.startsWith('亲，您好'));
  check('greeting and answer reach the callback URL once each', hooks.length === 2 && !!hook);
  check('callback is signed with the inbox secret', hook.headers['x-kefu-signature'] === sign(inbox.secret, hook.headers['x-kefu-timestamp'], hook.body));

  const list = await (await fetch(`${base}/api/v1/conversations`, { headers: { cookie } })).json();
  check('conversation is listed for the admin', list.items.some((c) => c.id === conversationId && c.contact.name === 'Smoke Shopper'));
  check('OpenAPI is served at /api/docs', (await fetch(`${base}/api/docs`)).status === 200);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  check('Prometheus metrics count the message', /kefu_messages_ingested_total\{channel="api",outcome="stored"\} 1/.test(metrics));
  const admin = await fetch(`${base}/admin/`);
  check('admin app is served at /admin/', admin.status === 200 && (await admin.text()).includes('<base href="/admin/"'));
  check('logged-out API call is refused (401)', (await fetch(`${base}/api/v1/conversations`)).status === 401);

  if (withAdmin) {
    const r = spawnSync(process.execPath, [join(root, 'apps', 'admin-e2e', 'src', 'admin.e2e.mjs')], {
      stdio: 'inherit',
      env: { ...process.env, BASE_URL: base, ADMIN_EMAIL, ADMIN_PASSWORD, CONVERSATION_TEXT: TEXT },
    });
    check('admin e2e in headless Chromium', r.status === 0, `exit ${r.status}`);
  }

  if (withWidget) {
    // The demo shop (products, customers) and its widget inbox are seeded in the background at the first start.
    const ready = (page) => page.includes('data-inbox=') && page.includes('Add to cart') && page.includes('C100001');
    await until(async () => ready(await (await fetch(`${base}/demo?lang=en`)).text()), 120_000, 'the demo storefront');
    const r = spawnSync(process.execPath, [join(root, 'apps', 'api-e2e', 'src', 'widget.e2e.mjs')], {
      stdio: 'inherit',
      env: { ...process.env, BASE_URL: base },
    });
    check('widget e2e in headless Chromium', r.status === 0, `exit ${r.status}`);
  }

  if (withHandoff) {
    const r = spawnSync(process.execPath, [join(root, 'apps', 'admin-e2e', 'src', 'handoff.e2e.mjs')], {
      stdio: 'inherit',
      env: { ...process.env, BASE_URL: base, ADMIN_EMAIL, ADMIN_PASSWORD },
    });
    check('hand-off e2e in headless Chromium (workspace, kill switch, rule tester, audit log)', r.status === 0, `exit ${r.status}`);
  }

  server.kill('SIGTERM');
  const { code, signal } = await Promise.race([exited, sleep(20_000).then(() => ({ code: 'timeout' }))]);
  check('server shuts down gracefully on SIGTERM', code === 0 || signal === 'SIGTERM', `code ${code} signal ${signal}`);
} catch (e) {
  if (!String(e.message).match(/^[^—]+$/) || failed === 0) console.log(`✗ ${e.message}`);
  if (failed === 0) failed++;
  console.log('--- server output ---\n' + output.slice(-4000));
} finally {
  server.kill('SIGKILL');
  receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`\nembedded smoke: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
