// Browser end-to-end test of the hand-off, against a running Kefu API that serves the built admin.
// A shopper (signed API-channel pushes, replies at a local callback) asks for a human; the agent sees the
// conversation arrive live in the Workspace with the language engine's reading, takes over and answers —
// the answer reaches the shop's callback; the bot stays silent while the agent owns it and answers again
// after the hand-back; the kill switch, switched on in the admin, shows its banner and stops the bot's
// replies; the rule tester explains a legal threat; the audit log lists the takeover and the kill switch.
//
//   BASE_URL=http://127.0.0.1:3000 ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD=... node apps/admin-e2e/src/handoff.e2e.mjs
//
// Optional: CHROMIUM_PATH (default /usr/bin/chromium when present), HEADFUL=1, E2E_TIMEOUT_MS.
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const SCREENSHOT = resolve('test-results/handoff-e2e.png');
const FAILURE_SCREENSHOT = resolve('test-results/handoff-e2e-failure.png');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
const RUN = randomUUID().slice(0, 8);

class TestFailure extends Error {}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let passed = 0;
function ok(name) {
  passed++;
  console.log(`✓ ${name}`);
}
function env(name) {
  const value = process.env[name];
  if (!value) throw new TestFailure(`environment variable ${name} is not set`);
  return value;
}
async function until(probe, what, ms = TIMEOUT) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new TestFailure(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** The shop's callback receiver: every reply Kefu delivers for the API inbox. */
async function callbackReceiver() {
  const received = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        received.push(JSON.parse(body));
      } catch {
        /* not JSON: ignore */
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { received, url: `http://127.0.0.1:${server.address().port}/kefu`, close: () => server.close() };
}

async function run(page, { baseUrl, email, password }) {
  const admin = `${baseUrl.replace(/\/+$/, '')}/admin`;
  const hooks = await callbackReceiver();
  try {
    // Sign in.
    await page.goto(`${admin}/login`, { waitUntil: 'domcontentloaded' });
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/admin\/conversations(\?|$)/, { timeout: TIMEOUT });
    ok(`signed in as ${email}`);

    const api = async (method, path, body) => {
      const r = await page.request.fetch(`${baseUrl}${path}`, { method, data: body, headers: body ? { 'content-type': 'application/json' } : {} });
      if (r.status() >= 400) throw new TestFailure(`${method} ${path} answered ${r.status()}: ${await r.text()}`);
      return r.status() === 204 ? null : r.json();
    };
    const inbox = await api('POST', '/api/v1/inboxes', { name: `Hand-off e2e ${RUN}`, channel: 'api', callbackUrl: hooks.url, greetingEnabled: false });
    let n = 0;
    const say = async (user, text, name) => {
      const raw = JSON.stringify({ externalMessageId: `${RUN}-${++n}`, externalUserId: `${RUN}-${user}`, text, contact: { name } });
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = `sha256=${createHmac('sha256', inbox.secret).update(`${ts}.${raw}`).digest('hex')}`;
      const r = await fetch(`${baseUrl}/api/v1/inboxes/${inbox.id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kefu-timestamp': ts, 'x-kefu-signature': sig },
        body: raw,
      });
      if (r.status !== 202) throw new TestFailure(`the shopper's message was refused: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const repliesTo = (conversationId, senderType) =>
      hooks.received.filter((h) => h.conversation?.id === conversationId && h.message?.senderType === senderType);

    // 1. The agent opens the workspace and goes online; the shopper asks for a human.
    await page.goto(`${admin}/workspace`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('availability-online').click();
    const shopper = `Hand-off Shopper ${RUN}`;
    const first = await say('a', '转人工', shopper);
    const item = page.locator('kefu-queue-item').filter({ hasText: shopper });
    await item.first().waitFor({ timeout: TIMEOUT });
    ok('the handed-off conversation appears in the workspace queue without a reload');
    await until(async () => repliesTo(first.conversationId, 'bot').length >= 1, 'the hand-off message to the shopper');
    const handoffMessage = repliesTo(first.conversationId, 'bot')[0].message.text;
    if (!/人工|客服/.test(handoffMessage)) throw new TestFailure(`the shopper was told: ${handoffMessage}`);
    ok(`the shopper is told a human is coming: “${handoffMessage}”`);

    // 2. The agent opens it: the language engine's reading is shown; takes over and answers.
    await item.first().click();
    await page.getByTestId('nlu-intent').filter({ hasText: 'contact_human_agent' }).first().waitFor();
    ok("the shopper's message shows the language engine's reading (contact_human_agent)");
    await page.getByTestId('takeover').click();
    await until(async () => (await page.getByTestId('takeover').isDisabled()) || null, 'the takeover to go through');
    const answer = `您好,我是客服小王,马上帮您处理 (${RUN})`;
    await page.getByTestId('composer').fill(answer);
    await page.getByTestId('send').click();
    await until(async () => repliesTo(first.conversationId, 'agent').some((h) => h.message.text === answer), "the agent's answer at the shop's callback");
    ok("the agent's answer reaches the shopper's channel");

    // 3. While the agent owns it, the bot stays silent; the message shows live.
    const botBefore = repliesTo(first.conversationId, 'bot').length;
    await say('a', '我的订单到哪了 KF100123', shopper);
    await page.getByTestId('timeline').getByText('KF100123').first().waitFor();
    await sleep(2500);
    if (repliesTo(first.conversationId, 'bot').length !== botBefore) throw new TestFailure('the bot answered while the agent owned the conversation');
    ok('the bot sends nothing while a human owns the conversation; the agent sees the message live');

    // 4. Hand back: the bot answers again.
    await page.getByTestId('handback').click();
    await page.locator('mat-dialog-actions button').last().click();
    await until(async () => (await api('GET', `/api/v1/conversations/${first.conversationId}`)).status === 'bot', 'the hand-back');
    await say('a', '你好,请问有什么优惠活动吗', shopper);
    await until(async () => repliesTo(first.conversationId, 'bot').length > botBefore, 'the bot to answer after the hand-back');
    ok('after the hand-back the bot answers again');

    // 5. The kill switch: on in the admin, banner everywhere, the bot stops answering.
    await page.goto(`${admin}/kill-switch`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('kill-switch-global').click();
    await page.locator('mat-dialog-actions button').last().click();
    await page.getByTestId('kill-switch-banner').waitFor();
    ok('switching the bot off shows the banner');
    const paused = await say('b', '你好,请问有什么优惠活动吗', `Paused Shopper ${RUN}`);
    await until(async () => (await api('GET', `/api/v1/conversations/${paused.conversationId}`)).status === 'pending_human', 'the paused conversation to go to humans');
    await sleep(1500);
    if (repliesTo(paused.conversationId, 'bot').length) throw new TestFailure('the bot answered while it was switched off');
    ok('while the kill switch is on, a new message gets no bot reply and goes to humans');
    await page.getByTestId('kill-switch-resume').first().click();
    await page.getByTestId('kill-switch-banner').waitFor({ state: 'detached' });
    ok('resuming the bot removes the banner');

    // 6. The rule tester explains a legal threat.
    await page.goto(`${admin}/rules/tester`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('rule-test-text').fill('再不处理我就找律师起诉你们');
    await page.getByTestId('rule-test-run').click();
    await page.getByTestId('rule-test-decision').waitFor();
    const decision = await page.getByTestId('rule-test-decision').innerText();
    if (!/Senior|General|VIP|Returns/.test(decision)) throw new TestFailure(`the tester's decision reads: ${decision}`);
    ok('the rule tester shows the legal threat leading to a hand-off');

    // 7. The audit log lists who took over and who switched the bot off and on.
    await page.goto(`${admin}/audit`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('audit-entry').first().waitFor();
    const audit = await api('GET', '/api/v1/audit?limit=50');
    const actions = audit.items.map((e) => e.action);
    for (const a of ['conversation.takeover', 'kill_switch.on', 'kill_switch.off', 'conversation.handback']) {
      if (!actions.includes(a)) throw new TestFailure(`the audit log lacks ${a} (has ${actions.join(', ')})`);
    }
    ok('the audit log lists the takeover, the hand-back and the kill switch on and off');
  } finally {
    hooks.close();
  }
}

async function main() {
  const config = { baseUrl: env('BASE_URL'), email: env('ADMIN_EMAIL'), password: env('ADMIN_PASSWORD') };
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    headless: process.env.HEADFUL !== '1',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('kefu.lang', 'zh-CN'));
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  try {
    await run(page, config);
    if (pageErrors.length) throw new TestFailure(`the page threw: ${pageErrors.join(' | ')}`);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  } catch (err) {
    mkdirSync(dirname(FAILURE_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: FAILURE_SCREENSHOT }).catch(() => undefined);
    console.error(`  screenshot of the failure: ${FAILURE_SCREENSHOT}`);
    throw err;
  } finally {
    await browser.close();
  }
}

try {
  await main();
  console.log(`\nhand-off e2e: ${passed} passed, 0 failed`);
} catch (err) {
  const reason = err instanceof TestFailure ? err.message : (err?.stack ?? String(err));
  console.error(`\n✗ hand-off e2e failed: ${reason}\n${passed} passed, 1 failed`);
  process.exitCode = 1;
}
