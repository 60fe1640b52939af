import { Queue } from 'bullmq';
import { AutoReplyKind, InboxDto, MessageStatus } from '@kefu/shared/contracts';
import { sign } from '@kefu/api/channels';
import { ConversationProcessJob } from '@kefu/api/conversations';
import { createTestApp, FakeHttpServer, TestApp, waitFor } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, count, createInbox, postSigned, resetApp } from './test-helpers';

describe('API channel (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let cookie: string;
  let inbox: InboxDto;
  const receiver = new FakeHttpServer();
  let callbackUrl: string;

  beforeAll(async () => {
    callbackUrl = await receiver.start();
    t = await createTestApp((c) => AppModule.forRoot(c), { BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await resetApp(t);
    receiver.requests.length = 0;
    receiver.respondWith(() => ({ status: 200, body: { ok: true } }));
    cookie = await adminCookie(t);
    inbox = await createInbox(t, cookie, { name: 'Shop app', callbackUrl, greetingEnabled: true, greetingMessage: '亲，您好！' });
  });

  it('stores a signed message, greets the shopper and delivers the greeting to the callback URL', async () => {
    const res = await postSigned(t, inbox, { externalMessageId: 'm-1', externalUserId: 'u-1', text: '在吗? 我的订单 #A1001 还没到' });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ duplicate: false, messageId: expect.any(String), conversationId: expect.any(String) });

    // The greeting, then the dialogue engine's answer (no order A1001 in this shop).
    await waitFor(() => receiver.requests.length === 2);
    // Deliveries run in parallel: the two may arrive in either order.
    const hook = receiver.requests.find((r) => JSON.parse(r.body).message.text === '亲，您好！');
    if (!hook) throw new Error('the greeting was not delivered');
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({ event: 'message.created', externalUserId: 'u-1', message: { text: '亲，您好！', senderType: 'bot' } });
    expect(hook.headers['x-kefu-signature']).toBe(sign(inbox.secret as string, hook.headers['x-kefu-timestamp'] as string, hook.body));
    expect(receiver.requests.some((r) => JSON.parse(r.body).message.text.includes('A1001'))).toBe(true);

    const messages = await waitFor(async () => {
      const r = await fetch(`${t.url}/api/v1/conversations/${body.conversationId}/messages`, { headers: { cookie } });
      const list = await r.json();
      return list.length === 3 && list.slice(1).every((m: { status: string }) => m.status === MessageStatus.Delivered) ? list : null;
    });
    expect(messages[0]).toMatchObject({ direction: 'incoming', status: MessageStatus.Processed, text: '在吗? 我的订单 #A1001 还没到' });
    expect(messages[0].nlu).toMatchObject({ language: 'zh', entities: expect.arrayContaining([expect.objectContaining({ type: 'order_number' })]) });
    expect(messages[1]).toMatchObject({ direction: 'outgoing', deliveryAttempts: 1, text: '亲，您好！' });
    expect(messages[2]).toMatchObject({ direction: 'outgoing', senderType: 'bot' });
  });

  it('stores the same message posted twice once, and enqueues it once', async () => {
    const msg = { externalMessageId: 'dup-1', externalUserId: 'u-2', text: 'hello' };
    const [a, b] = await Promise.all([postSigned(t, inbox, msg), postSigned(t, inbox, msg)]);
    const third = await postSigned(t, inbox, msg);
    expect([a.status, b.status].sort()).toEqual([200, 202]);
    const { messageId } = await third.clone().json();
    expect(third.status).toBe(200);
    expect((await third.json()).duplicate).toBe(true);
    await waitFor(async () => (await count(t, `SELECT count(*) FROM events WHERE type = 'message.processed'`)) === 1);
    expect(await count(t, `SELECT count(*) FROM messages WHERE direction = 'incoming'`)).toBe(1);
    expect(await count(t, `SELECT count(*) FROM contacts`)).toBe(1);
    const queue = new Queue(ConversationProcessJob.name, { connection: { url: t.config.REDIS_URL }, prefix: t.config.QUEUE_PREFIX });
    const jobs = await queue.getJobs(['completed', 'waiting', 'active', 'delayed', 'failed']);
    const ours = jobs.filter((j) => j.data.messageId === messageId);
    const state = ours.length ? await ours[0].getState() : null;
    await queue.close();
    expect(ours).toHaveLength(1);
    expect(state).toBe('completed');
    expect(await count(t, `SELECT count(*) FROM messages WHERE auto_reply_kind = '${AutoReplyKind.Greeting}'`)).toBe(1);
  });

  describe('bad input changes nothing', () => {
    const before = async () => ({
      messages: await count(t, 'SELECT count(*) FROM messages'),
      contacts: await count(t, 'SELECT count(*) FROM contacts'),
      conversations: await count(t, 'SELECT count(*) FROM conversations'),
    });

    it('answers a bad signature with 401', async () => {
      const snapshot = await before();
      const res = await postSigned(t, inbox, { externalMessageId: 'x', externalUserId: 'u', text: 'hi' }, { secret: 'wrong-secret' });
      expect(res.status).toBe(401);
      expect((await res.json()).message).toMatch(/signature/);
      expect(await before()).toEqual(snapshot);
    });

    it('answers a stale timestamp with 401', async () => {
      const res = await postSigned(t, inbox, { externalMessageId: 'x', externalUserId: 'u', text: 'hi' }, { timestamp: Math.floor(Date.now() / 1000) - 600 });
      expect(res.status).toBe(401);
      expect(await count(t, 'SELECT count(*) FROM messages')).toBe(0);
    });

    it('answers malformed JSON with 400', async () => {
      const res = await postSigned(t, inbox, '{"externalMessageId": "x", ');
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(/JSON/);
      expect(await count(t, 'SELECT count(*) FROM messages')).toBe(0);
    });

    it('answers a signed body that breaks the schema with 400 naming the field', async () => {
      const res = await postSigned(t, inbox, { externalUserId: 'u', text: 'hi' });
      expect(res.status).toBe(400);
      const err = await res.json();
      expect(err.issues[0].path).toBe('externalMessageId');
      expect(await count(t, 'SELECT count(*) FROM messages')).toBe(0);
    });

    it('answers a body over the limit with 413', async () => {
      const res = await postSigned(t, inbox, { externalMessageId: 'big', externalUserId: 'u', text: 'x'.repeat(5000) });
      expect(res.status).toBe(413);
      expect(await count(t, 'SELECT count(*) FROM messages')).toBe(0);
    });

    it('answers an unknown inbox with 404', async () => {
      const ghost = { ...inbox, id: '00000000-0000-4000-8000-000000000000' };
      const res = await postSigned(t, ghost, { externalMessageId: 'x', externalUserId: 'u', text: 'hi' });
      expect(res.status).toBe(404);
      const notUuid = await postSigned(t, { ...inbox, id: 'not-an-id' }, { externalMessageId: 'x', externalUserId: 'u', text: 'hi' });
      expect(notUuid.status).toBe(404);
      expect(await count(t, 'SELECT count(*) FROM messages')).toBe(0);
    });
  });

  it('delivers to a callback that fails twice exactly once, signed, with the status recorded', async () => {
    receiver.respondWith((_req, i) => (i < 2 ? { status: 503, body: { error: 'busy' } } : { status: 200 }));
    const res = await postSigned(t, inbox, { externalMessageId: 'retry-1', externalUserId: 'u-3', text: 'hi' });
    expect(res.status).toBe(202);
    await waitFor(() => receiver.requests.length >= 3);
    await waitFor(async () => (await count(t, `SELECT count(*) FROM messages WHERE status = 'delivered'`)) === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests).toHaveLength(3);
    const ids = new Set(receiver.requests.map((r) => r.headers['x-kefu-delivery']));
    expect(ids.size).toBe(1);
    for (const r of receiver.requests) {
      expect(r.headers['x-kefu-signature']).toBe(sign(inbox.secret as string, r.headers['x-kefu-timestamp'] as string, r.body));
    }
    const [row] = await t.db.query(`SELECT delivery_attempts, delivery_error FROM messages WHERE status = 'delivered'`);
    expect(row.delivery_attempts).toBe(3);
  });

  it('marks a reply failed after the last attempt, with the reason', async () => {
    await t.close();
    t = await createTestApp((c) => AppModule.forRoot(c), { BODY_LIMIT_BYTES: '4096', WEBHOOK_MAX_ATTEMPTS: '2' });
    await resetApp(t);
    cookie = await adminCookie(t);
    inbox = await createInbox(t, cookie, { name: 'Flaky', callbackUrl, greetingEnabled: true, greetingMessage: 'hi!' });
    receiver.respondWith(() => ({ status: 500 }));
    await postSigned(t, inbox, { externalMessageId: 'f-1', externalUserId: 'u-4', text: 'hello' });
    const [row] = await waitFor(async () => {
      const rows = await t.db.query(`SELECT status, delivery_attempts, delivery_error FROM messages WHERE status = 'failed'`);
      return rows.length ? rows : null;
    });
    expect(row).toMatchObject({ delivery_attempts: 2, delivery_error: 'callback answered HTTP 500' });
    expect(receiver.requests).toHaveLength(2);
  });
});
