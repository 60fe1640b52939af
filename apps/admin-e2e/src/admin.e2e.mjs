// Browser end-to-end test of the admin console against a running Kefu API (which serves the built
// admin at /admin). Signs in, finds the conversation that holds CONVERSATION_TEXT and checks that
// its transcript shows that text, then analyses a text on the language engine page and sees its intent,
// finds a reply template and opens it in the editor with its preview, and creates a web chat inbox
// through the dialog: its secret is shown once, the embed snippet names the inbox, and after a reload
// only the secret's last characters are left; then creates a webhook (secret shown once, a signed test event
// answered), deletes it, and opens the delivery-failures page (webhooks.e2e.mjs).
//
//   BASE_URL=http://127.0.0.1:3000 ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD=... \
//   CONVERSATION_TEXT='Where is my order?' node apps/admin-e2e/src/admin.e2e.mjs
//
// Optional: CHROMIUM_PATH (default /usr/bin/chromium when present), HEADFUL=1, E2E_TIMEOUT_MS.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { checkWebhookPages } from './webhooks.e2e.mjs';

const SCREENSHOT = resolve('test-results/admin-e2e.png');
const FAILURE_SCREENSHOT = resolve('test-results/admin-e2e-failure.png');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
/** How many transcripts to open when no list preview shows the text (the preview is the latest message). */
const MAX_TRANSCRIPTS_TO_SCAN = 10;
/** Analysed on the language engine page (/nlu/try). */
const NLU_TEXT = 'Where is my order 8812345678? It has been a week.';
/** Looked up on the reply templates page (/templates); one of the shipped default templates. */
const TEMPLATE_KEY = 'track_order.shipped';

class TestFailure extends Error {}

