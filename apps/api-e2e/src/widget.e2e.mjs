// Browser end-to-end test of the web chat widget on the demo storefront (/demo), against a running
// Kefu in demo mode (embedded `npm start`, or SEED_DEMO=true). In headless Chromium:
//   1. an anonymous shopper (English browser) opens the chat with the keyboard, asks a question, gets
//      the bot's answer with quick replies, taps one, reloads the page: the conversation is still there;
//      text with markup in it is shown as text; Esc closes and gives the focus back to the launcher;
//   2. a logged-in demo customer (Chinese browser, `/demo?as=C100001`: the page is signed by the
//      server) asks "你好,我的订单到哪了" and sees their orders; the history follows them after a reload;
//   3. on a phone-sized screen the chat fills the screen.
// Screenshots go to test-results/widget-*.png.
//
//   BASE_URL=http://127.0.0.1:3000 node apps/api-e2e/src/widget.e2e.mjs
//
// Optional: WIDGET_E2E_CUSTOMER (default C100001), CHROMIUM_PATH (default /usr/bin/chromium), HEADFUL=1,
// E2E_TIMEOUT_MS (default 30000).
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const OUT = resolve('test-results');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
const CUSTOMER = process.env.WIDGET_E2E_CUSTOMER ?? 'C100001';
const EN_QUESTION = 'Hi there, I need some help';
const ZH_QUESTION = '你好,我的订单到哪了';
const MARKUP = '<img src=x onerror="window.__kefuXss=1"> is this shown as text?';
const OFFLINE_TEXT = 'Written while offline: do you ship to Japan?';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

class TestFailure extends Error {}
let passed = 0;
const ok = (what) => {
  passed++;
  console.log(`✓ ${what}`);
};
const shot = async (page, name) => {
  mkdirSync(OUT, { recursive: true });
  const path = resolve(OUT, `widget-${name}.png`);
  await page.screenshot({ path });
  console.log(`  screenshot: ${path}`);
};

/** The widget's parts (Playwright's CSS locators pierce its open shadow root). */
const w = (page) => ({
  launcher: page.locator('#kefu-widget .launcher'),
  panel: page.locator('#kefu-widget [role="dialog"]'),
  log: page.locator('#kefu-widget [role="log"]'),
  textarea: page.locator('#kefu-widget textarea'),
  mine: page.locator('#kefu-widget .msg[data-sender="contact"]'),
  replies: page.locator('#kefu-widget .msg[data-sender="bot"], #kefu-widget .msg[data-sender="agent"]'),
  quick: page.locator('#kefu-widget .quick button'),
  cards: page.locator('#kefu-widget .card'),
});

/** Which element of the widget has the focus (through the shadow root). */
const focused = (page) =>
  page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return host?.id === 'kefu-widget' && inner ? inner.className || inner.tagName.toLowerCase() : null;
  });

