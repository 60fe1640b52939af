// The admin's webhook pages, run by admin.e2e.mjs: create a webhook in the dialog (its signing secret is
// shown once, then only its last characters), send a test event to a local receiver and see the answer,
// check the receiver got it signed with that secret, delete the webhook, and open the delivery failures.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

/** A receiver on 127.0.0.1 that records what it gets and answers 200. */
async function startReceiver() {
  const received = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/kefu-events`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

function signedWith(secret, { headers, body }) {
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${headers['x-kefu-timestamp']}.${body}`).digest('hex')}`,
  );
  const given = Buffer.from(String(headers['x-kefu-signature'] ?? ''));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function checkWebhookPages(page, admin, { timeout, fail }) {
  // The receiver is only reachable when Kefu runs on this machine.
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(admin).hostname);
  const receiver = await startReceiver();
  const name = `E2E webhook ${Date.now()}`;
  try {
    await page.goto(`${admin}/webhooks`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('wh-new').first().click();
    await page.getByTestId('wh-form-name').fill(name);
    await page.getByTestId('wh-form-url').fill(local ? receiver.url : 'https://example.com/kefu-events');
    await page.getByTestId('wh-form-submit').click();
    const once = page.getByTestId('wh-secret');
    try {
      await once.waitFor({ timeout });
    } catch {
      throw fail('creating a webhook showed no signing secret');
    }
    const secret = (await once.innerText()).trim();
    if (!/^whsec_[A-Za-z0-9_-]{40,}$/.test(secret))
      throw fail(`the webhook secret looks wrong: ${JSON.stringify(secret)}`);
    await page.getByTestId('wh-secret-done').click();
    const card = page.getByTestId('wh-card').filter({ hasText: name });
    await card.waitFor({ timeout });
    const cardText = await card.innerText();
    if (cardText.includes(secret) || !cardText.includes(secret.slice(-4))) {
      throw fail('after the dialog the webhook card should show only the last characters of the secret');
    }
    console.log('✓ a new webhook shows its signing secret once, then only its last characters');

    await card.getByTestId('wh-test').click();
    const result = card.getByTestId('wh-test-result').filter({ hasText: local ? /200/ : /\S/ });
    try {
      await result.waitFor({ timeout });
    } catch {
      throw fail(`the test event showed no answer: ${JSON.stringify(await card.innerText())}`);
    }
    if (local) {
      const got = receiver.received.find((r) => JSON.parse(r.body).event === 'webhook.test');
      if (!got || !signedWith(secret, got))
        throw fail('the receiver did not get a webhook.test event signed with the new secret');
      if (got.headers['x-kefu-delivery'] !== JSON.parse(got.body).id)
        throw fail('X-Kefu-Delivery is not the event id');
      console.log('✓ the test event reached the receiver, signed, and the page shows its answer');
    } else {
      console.log('✓ the test event shows an answer');
    }

    await card.getByTestId('wh-menu').click();
    await page.getByTestId('wh-delete').click();
    await page.locator('mat-dialog-actions button').last().click();
    await card.waitFor({ state: 'detached', timeout });
    console.log('✓ the webhook is deleted after confirming');

    await page.goto(`${admin}/delivery-failures`, { waitUntil: 'domcontentloaded' });
    try {
      await page.locator('[data-testid="df-row"], [data-testid="df-empty"]').first().waitFor({ timeout });
    } catch {
      throw fail('the delivery failures page showed neither failures nor its empty state');
    }
    console.log(`✓ the delivery failures page lists ${await page.getByTestId('df-row').count()} failures`);
  } finally {
    await receiver.close();
  }
}
