import { DeliveryFailurePageDto, InboxDto, WebhookDto } from '@kefu/shared/contracts';
import { WebhookDispatcher } from '@kefu/api/channels';
import { RecordedRequest, TestApp, waitFor } from '@kefu/api/platform/testing';
import { count, createInbox, postSigned } from './test-helpers';
import { WebhookKit } from './webhooks.test-kit';

/** Events reach the webhooks signed, retried, dead-lettered, replayed; nothing twice, nothing lost. */
describe('outbound webhooks: delivery (PostgreSQL + Redis)', () => {
  const k = new WebhookKit();
  let t: TestApp;
  let cookie: string;
  let inbox: InboxDto;
  let base: string;
  const at = (path: string) => k.at(path);
  const call = <T = unknown>(method: string, path: string, body?: unknown, as?: string) =>
    k.call<T>(method, path, body, as);
  const createWebhook = (path: string, events?: string[]) => k.createWebhook(path, events);
  const verified = (r: RecordedRequest, secret: string) => k.verified(r, secret);
  const say = (user: string, id: string, text: string) => k.say(user, id, text);
  const answers = (path: string, answer: (n: number) => number) => (k.answers[path] = answer);

  beforeAll(async () => {
    await k.start();
    ({ t, base } = k);
  });
  afterAll(() => k.stop());
  beforeEach(async () => {
    await k.reset();
    ({ cookie, inbox } = k);
  });

  it('sends a shopper message, the bot reply, the hand-off and the status change, each signed and verifiable', async () => {
    const hook = await createWebhook('/all');
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await call<WebhookDto[]>('GET', '/api/v1/webhooks');
    expect(listed.body[0].secret).toBeUndefined();
    expect(listed.body[0].secretHint).toBe(`••••••••${(hook.secret as string).slice(-4)}`);

    const res = await say('u-1', 'h-1', '我要转人工客服');
    expect(res.status).toBe(202);
    const { conversationId } = await res.json();
    const bodies = await waitFor(() => {
      const got = at('/all').map((r) => verified(r, hook.secret as string));
      const events = got.map((b) => b.event);
      return events.includes('conversation.handoff') &&
        events.includes('conversation.status_changed') &&
        events.filter((e) => e === 'message.created').length >= 2
        ? got
        : null;
    });
    const messages = bodies.filter((b) => b.event === 'message.created');
    expect(messages.find((b) => b.data.message.direction === 'incoming').data).toMatchObject({
      conversation: { id: conversationId, channel: 'api' },
      contact: { externalId: 'u-1' },
      message: { text: '我要转人工客服', senderType: 'contact' },
    });
    expect(messages.find((b) => b.data.message.direction === 'outgoing').data.message).toMatchObject({
      senderType: 'bot',
      text: expect.any(String),
    });
    expect(bodies.find((b) => b.event === 'conversation.handoff').data).toMatchObject({
      conversation: { id: conversationId },
      reason: 'customer_request',
    });
    expect(bodies.find((b) => b.event === 'conversation.status_changed').data).toMatchObject({
      from: 'bot',
      to: 'pending_human',
    });
    for (const b of bodies) expect(Date.parse(b.createdAt)).not.toBeNaN();
    await waitFor(
      async () =>
        (await count(
          t,
          `SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered' AND attempts = 1`,
        )) === bodies.length,
    );
  });

  it('retries a receiver that fails twice and delivers once, after 3 attempts', async () => {
    answers('/flaky', (n) => (n < 2 ? 503 : 200));
    const hook = await createWebhook('/flaky', ['conversation.handoff']);
    await say('u-2', 'f-1', '我要转人工客服');
    const [row] = await waitFor(async () => {
      const rows = await t.db.query(
        `SELECT status, attempts, response_status, last_error FROM webhook_deliveries WHERE status = 'delivered'`,
      );
      return rows.length ? rows : null;
    });
    expect(row).toEqual({ status: 'delivered', attempts: 3, response_status: 200, last_error: null });
    await new Promise((r) => setTimeout(r, 300));
    const tries = at('/flaky');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['x-kefu-delivery'])).size).toBe(1);
    for (const r of tries) verified(r, hook.secret as string);
    expect(await count(t, 'SELECT count(*) FROM webhook_deliveries')).toBe(1);
  });

  it('gives up on a receiver that always fails, lists it with the failed messages, and replays it once the receiver is back', async () => {
    answers('/down', () => 500);
    answers('/callback', () => 502);
    await createWebhook('/down', ['conversation.handoff']);
    const flakyInbox = await createInbox(t, cookie, { name: 'Flaky app', callbackUrl: `${base}/callback` });
    await say('u-3', 'd-1', '我要转人工客服');
    await postSigned(t, flakyInbox, { externalMessageId: 'd-2', externalUserId: 'u-4', text: 'hello' });

    const page = await waitFor(async () => {
      const r = await call<DeliveryFailurePageDto>('GET', '/api/v1/delivery-failures');
      return r.body.items.some((i) => i.kind === 'webhook') && r.body.items.some((i) => i.kind === 'message')
        ? r.body
        : null;
    });
    const dead = page.items.find((i) => i.kind === 'webhook');
    expect(dead).toMatchObject({
      target: { type: 'webhook', name: 'hook /down', url: `${base}/down` },
      event: 'conversation.handoff',
      attempts: 3,
      responseStatus: 500,
      error: 'the receiver answered HTTP 500',
    });
    const failed = page.items.find((i) => i.kind === 'message');
    expect(failed).toMatchObject({
      target: { type: 'inbox', name: 'Flaky app', channel: 'api' },
      attempts: 3,
      error: 'callback answered HTTP 502',
    });
    expect(typeof failed?.preview).toBe('string');
    expect(page.total).toBe(page.items.length);
    expect(page.items.map((i) => i.failedAt)).toEqual(
      [...page.items.map((i) => i.failedAt)].sort().reverse(),
    );
    expect(at('/down')).toHaveLength(3);

    // Paged, newest first, one cursor over both kinds.
    const first = await call<DeliveryFailurePageDto>('GET', '/api/v1/delivery-failures?limit=1');
    const second = await call<DeliveryFailurePageDto>(
      'GET',
      `/api/v1/delivery-failures?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual(
      page.items.slice(0, 2).map((i) => i.id),
    );

    answers('/down', () => 200);
    answers('/callback', () => 200);
    const replayed = await call('POST', `/api/v1/delivery-failures/webhook/${dead?.id}/replay`);
    expect(replayed).toMatchObject({ status: 200, body: { outcome: 'queued' } });
    const failedMessages = page.items
      .filter((i) => i.kind === 'message')
      .map(({ kind, id }) => ({ kind, id }));
    const bulk = await call<{ queued: number }>('POST', '/api/v1/delivery-failures/replay', {
      items: failedMessages,
    });
    expect(bulk.body.queued).toBe(failedMessages.length);
    await waitFor(
      async () =>
        (await count(
          t,
          `SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered' AND attempts = 4`,
        )) === 1,
    );
    const ids = failedMessages.map((m) => `'${m.id}'`).join(', ');
    await waitFor(
      async () =>
        (await count(t, `SELECT count(*) FROM messages WHERE id IN (${ids}) AND status = 'delivered'`)) ===
        failedMessages.length,
    );
    expect((await call<DeliveryFailurePageDto>('GET', '/api/v1/delivery-failures')).body).toMatchObject({
      items: [],
      total: 0,
    });

    const again = await call<{ message: string }>(
      'POST',
      `/api/v1/delivery-failures/webhook/${dead?.id}/replay`,
    );
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already delivered/);
    const againMessage = await call<{ message: string }>(
      'POST',
      `/api/v1/delivery-failures/message/${failed?.id}/replay`,
    );
    expect(againMessage.status).toBe(409);
    expect(
      (await call('POST', '/api/v1/delivery-failures/webhook/00000000-0000-4000-8000-000000000000/replay'))
        .status,
    ).toBe(404);
    expect((await call('POST', '/api/v1/delivery-failures/parcel/x/replay')).status).toBe(400);
  });

  it('sends an event recorded twice once, and nothing again when the log is read again', async () => {
    await createWebhook('/once', ['message.created', 'conversation.handoff']);
    await say('u-5', 'o-1', '我要转人工客服');
    await waitFor(
      async () => (await count(t, `SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'`)) >= 3,
    );
    await new Promise((r) => setTimeout(r, 300));
    const before = {
      deliveries: await count(t, 'SELECT count(*) FROM webhook_deliveries'),
      requests: at('/once').length,
    };

    // The same reply and the same hand-off logged a second time, then the whole log read again from the start.
    await t.db.query(`INSERT INTO events (type, inbox_id, conversation_id, message_id, data)
      SELECT type, inbox_id, conversation_id, message_id, data FROM events WHERE type IN ('bot.replied', 'conversation.handoff', 'message.received')`);
    await t.db.query(`UPDATE webhook_dispatch_state SET last_event_id = 0, gaps = '[]'`);
    await t.app.get(WebhookDispatcher).dispatch();
    await new Promise((r) => setTimeout(r, 300));
    expect(await count(t, 'SELECT count(*) FROM webhook_deliveries')).toBe(before.deliveries);
    expect(at('/once')).toHaveLength(before.requests);
  });

  it('delivers an event whose transaction commits after later events were sent', async () => {
    const hook = await createWebhook('/late', ['conversation.handoff']);
    const first = await (await say('u-6', 'l-1', 'hello')).json();
    const late = t.db.createQueryRunner();
    await late.connect();
    await late.startTransaction();
    await late.query(
      `INSERT INTO events (type, inbox_id, conversation_id, data) VALUES ('conversation.handoff', $1, $2, '{"reason":"late"}')`,
      [inbox.id, first.conversationId],
    );
    // Meanwhile another hand-off commits, takes a later event id and is sent.
    await say('u-7', 'l-2', '我要转人工客服');
    await waitFor(() => (at('/late').length === 1 ? true : null));
    await late.commitTransaction();
    await late.release();
    const bodies = await waitFor(() =>
      at('/late').length === 2 ? at('/late').map((r) => verified(r, hook.secret as string)) : null,
    );
    expect(bodies.map((b) => b.data.reason).sort()).toEqual(['customer_request', 'late']);
  });
});