function env(name) {
  const value = process.env[name];
  if (!value) throw new TestFailure(`environment variable ${name} is not set`);
  return value;
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

async function run(page, { baseUrl, email, password, text }) {
  const admin = `${baseUrl.replace(/\/+$/, '')}/admin`;

  // 1. Sign in.
  await page.goto(`${admin}/login`, { waitUntil: 'domcontentloaded' });
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  const outcome = await Promise.race([
    page.waitForURL(/\/admin\/conversations(\?|$)/, { timeout: TIMEOUT }).then(() => 'ok'),
    page
      .getByTestId('login-error')
      .waitFor({ timeout: TIMEOUT })
      .then(() => 'error'),
  ]);
  if (outcome === 'error') {
    throw new TestFailure(`sign-in refused: ${(await page.getByTestId('login-error').innerText()).trim()}`);
  }
  console.log(`✓ signed in as ${email}`);

  // 2. The conversation list shows the conversation; its preview holds the text.
  const rows = page.getByTestId('conversation-row');
  try {
    await rows.first().waitFor({ timeout: TIMEOUT });
  } catch {
    throw new TestFailure('the conversation list stayed empty');
  }
  let match = rows.filter({ has: page.getByTestId('conversation-preview').filter({ hasText: text }) });
  const deadline = Date.now() + TIMEOUT;
  // The list is live; also page through "load more" until the text shows up.
  while ((await match.count()) === 0 && Date.now() < deadline) {
    const more = page.getByTestId('load-more');
    if (await more.isVisible()) await more.click();
    await page.waitForTimeout(500);
  }

  if ((await match.count()) > 0) {
    console.log('✓ found the conversation by its preview');
    await match.first().click();
  } else {
    // The preview is the latest message, which may be the bot's reply: open the newest transcripts.
    const previews = (await page.getByTestId('conversation-preview').allInnerTexts()).slice(0, 5);
    console.log(
      `  no preview contains the text (first previews: ${JSON.stringify(previews)}); opening transcripts`,
    );
    const hrefs = (await rows.evaluateAll((els) => els.map((a) => a.getAttribute('href')))).slice(
      0,
      MAX_TRANSCRIPTS_TO_SCAN,
    );
    let found = false;
    for (const href of hrefs) {
      await page.goto(new URL(href, `${admin}/`).toString());
      await page
        .getByTestId('message')
        .first()
        .waitFor({ timeout: TIMEOUT })
        .catch(() => undefined);
      if ((await page.getByTestId('message-text').filter({ hasText: text }).count()) > 0) {
        found = true;
        break;
      }
    }
    if (!found) {
      throw new TestFailure(
        `no conversation among the newest ${hrefs.length} contains ${JSON.stringify(text)}`,
      );
    }
  }

  // 3. The transcript shows the text.
  await page.waitForURL(/\/admin\/conversations\/[^/?]+/, { timeout: TIMEOUT });
  try {
    await page.getByTestId('message-text').filter({ hasText: text }).first().waitFor({ timeout: TIMEOUT });
  } catch {
    const shown = await page.getByTestId('message-text').allInnerTexts();
    throw new TestFailure(
      `the transcript does not show ${JSON.stringify(text)}; it shows ${JSON.stringify(shown)}`,
    );
  }
  console.log('✓ the transcript shows the message');

  // 4. The language engine page analyses a text and names its intent.
  await page.goto(`${admin}/nlu/try`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('nlu-try-text').fill(NLU_TEXT);
  await page.getByTestId('nlu-try-submit').click();
  const intent = page.getByTestId('nlu-result-intent');
  try {
    await intent.waitFor({ timeout: TIMEOUT });
  } catch {
    throw new TestFailure(`the language engine page showed no intent for ${JSON.stringify(NLU_TEXT)}`);
  }
  const name = (await intent.innerText()).trim();
  if (!name) throw new TestFailure('the language engine page showed an empty intent');
  console.log(`✓ the language engine reads ${JSON.stringify(NLU_TEXT)} as ${name}`);

  // 5. The reply templates page lists the key; its English text opens in the editor with a preview.
  await page.goto(`${admin}/templates?q=${encodeURIComponent(TEMPLATE_KEY)}`, {
    waitUntil: 'domcontentloaded',
  });
  const row = page.locator(`[data-testid="dlg-template-row"][data-key="${TEMPLATE_KEY}"]:not([data-region])`);
  try {
    await row.waitFor({ timeout: TIMEOUT });
  } catch {
    const keys = await page.getByTestId('dlg-key').allInnerTexts();
    throw new TestFailure(
      `the reply templates page does not list ${TEMPLATE_KEY}; it lists ${JSON.stringify(keys.slice(0, 10))}`,
    );
  }
  console.log(`✓ the reply templates page lists ${TEMPLATE_KEY}`);
  await row.getByTestId('dlg-cell-en').click();
  const editorKey = page.getByTestId('dlg-editor-key');
  try {
    await editorKey.waitFor({ timeout: TIMEOUT });
    await page.getByTestId('dlg-preview').waitFor({ timeout: TIMEOUT });
  } catch {
    throw new TestFailure(`the template editor did not open on ${TEMPLATE_KEY} with a preview`);
  }
  const opened = (await editorKey.innerText()).trim();
  if (opened !== TEMPLATE_KEY)
    throw new TestFailure(`the editor opened ${JSON.stringify(opened)}, not ${TEMPLATE_KEY}`);
  const preview = (await page.getByTestId('dlg-preview').innerText()).trim();
  if (!preview || preview.includes('{order_number}')) {
    throw new TestFailure(`the editor's preview did not fill in the variables: ${JSON.stringify(preview)}`);
  }
  console.log('✓ the template editor opens with a preview');
  await page.getByTestId('dlg-editor-close').click();

  await createWidgetInbox(page, admin);
  await checkWebhookPages(page, admin, { timeout: TIMEOUT, fail: (m) => new TestFailure(m) });
}

/** 6. Creates a web chat inbox in the dialog; the secret is shown once, then only its hint. */
async function createWidgetInbox(page, admin) {
  const name = `E2E widget ${Date.now()}`;
  await page.goto(`${admin}/inboxes`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('new-inbox').first().click();
  await page.getByTestId('channel-type-widget').click();
  await page.getByTestId('new-inbox-name').fill(name);
  await page.getByTestId('widget-origin-input').fill('shop.example.com');
  await page.getByTestId('widget-origin-input').press('Enter');
  await page.getByTestId('create-inbox-submit').click();
  const once = page.locator('mat-dialog-container').getByTestId('inbox-secret-once');
  try {
    await once.waitFor({ timeout: TIMEOUT });
  } catch {
    const errors = await page.getByTestId('create-inbox-error').allInnerTexts();
    throw new TestFailure(`creating a web chat inbox showed no secret; errors: ${JSON.stringify(errors)}`);
  }
  const secret = (await once.innerText()).trim();
  if (!/^[A-Za-z0-9_-]{40,}$/.test(secret))
    throw new TestFailure(`the new inbox's secret looks wrong: ${JSON.stringify(secret)}`);
  console.log('✓ the new web chat inbox shows its secret once');

  await page.getByTestId('create-inbox-continue').click();
  await page.waitForURL(/\/admin\/inboxes\/[0-9a-f-]{36}/, { timeout: TIMEOUT });
  const inboxId = page.url().split('/').pop().split('?')[0];
  const snippet = (await page.getByTestId('widget-snippet').innerText()).trim();
  const origin = new URL(admin).origin;
  const expected = `<script src="${origin}/widget.js" data-inbox="${inboxId}" async></script>`;
  if (snippet !== expected)
    throw new TestFailure(`the embed snippet is ${JSON.stringify(snippet)}, not ${JSON.stringify(expected)}`);
  console.log('✓ the settings page shows the embed snippet for the inbox');

  await page.reload({ waitUntil: 'domcontentloaded' });
  const hint = page.getByTestId('inbox-secret-hint');
  await hint.waitFor({ timeout: TIMEOUT });
  const shown = (await hint.innerText()).trim();
  if (!shown.endsWith(secret.slice(-4)) || shown.includes(secret.slice(0, 8)))
    throw new TestFailure(
      `after a reload the secret should be masked to its last characters; it shows ${JSON.stringify(shown)}`,
    );
  if ((await page.getByTestId('secret-once').count()) > 0 || (await page.content()).includes(secret))
    throw new TestFailure('after a reload the page still shows the secret in full');
  console.log('✓ after a reload only the last characters of the secret are shown');
}

async function main() {
  const config = {
    baseUrl: env('BASE_URL'),
    email: env('ADMIN_EMAIL'),
    password: env('ADMIN_PASSWORD'),
    text: env('CONVERSATION_TEXT'),
  };
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: !process.env.HEADFUL,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const pageErrors = [];
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  try {
    await run(page, config);
    if (pageErrors.length) throw new TestFailure(`the page threw: ${pageErrors.join(' | ')}`);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    console.log(`  screenshot: ${SCREENSHOT}`);
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
  console.log(
    '\nadmin e2e: signs in, shows the transcript of the conversation, analyses a text, opens a reply template and creates a web chat inbox\n1 passed, 0 failed',
  );
} catch (err) {
  const reason = err instanceof TestFailure ? err.message : (err?.stack ?? String(err));
  console.error(`\n✗ admin e2e failed: ${reason}\n0 passed, 1 failed`);
  process.exitCode = 1;
}
