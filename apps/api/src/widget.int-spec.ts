import { createHash } from 'node:crypto';
import { ChannelType, InboxDto } from '@kefu/shared/contracts';
import { WidgetBroadcaster, widgetIdentityRoom } from '@kefu/api/channels';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, count, createInbox, resetApp } from './test-helpers';
import { clientId, openTab, PNG, refusal, signUser, upload, WidgetTab } from './widget-test-client';

/**
 * The web chat widget's server side over a real socket.io connection: handshake checks, the bot's
 * reply with typing and quick replies, idempotent resends, replay and history, one verified shopper
 * on two devices, read receipts, and what bad input leaves behind (nothing).
 */
describe('web chat widget (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let cookie: string;
  let inbox: InboxDto;
  const tabs: WidgetTab[] = [];
  const tab = async (auth: Record<string, unknown>, opts?: { origin?: string }) => {
    const w = await openTab(t, { inboxId: inbox.id, ...auth }, opts);
    tabs.push(w);
    return w;
  };
  const incoming = () => count(t, `SELECT count(*) FROM messages WHERE direction = 'incoming'`);

  beforeAll(async () => {
    t = await createTestApp((c) => AppModule.forRoot(c), { WIDGET_UPLOAD_MAX_BYTES: '2048' });
  }, 60_000);
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetApp(t);
    cookie = await adminCookie(t);
    inbox = await createInbox(t, cookie, { name: 'Shop widget', channel: ChannelType.Widget, settings: { title: 'Help', color: '#112233' } });
  });
  afterEach(() => tabs.splice(0).forEach((w) => w.close()));

  it('answers a shopper: ack with the stored message, the bot typing, then its reply with quick replies', async () => {
    const w = await tab({ locale: 'zh-CN' });
    expect(w.session).toMatchObject({ verified: false, conversationId: null, messages: [], replay: false, settings: { title: 'Help', color: '#112233', locale: 'auto' } });
    expect(w.session.visitorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const id = clientId();
    const ack = await w.send({ clientId: id, text: '在吗', context: { productId: 'P1001', pageUrl: 'https://shop.example.com/p/1001' } });
    expect(ack).toMatchObject({ ok: true, message: { clientId: id, direction: 'incoming', senderType: 'contact', text: '在吗', readAt: null } });
    const reply = await w.next('message', (m) => m.direction === 'outgoing');
    expect(reply).toMatchObject({ senderType: 'bot', clientId: null, content: { quickReplies: expect.arrayContaining([expect.objectContaining({ label: expect.any(String), payload: expect.any(String) })]) } });
    await w.next('typing', (p) => p.typing === false);
    const order = w.events.filter((e) => e.event !== 'session').map((e) => (e.event === 'typing' ? `typing:${e.payload.typing}` : e.event));
    expect(order.indexOf('typing:true')).toBeLessThan(order.indexOf('message'));

    const [stored] = await t.db.query(`SELECT metadata, locale FROM messages WHERE id = $1`, [ack.message.id]);
    expect(stored).toEqual({ metadata: { productId: 'P1001', pageUrl: 'https://shop.example.com/p/1001' }, locale: 'zh-CN' });
    await waitFor(async () => (await count(t, `SELECT count(*) FROM messages WHERE id = '${reply.id}' AND status = 'delivered'`)) === 1);
  });

  it('stores a message resent with the same clientId once and acknowledges it with the stored one', async () => {
    const w = await tab({});
    const id = clientId();
    const [a, b] = await Promise.all([w.send({ clientId: id, text: 'hello' }), w.send({ clientId: id, text: 'hello' })]);
    const c = await w.send({ clientId: id, text: 'hello' });
    expect(new Set([a.message.id, b.message.id, c.message.id]).size).toBe(1);
    expect(await incoming()).toBe(1);
  });

  it('never mixes two shoppers whose widgets pick the same clientId', async () => {
    const [x, y] = [await tab({}), await tab({})];
    const a = await x.send({ clientId: 'same-1', text: 'from x' });
    const b = await y.send({ clientId: 'same-1', text: 'from y' });
    expect(b.message.id).not.toBe(a.message.id);
    expect(b.message.text).toBe('from y');
    expect(await incoming()).toBe(2);
  });

  it('shows a message sent in one tab in the other tabs, and replays what a reconnecting tab missed', async () => {
    const a = await tab({});
    const token = a.session.visitorToken;
    const b = await tab({ visitorToken: token });
    expect(b.session.visitorToken).toBe(token);
    const first = await a.send({ clientId: clientId(), text: 'hi' });
    expect(await b.next('message', (m) => m.id === first.message.id)).toMatchObject({ text: 'hi', direction: 'incoming' });
    expect(a.events.some((e) => e.event === 'message' && e.payload.id === first.message.id)).toBe(false);
    const firstReply = await a.next('message', (m) => m.direction === 'outgoing');
    const lastSeenAt = firstReply.createdAt;

    a.close();
    const second = await b.send({ clientId: clientId(), text: 'thanks' });
    await b.next('message', (m) => m.direction === 'outgoing' && m.id !== firstReply.id && m.createdAt >= second.message.createdAt);

    const back = await tab({ visitorToken: token, lastSeenAt });
    expect(back.session.replay).toBe(true);
    const ids = back.session.messages.map((m: { id: string }) => m.id);
    expect(ids).toContain(second.message.id);
    expect(ids).not.toContain(first.message.id);
    expect(back.session.messages.at(-1)).toMatchObject({ direction: 'outgoing' });
  });

  it('keeps the history for the same visitor token on a new connection, and only for it', async () => {
    const a = await tab({});
    const sent = await a.send({ clientId: clientId(), text: 'where is my parcel' });
    await a.next('message', (m) => m.direction === 'outgoing');
    a.close();

    const again = await tab({ visitorToken: a.session.visitorToken });
    const [{ conversation_id }] = await t.db.query(`SELECT conversation_id FROM messages WHERE id = $1`, [sent.message.id]);
    expect(again.session.conversationId).toBe(conversation_id);
    expect(again.session.messages[0]).toMatchObject({ id: sent.message.id, text: 'where is my parcel' });
    expect(again.session.messages.length).toBeGreaterThanOrEqual(2);
    const paged = await again.request('history', { beforeId: again.session.messages.at(-1).id, limit: 1 });
    expect(paged).toMatchObject({ ok: true, hasMore: again.session.messages.length > 2, messages: [expect.objectContaining({ id: again.session.messages.at(-2).id })] });

    const stranger = await tab({ visitorToken: 'x'.repeat(43) });
    expect(stranger.session.messages).toEqual([]);
    const forged = await tab({ visitorToken: 'not a token' });
    expect(forged.session.visitorToken).not.toBe('not a token');
  });

  it('puts a verified shopper on two devices in one conversation, with their shop customer id on the contact', async () => {
    const identity = { userId: 'C10023', hash: signUser(inbox.secret as string, 'C10023'), name: 'Li Lei' };
    const phone = await tab({ identity });
    const laptop = await tab({ identity });
    expect(phone.session).toMatchObject({ verified: true });
    const a = await phone.send({ clientId: clientId(), text: 'hello from my phone' });
    await phone.next('message', (m) => m.direction === 'outgoing');
    expect(await laptop.next('message', (m) => m.id === a.message.id)).toBeTruthy();
    const b = await laptop.send({ clientId: clientId(), text: 'and from my laptop' });
    await laptop.next('message', (m) => m.direction === 'outgoing' && m.createdAt >= b.message.createdAt);

    const convs = await t.db.query(`SELECT DISTINCT conversation_id FROM messages WHERE id = ANY($1::uuid[])`, [[a.message.id, b.message.id]]);
    expect(convs).toHaveLength(1);
    const [contact] = await t.db.query(`SELECT c.customer_ref, c.name FROM contacts c JOIN conversations v ON v.contact_id = c.id WHERE v.id = $1`, [convs[0].conversation_id]);
    expect(contact).toEqual({ customer_ref: 'C10023', name: 'Li Lei' });

    const third = await tab({ identity });
    expect(third.session.conversationId).toBe(convs[0].conversation_id);
    expect(third.session.messages.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['hello from my phone', 'and from my laptop']));
  });

  describe('handshake checks (a refusal stores nothing)', () => {
    it('refuses a forged identity hash', async () => {
      const forged = await refusal(t, { inboxId: inbox.id, identity: { userId: 'C10023', hash: signUser('guessed-secret', 'C10023') } });
      expect(forged.code).toBe('identity_invalid');
      expect(forged.why).toContain('HMAC-SHA256');
      const swapped = await refusal(t, { inboxId: inbox.id, identity: { userId: 'C99999', hash: signUser(inbox.secret as string, 'C10023') } });
      expect(swapped.code).toBe('identity_invalid');
      expect(await count(t, `SELECT count(*) FROM contacts`)).toBe(0);
    });

    it('refuses unknown inboxes and inboxes of other channels', async () => {
      const api = await createInbox(t, cookie, { name: 'App' });
      expect((await refusal(t, { inboxId: api.id })).code).toBe('unknown_inbox');
      expect((await refusal(t, { inboxId: '6f1c2a4e-9b7d-4c3e-8a1f-2b3c4d5e6f70' })).code).toBe('unknown_inbox');
      expect((await refusal(t, {})).code).toBe('unknown_inbox');
    });

    it('refuses pages outside the allowed origins', async () => {
      const shop = await createInbox(t, cookie, { name: 'Locked', channel: ChannelType.Widget, settings: { allowedOrigins: ['https://shop.example.com'] } });
      expect((await refusal(t, { inboxId: shop.id }, { origin: 'https://evil.example' })).code).toBe('origin_not_allowed');
      expect((await refusal(t, { inboxId: shop.id })).code).toBe('origin_not_allowed');
      expect((await refusal(t, { inboxId: shop.id }, { origin: 'https://shop.example.com' })).code).toBe('connected');
    });

    it('lets the widget fall back to long-polling from a shop page (CORS without credentials)', async () => {
      const origin = 'https://shop.example.com';
      const pre = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.status).toBe(204);
      const open = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
      expect(open.status).toBe(200);
      expect(open.headers.get('access-control-allow-origin')).toBe(origin);
      expect(open.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('requires a signed identity when the inbox says so', async () => {
      const members = await createInbox(t, cookie, { name: 'Members', channel: ChannelType.Widget, settings: { requireIdentity: true } });
      expect((await refusal(t, { inboxId: members.id })).code).toBe('identity_required');
      const ok = await openTab(t, { inboxId: members.id, identity: { userId: 'M1', hash: signUser(members.secret as string, 'M1') } });
      expect(ok.session.verified).toBe(true);
      ok.close();
    });
  });

  describe('bad messages are refused with a reason and store nothing', () => {
    it('refuses payloads without clientId, empty, oversize or with someone else’s upload', async () => {
      const w = await tab({});
      expect(await w.send({ text: 'hi' })).toEqual({ ok: false, error: 'clientId is required' });
      expect(await w.send({ clientId: clientId(), text: '  ' })).toMatchObject({ ok: false, error: expect.stringContaining('needs text') });
      expect(await w.send({ clientId: clientId(), text: 'x'.repeat(5001) })).toMatchObject({ ok: false, error: expect.stringContaining('5000') });
      expect(await w.request('message', 'just a string' as never)).toMatchObject({ ok: false });

      const other = await tab({});
      const up = await (await upload(t, inbox.id, { data: PNG, name: 'a.png', type: 'image/png' }, { 'x-kefu-visitor': other.session.visitorToken })).json();
      const stolen = await w.send({ clientId: clientId(), text: 'look', attachments: [{ uploadId: up.uploadId }] });
      expect(stolen).toMatchObject({ ok: false, error: expect.stringContaining('not an upload of yours') });
      expect(await incoming()).toBe(0);
    });

    it('stores <script> in text verbatim and sends it back as plain text, never as markup', async () => {
      const w = await tab({});
      const text = '<script>alert("x")</script><img src=x onerror=alert(1)>';
      const ack = await w.send({ clientId: clientId(), text });
      expect(ack.message.text).toBe(text);
      const [row] = await t.db.query(`SELECT text FROM messages WHERE id = $1`, [ack.message.id]);
      expect(row.text).toBe(text);
      const again = await tab({ visitorToken: w.session.visitorToken });
      expect(again.session.messages[0].text).toBe(text);
    });
  });

  it('records read receipts up to a message, only for the shopper’s own conversation', async () => {
    const w = await tab({});
    await w.send({ clientId: clientId(), text: '在吗' });
    const reply = await w.next('message', (m) => m.direction === 'outgoing');
    expect(await w.request('read', { upTo: reply.id })).toEqual({ ok: true });
    const [row] = await t.db.query(`SELECT read_at FROM messages WHERE id = $1`, [reply.id]);
    expect(row.read_at).toBeInstanceOf(Date);
    const other = await tab({});
    expect(await other.request('read', { upTo: reply.id })).toMatchObject({ ok: false, error: expect.stringContaining('not in your conversations') });
  });

  describe('image uploads', () => {
    const post = (file: { data: Buffer; name: string; type: string }, token?: string) =>
      upload(t, inbox.id, file, token ? { 'x-kefu-visitor': token } : {});

    it('stores a PNG, serves it as an inert image, and attaches it to a message', async () => {
      const w = await tab({});
      const res = await post({ data: PNG, name: '../我的照片.png', type: 'image/png' }, w.session.visitorToken);
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toEqual({ uploadId: expect.any(String), url: `/api/v1/uploads/${body.uploadId}`, contentType: 'image/png', size: PNG.length });

      const img = await fetch(`${t.url}${body.url}`);
      expect(img.status).toBe(200);
      expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
      expect(img.headers.get('content-type')).toBe('image/png');
      expect(img.headers.get('x-content-type-options')).toBe('nosniff');
      expect(img.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(img.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${t.url}${body.url}`, { headers: { 'if-none-match': img.headers.get('etag') as string } })).status).toBe(304);

      const ack = await w.send({ clientId: clientId(), text: '', attachments: [{ uploadId: body.uploadId }] });
      expect(ack).toMatchObject({ ok: true, message: { attachments: [{ url: body.url, contentType: 'image/png', name: '我的照片.png' }] } });
    });

    it('lets a verified shopper upload with the token of their session', async () => {
      const w = await tab({ identity: { userId: 'U7', hash: signUser(inbox.secret as string, 'U7') } });
      const res = await post({ data: PNG, name: 'a.png', type: 'image/png' }, w.session.visitorToken);
      expect(res.status).toBe(201);
      const forged = w.session.visitorToken.replace(/^u\.[^.]+/, `u.${Buffer.from('U8').toString('base64url')}`);
      expect((await post({ data: PNG, name: 'a.png', type: 'image/png' }, forged)).status).toBe(401);
    });

    it('refuses oversize (413), non-images by content (415) and unknown visitors (401), storing nothing', async () => {
      const w = await tab({});
      const token = w.session.visitorToken;
      const big = Buffer.concat([PNG, Buffer.alloc(3_000)]);
      const tooBig = await post({ data: big, name: 'big.png', type: 'image/png' }, token);
      expect(tooBig.status).toBe(413);
      expect((await tooBig.json()).message).toContain('WIDGET_UPLOAD_MAX_BYTES');
      const huge = await post({ data: Buffer.concat([PNG, Buffer.alloc(200_000)]), name: 'huge.png', type: 'image/png' }, token);
      expect(huge.status).toBe(413);
      const text = await post({ data: Buffer.from('definitely not a picture'), name: 'photo.png', type: 'image/png' }, token);
      expect(text.status).toBe(415);
      expect((await text.json()).message).toContain('PNG, JPEG, GIF or WebP');
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      expect((await post({ data: svg, name: 'x.svg', type: 'image/svg+xml' }, token)).status).toBe(415);
      const anonymous = await post({ data: PNG, name: 'a.png', type: 'image/png' });
      expect(anonymous.status).toBe(401);
      expect((await anonymous.json()).message).toContain('X-Kefu-Visitor');
      expect((await post({ data: PNG, name: 'a.png', type: 'image/png' }, 'made-up')).status).toBe(401);
      const json = await fetch(`${t.url}/api/v1/widget/${inbox.id}/uploads`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kefu-visitor': token }, body: '{}' });
      expect(json.status).toBe(415);
      expect(await count(t, `SELECT count(*) FROM uploads`)).toBe(0);
      // Multipart parsing is only for this route: another route sent a form still answers 4xx, not 500.
      const form = new FormData();
      form.append('email', 'someone@example.com');
      const login = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', body: form });
      expect([400, 401, 415]).toContain(login.status);
      expect((await fetch(`${t.url}/api/v1/uploads/6f1c2a4e-9b7d-4c3e-8a1f-2b3c4d5e6f70`)).status).toBe(404);
      expect((await fetch(`${t.url}/api/v1/uploads/not-an-id`)).status).toBe(404);
    });
  });
});

/**
 * Scaled out: the socket is on an API process, the bot answers and delivers in a worker process.
 * The worker's emit reaches the socket through socket.io's Redis adapter; a process without the
 * namespace at all publishes through the Redis emitter.
 */
describe('web chat widget across processes (ROLE=api + ROLE=worker)', () => {
  let api: TestApp;
  let worker: TestApp;
  let inbox: InboxDto;
  const prefix = `kefu-test-ww-${Date.now().toString(36)}`;

  beforeAll(async () => {
    api = await createTestApp((c) => AppModule.forRoot(c), { ROLE: 'api', QUEUE_PREFIX: prefix });
    worker = await createTestApp((c) => AppModule.forRoot(c), { ROLE: 'worker', QUEUE_PREFIX: prefix });
    await resetApp(api);
    inbox = await createInbox(api, await adminCookie(api), { name: 'Widget', channel: ChannelType.Widget });
  }, 90_000);
  afterAll(async () => {
    await api.close();
    await worker.close();
  });

  it('delivers the reply the worker wrote to the socket held by the API process', async () => {
    const w = await openTab(api, { inboxId: inbox.id });
    try {
      const ack = await w.send({ clientId: clientId(), text: '在吗' });
      expect(ack.ok).toBe(true);
      const reply = await w.next('message', (m) => m.direction === 'outgoing', 20_000);
      expect(reply).toMatchObject({ senderType: 'bot', content: { quickReplies: expect.any(Array) } });
      await w.next('typing', (p) => p.typing === false);
      // The worker marks the reply delivered once the adapter returns, just after it emitted to the socket.
      await waitFor(async () => ((await api.db.query(`SELECT status FROM messages WHERE id = $1`, [reply.id])) as { status: string }[])[0]?.status === 'delivered');
    } finally {
      w.close();
    }
  });

  it('reaches the socket from a process without the widget namespace, through the Redis emitter', async () => {
    const w = await openTab(api, { inboxId: inbox.id });
    const outsider = new WidgetBroadcaster(worker.config);
    try {
      expect(outsider.reachable).toBe(true);
      outsider.emit(widgetIdentityRoom(inbox.id, `visitor:${createHash('sha256').update(w.session.visitorToken).digest('base64url')}`), 'typing', { typing: true, sender: 'agent' });
      expect(await w.next('typing', (p) => p.sender === 'agent')).toEqual({ typing: true, sender: 'agent' });
    } finally {
      w.close();
      await outsider.onApplicationShutdown();
    }
  });
});