async function expectWithin(what, probe) {
  const end = Date.now() + TIMEOUT;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new TestFailure(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Opens the chat the way a keyboard user does: Shift+Tab from the top of the page reaches the launcher (the page's last control). */
async function openByKeyboard(page) {
  const { launcher, panel } = w(page);
  await launcher.waitFor({ timeout: TIMEOUT });
  await page.locator('body').focus();
  await page.keyboard.press('Shift+Tab');
  if ((await focused(page)) !== 'launcher')
    throw new TestFailure(`Shift+Tab did not reach the launcher (focus: ${await focused(page)})`);
  if ((await launcher.getAttribute('aria-expanded')) !== 'false')
    throw new TestFailure('the closed launcher is not aria-expanded=false');
  await page.keyboard.press('Enter');
  await panel.waitFor({ state: 'visible', timeout: TIMEOUT });
  if ((await launcher.getAttribute('aria-expanded')) !== 'true')
    throw new TestFailure('the open launcher is not aria-expanded=true');
  await expectWithin('the focus to move to the composer', async () => (await focused(page)) === 'textarea');
}

/** Sends with Enter and waits for the shopper's message and a new reply. */
async function ask(page, text) {
  const { textarea, mine, replies } = w(page);
  const before = await replies.count();
  await textarea.fill(text);
  await page.keyboard.press('Enter');
  await expectWithin(
    `"${text}" to be shown as sent`,
    async () => (await mine.filter({ hasText: text }).count()) > 0,
  );
  await expectWithin(`a reply to "${text}"`, async () => (await replies.count()) > before);
  if ((await textarea.inputValue()) !== '')
    throw new TestFailure('the composer was not cleared after sending');
}

async function anonymousShopper(browser, base) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}/demo?lang=en`, { waitUntil: 'domcontentloaded' });
    const { launcher, panel, log, textarea, mine, replies, quick } = w(page);
    await launcher.waitFor({ timeout: TIMEOUT });
    if ((await launcher.getAttribute('aria-label')) !== 'Open chat')
      throw new TestFailure(`launcher label is ${await launcher.getAttribute('aria-label')}`);
    await openByKeyboard(page);
    if (
      (await panel.getAttribute('aria-labelledby')) === null ||
      (await log.getAttribute('aria-live')) !== 'polite'
    )
      throw new TestFailure('the dialog is not labelled or the message log is not a polite live region');
    ok('an English shopper opens the chat with the keyboard; the focus moves to the composer');

    await ask(page, EN_QUESTION);
    await quick.first().waitFor({ timeout: TIMEOUT });
    const labels = await quick.allInnerTexts();
    ok(`the bot answers in the widget and offers quick replies (${labels.join(' | ')})`);
    await shot(page, 'chat');

    const label = labels[0].trim();
    const repliesBefore = await replies.count();
    await quick.first().click();
    await expectWithin(
      'the tapped quick reply to be sent as the shopper’s message',
      async () => (await mine.filter({ hasText: label }).count()) > 0,
    );
    await expectWithin('the answer to the quick reply', async () => (await replies.count()) > repliesBefore);
    ok(`tapping "${label}" sends it and the bot answers`);

    await ask(page, MARKUP);
    const shown = await mine.filter({ hasText: 'is this shown as text?' }).first().innerText();
    const injected = await page.evaluate(() => window.__kefuXss ?? null);
    if (!shown.includes('<img src=x') || injected !== null)
      throw new TestFailure('markup typed by the shopper was not shown as plain text');
    ok('markup in a message is shown as text, never run');

    const file = page.locator('#kefu-widget input[type=file]');
    await file.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    const image = page.locator('#kefu-widget .msg.mine:not(.pending) .atts img');
    await expectWithin('the image to be uploaded and sent', async () => (await image.count()) > 0);
    const served = await fetch(await image.last().getAttribute('src'));
    if (served.status !== 200 || served.headers.get('content-type') !== 'image/png')
      throw new TestFailure(
        `the sent image is served as ${served.status} ${served.headers.get('content-type')}`,
      );
    await file.setInputFiles({
      name: 'drawing.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    const status = page.locator('#kefu-widget .status-line');
    await expectWithin('the SVG to be refused', async () =>
      /PNG, JPEG, GIF or WebP/.test(await status.innerText()),
    );
    ok('an attached PNG is uploaded, sent and shown; an SVG is refused before any upload');

    const handshakes = [];
    page.on('websocket', (ws) =>
      ws.on(
        'framesent',
        (f) => String(f.payload).startsWith('40/widget,') && handshakes.push(String(f.payload)),
      ),
    );
    const notice = page.locator('#kefu-widget .notice');
    await context.setOffline(true);
    await expectWithin(
      'the offline notice',
      async () => (await notice.isVisible()) && /offline|Reconnecting/i.test(await notice.innerText()),
    );
    await textarea.fill(OFFLINE_TEXT);
    await page.keyboard.press('Enter');
    await expectWithin('the message to wait as "Sending…"', async () =>
      /Sending/.test(await page.locator('#kefu-widget .msg.pending').innerText()),
    );
    const queued = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.endsWith(':outbox'))
        .map((k) => localStorage.getItem(k))
        .join(''),
    );
    if (!queued.includes(OFFLINE_TEXT))
      throw new TestFailure('the unsent message is not kept in localStorage');
    const answered = await replies.count();
    await context.setOffline(false);
    await expectWithin(
      'the queued message to be sent and answered after reconnecting',
      async () =>
        (await page.locator('#kefu-widget .msg.pending').count()) === 0 &&
        (await replies.count()) > answered &&
        !(await notice.isVisible()),
    );
    if ((await mine.filter({ hasText: OFFLINE_TEXT }).count()) !== 1)
      throw new TestFailure('the message written offline shows other than once');
    if (!handshakes.some((h) => h.includes('"lastSeenAt"') && h.includes('"visitorToken"')))
      throw new TestFailure(
        `the reconnect did not pass lastSeenAt and the visitor token: ${handshakes.join(' | ')}`,
      );
    ok(
      'offline: a notice shows, a message waits as "Sending…" (kept in localStorage), is sent once when back, and the reconnect asks for a replay after lastSeenAt',
    );
    const count = await mine.count();

    await page.reload({ waitUntil: 'domcontentloaded' });
    await launcher.click();
    await panel.waitFor({ state: 'visible' });
    await expectWithin(
      'the history after a reload',
      async () => (await mine.count()) >= count && (await log.innerText()).includes(EN_QUESTION),
    );
    if ((await log.innerText()).match(new RegExp(EN_QUESTION.replace(/[?!.]/g, '\\$&'), 'g')).length !== 1)
      throw new TestFailure('a message shows twice after the reload');
    ok(`after a reload the conversation is still there (${count} shopper messages, each once)`);

    await textarea.focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    if ((await focused(page)) !== 'launcher')
      throw new TestFailure('Esc did not give the focus back to the launcher');
    ok('Esc closes the chat and the focus returns to the launcher');
    if (errors.length) throw new TestFailure(`the page threw: ${errors.join(' | ')}`);
  } catch (err) {
    await shot(page, 'failure-anonymous').catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

async function loggedInCustomer(browser, base) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}/demo?as=${encodeURIComponent(CUSTOMER)}`, { waitUntil: 'domcontentloaded' });
    const signed = await page.evaluate(() => window.KefuWidget?.identity ?? null);
    if (!signed?.hash)
      throw new TestFailure(`the demo page did not sign ${CUSTOMER}: is the demo shop seeded?`);
    const { launcher, log, mine, replies, cards, quick } = w(page);
    await launcher.waitFor();
    if ((await launcher.getAttribute('aria-label')) !== '打开在线客服')
      throw new TestFailure('the launcher is not in Chinese for a Chinese browser');
    await openByKeyboard(page);
    await ask(page, ZH_QUESTION);
    await expectWithin(
      'the orders of the logged-in customer',
      // The newest answer carries order cards: the list to choose from, or the one order it is about.
      async () => (await replies.last().locator('.card-order').count()) > 0,
    );
    const answer = (await replies.last().innerText()).trim();
    ok(
      `the logged-in customer ${CUSTOMER} asks "${ZH_QUESTION}" and the answer shows their orders (${await replies.last().locator('.card-order').count()} order cards, ${await quick.count()} quick replies)`,
    );
    await shot(page, 'orders');
    if (await quick.count()) {
      const order = (await quick.first().innerText()).trim();
      const before = await replies.count();
      await quick.first().click();
      await expectWithin(`the answer about ${order}`, async () => (await replies.count()) > before);
      const said = (await replies.last().locator('.bubble').first().innerText()).replace(/^[^:]*:\s*/, '');
      ok(`tapping ${order} answers about that order: ${JSON.stringify(said.slice(0, 60))}`);
      await shot(page, 'tracking');
    }

    await page.reload({ waitUntil: 'domcontentloaded' });
    await launcher.click();
    await expectWithin('the history after a reload', async () =>
      (await log.innerText()).includes(ZH_QUESTION),
    );
    if (
      (await mine.filter({ hasText: ZH_QUESTION }).count()) < 1 ||
      !(await log.innerText()).includes(answer.split('\n')[0])
    )
      throw new TestFailure('the logged-in history misses the question or the answer after a reload');
    ok('after a reload the logged-in history is still there');
    if (errors.length) throw new TestFailure(`the page threw: ${errors.join(' | ')}`);
  } catch (err) {
    await shot(page, 'failure-customer').catch(() => undefined);
    throw err;
  } finally {
    await context.close();
  }
}

async function phone(browser, base) {
  const context = await browser.newContext({
    locale: 'ja-JP',
    viewport: { width: 390, height: 780 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/demo?lang=ja`, { waitUntil: 'domcontentloaded' });
    const { launcher, panel } = w(page);
    await launcher.click();
    await panel.waitFor({ state: 'visible' });
    const box = await panel.boundingBox();
    if (!box || box.width < 380 || box.height < 700)
      throw new TestFailure(`on a phone the chat is ${box?.width}×${box?.height}, not full screen`);
    if ((await page.locator('#kefu-widget textarea').getAttribute('placeholder')) !== 'メッセージを入力…')
      throw new TestFailure('the composer is not in Japanese');
    ok('on a phone-sized screen the chat fills the screen, in Japanese for a Japanese browser');
    await shot(page, 'phone');
  } finally {
    await context.close();
  }
}

async function main() {
  const base = (process.env.BASE_URL ?? '').replace(/\/+$/, '');
  if (!base) throw new TestFailure('environment variable BASE_URL is not set');
  const page = await fetch(`${base}/demo`).catch(() => null);
  if (!page || page.status !== 200)
    throw new TestFailure(
      `${base}/demo answered ${page?.status ?? 'nothing'}: is Kefu running in demo mode?`,
    );
  const script = await fetch(`${base}/widget.js`);
  if (script.status !== 200 || !/javascript/.test(script.headers.get('content-type') ?? ''))
    throw new TestFailure(`${base}/widget.js answered ${script.status}: build it with npm run build:widget`);
  const browser = await chromium.launch({
    executablePath:
      process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    headless: !process.env.HEADFUL,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'].filter(
      (a) => !process.env.HEADFUL || a !== '--headless',
    ),
  });
  try {
    await anonymousShopper(browser, base);
    await loggedInCustomer(browser, base);
    await phone(browser, base);
  } finally {
    await browser.close();
  }
}

try {
  await main();
  console.log(`\nwidget e2e: ${passed} passed, 0 failed`);
} catch (err) {
  const reason = err instanceof TestFailure ? err.message : (err?.stack ?? String(err));
  console.error(`\n✗ widget e2e failed: ${reason}\nwidget e2e: ${passed} passed, 1 failed`);
  process.exitCode = 1;
}
