import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { ChannelType, InboxDto, MessageStatus } from '@kefu/shared/contracts';
import { DeliveryRecorder } from '@kefu/api/conversations';
import { ChannelDeliverJob, encryptWechatMessage, wechatSignature } from '@kefu/api/channels';
import { FakeWechatApi, WechatTestClient } from '@kefu/api/channels/testing';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, count, createInbox, resetApp } from './test-helpers';

const TOKEN = 'kefuToken123';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const APP_ID = 'wx5823bf96d3bd56c7';
const ACCOUNT = 'gh_kefu_shop';

type PushOptions = NonNullable<Parameters<WechatTestClient['push']>[2]>;
const now = () => Math.floor(Date.now() / 1000);
let msgSeq = 7_300_000_000_000_000_000n;
const nextMsgId = () => String(++msgSeq);

/** Waits until the delivery jobs of these outgoing messages (default: all) are in one of `states`. */
async function deliveryJobs(t: TestApp, states: string[], ids?: string[]) {
  const all: { id: string }[] = await t.db.query(`SELECT id FROM messages WHERE direction = 'outgoing'`);
  const queue = new Queue(ChannelDeliverJob.name, {
    connection: { url: t.config.REDIS_URL },
    prefix: t.config.QUEUE_PREFIX,
  });
  try {
    await waitFor(async () => {
      const jobs = await Promise.all(
        (ids ?? all.map((r) => r.id)).map(async (id) => (await queue.getJob(id))?.getState()),
      );
      return jobs.every((s) => s && states.includes(s));
    });
  } finally {
    await queue.close();
  }
}
/** After every delivery job finished, a reply the customer-service path sent twice would be at the fake. */
const deliveryJobsDone = (t: TestApp) => deliveryJobs(t, ['completed']);

/** A text push from a shopper, fields as WeChat sends them. */
const textMsg = (openId: string, content: string, msgId = nextMsgId()) => ({
  ToUserName: ACCOUNT,
  FromUserName: openId,
  CreateTime: now(),
  MsgType: 'text',
  Content: content,
  MsgId: msgId,
});

const wechatInbox = (
  t: TestApp,
  cookie: string,
  apiBaseUrl: string,
  opts: { encryption?: string; kind?: string; greeting?: string; appId?: string } = {},
) =>
  createInbox(t, cookie, {
    name: `WeChat ${randomBytes(3).toString('hex')}`,
    channel: ChannelType.Wechat,
    greetingEnabled: !!opts.greeting,
    greetingMessage: opts.greeting ?? '',
    settings: {
      kind: opts.kind ?? 'official_account',
      appId: opts.appId ?? APP_ID,
      encryption: opts.encryption ?? 'plain',
      apiBaseUrl,
    },
    credentials: { token: TOKEN, encodingAESKey: AES_KEY, appSecret: 'app-secret-for-tests' },
  });

const incoming = (t: TestApp) =>
  t.db.query(
    `SELECT text, metadata, external_message_id FROM messages WHERE direction = 'incoming' ORDER BY created_at`,
  ) as Promise<{ text: string; metadata: Record<string, unknown>; external_message_id: string }[]>;

const wechat = new FakeWechatApi();
let apiBaseUrl: string;
let client: WechatTestClient;
/** A passive reply's fields (an encrypted one checked, decrypted and its timestamp fresh). */
const passiveReply = (body: string) => {
  const fields = client.reply(body);
  if (fields['TimeStamp']) expect(Math.abs(Number(fields['TimeStamp']) - now())).toBeLessThan(60);
  return fields;
};
beforeAll(async () => {
  apiBaseUrl = await wechat.start();
});
afterAll(() => wechat.stop());

describe('WeChat channel, answers in time (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let cookie: string;
  let inbox: InboxDto;

  beforeAll(async () => {
    t = await createTestApp((c) => AppModule.forRoot(c), { WECHAT_PASSIVE_REPLY_MS: '4000' });
    client = new WechatTestClient(t.url, {
      token: TOKEN,
      encodingAESKey: AES_KEY,
      appId: APP_ID,
      account: ACCOUNT,
    });
    // Warm the language engine so that answers come well inside the passive window.
    await resetApp(t);
    cookie = await adminCookie(t);
    inbox = await wechatInbox(t, cookie, apiBaseUrl);
    await client.push(inbox.id, textMsg('o-warm', '你好'));
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetApp(t);
    wechat.reset();
    cookie = await adminCookie(t);
    inbox = await wechatInbox(t, cookie, apiBaseUrl);
  });

  it('passes the console URL check, plain and with an encrypted echostr, and refuses a wrong signature', async () => {
    const ts = String(now());
    const q = new URLSearchParams({
      signature: wechatSignature(TOKEN, ts, '42'),
      timestamp: ts,
      nonce: '42',
      echostr: '5837397520',
    });
    const ok = await fetch(`${t.url}/api/v1/channels/wechat/${inbox.id}?${q}`);
    expect([ok.status, await ok.text()]).toEqual([200, '5837397520']);

    const echostr = encryptWechatMessage('1616140317555161061', AES_KEY, APP_ID);
    const safe = new URLSearchParams({
      msg_signature: wechatSignature(TOKEN, ts, '43', echostr),
      timestamp: ts,
      nonce: '43',
      echostr,
    });
    const dec = await fetch(`${t.url}/api/v1/channels/wechat/${inbox.id}?${safe}`);
    expect([dec.status, await dec.text()]).toEqual([200, '1616140317555161061']);

    q.set('signature', wechatSignature('wrong', ts, '42'));
    const bad = await fetch(`${t.url}/api/v1/channels/wechat/${inbox.id}?${q}`);
    expect(bad.status).toBe(401);
    expect((await bad.json()).message).toMatch(/signature does not match/);
  });

  it("answers a plain push passively with the bot's reply, quick replies as a numbered list", async () => {
    const res = await client.push(inbox.id, textMsg('o-alice', '你好'));
    expect(res.status).toBe(200);
    const reply = passiveReply(res.body);
    expect(reply).toMatchObject({ ToUserName: 'o-alice', FromUserName: ACCOUNT, MsgType: 'text' });
    expect(reply['Content']).toContain('回复数字即可选择:\n1. 查物流');
    const [out] = await t.db.query(
      `SELECT status, delivery_attempts FROM messages WHERE direction = 'outgoing'`,
    );
    expect(out).toEqual({ status: 'delivered', delivery_attempts: 1 });
    await deliveryJobsDone(t);
    expect(wechat.sends()).toHaveLength(0);
  });

  it('answers a safe-mode push with an encrypted passive reply that decrypts with the same key', async () => {
    const safeInbox = await wechatInbox(t, cookie, apiBaseUrl, { encryption: 'safe' });
    const res = await client.push(safeInbox.id, textMsg('o-bob', '你好'), { mode: 'safe' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<Encrypt>');
    expect(res.body).not.toContain('查物流');
    expect(passiveReply(res.body)).toMatchObject({
      ToUserName: 'o-bob',
      FromUserName: ACCOUNT,
      Content: expect.stringContaining('查物流'),
    });
  });

  it('stores a repeated MsgId once and answers it once, also when both copies arrive together', async () => {
    const msg = textMsg('o-carol', '你好');
    const [a, b] = await Promise.all([client.push(inbox.id, msg), client.push(inbox.id, msg)]);
    const later = await client.push(inbox.id, msg);
    expect([a.status, b.status, later.status]).toEqual([200, 200, 200]);
    const answers = [a.body, b.body, later.body];
    expect(answers.filter((x) => x.startsWith('<xml>'))).toHaveLength(1);
    expect(answers.filter((x) => x === 'success')).toHaveLength(2);
    expect(await count(t, `SELECT count(*) FROM messages WHERE direction = 'incoming'`)).toBe(1);
    expect(await count(t, `SELECT count(*) FROM messages WHERE direction = 'outgoing'`)).toBe(1);
    await deliveryJobsDone(t);
    expect(wechat.sends()).toHaveLength(0);
  });

  it('maps "2" after a numbered list to the second quick reply, and a menu CLICK to its quick reply', async () => {
    await client.push(inbox.id, textMsg('o-dan', '你好'));
    const res = await client.push(inbox.id, textMsg('o-dan', '２'));
    expect(res.status).toBe(200);
    const at = now() + 1;
    const click = await client.push(inbox.id, {
      ToUserName: ACCOUNT,
      FromUserName: 'o-dan',
      CreateTime: at,
      MsgType: 'event',
      Event: 'CLICK',
      EventKey: 'contact_human_agent',
    });
    expect(click.status).toBe(200);
    const rows = await incoming(t);
    expect(rows[1]).toMatchObject({ text: '２', metadata: { quickReply: 'return_item' } });
    expect(rows[2]).toMatchObject({
      external_message_id: `evt:o-dan:${at}:CLICK`,
      metadata: { quickReply: 'contact_human_agent', wechatEvent: 'CLICK' },
    });
  });

  it("uses a voice message's Recognition text and writes a location as text with coordinates", async () => {
    const voice = await client.push(inbox.id, {
      ToUserName: ACCOUNT,
      FromUserName: 'o-erin',
      CreateTime: now(),
      MsgType: 'voice',
      MediaId: 'm-1',
      Format: 'amr',
      Recognition: '你好',
      MsgId: nextMsgId(),
    });
    expect(passiveReply(voice.body)['Content']).toContain('查物流');
    await client.push(inbox.id, {
      ToUserName: ACCOUNT,
      FromUserName: 'o-erin',
      CreateTime: now(),
      MsgType: 'location',
      Location_X: '23.134521',
      Location_Y: '113.358803',
      Scale: '20',
      Label: '广州市天河区体育西路',
      MsgId: nextMsgId(),
    });
    const rows = await incoming(t);
    expect(rows[0]).toMatchObject({ text: '你好', metadata: { recognized: true, mediaId: 'm-1' } });
    expect(rows[1]).toMatchObject({
      text: '[位置] 广州市天河区体育西路',
      metadata: { lat: 23.134521, lng: 113.358803 },
    });
  });

  it('sends a turn of two replies after the passive window, in order, each once, skipping one claimed meanwhile', async () => {
    const greeter = await wechatInbox(t, cookie, apiBaseUrl, { greeting: '欢迎光临！' });
    const [first, second] = await Promise.all([
      client.push(greeter.id, textMsg('o-olga', '怎么退货')),
      client.push(greeter.id, textMsg('o-pete', '怎么退货')),
    ]);
    // Greeting and answer: two messages, so no passive reply.
    expect([first.body, second.body]).toEqual(['success', 'success']);
    const replies: { id: string; text: string; to: string }[] = await t.db.query(
      `SELECT m.id, m.text, ci.external_id AS to FROM messages m
         JOIN conversations c ON c.id = m.conversation_id JOIN contact_identities ci ON ci.contact_id = c.contact_id
        WHERE m.direction = 'outgoing' AND m.status = 'pending' ORDER BY m.created_at, m.id`,
    );
    expect(replies).toHaveLength(4);
    // The worker has picked up Olga's replies and is waiting out the passive window; meanwhile another
    // path (say, the passive answer to a retried push) takes her greeting.
    await deliveryJobs(
      t,
      ['active', 'completed'],
      replies.filter((r) => r.to === 'o-olga').map((r) => r.id),
    );
    await new Promise((r) => setTimeout(r, 300)); // and have read which replies they are to send
    const olgaGreeting = replies.find((r) => r.to === 'o-olga') as { id: string };
    const recorder = t.app.get(DeliveryRecorder);
    expect(await recorder.record(olgaGreeting.id, { status: MessageStatus.Delivered, attempts: 1 })).toBe(
      true,
    );

    await deliveryJobsDone(t);
    const sent = (to: string) =>
      wechat
        .sends()
        .filter((s) => s.touser === to)
        .map((s) => s.content);
    const texts = (to: string) => replies.filter((r) => r.to === to).map((r) => r.text);
    expect(sent('o-olga')).toEqual(texts('o-olga').slice(1));
    expect(sent('o-pete')).toEqual(texts('o-pete'));
    expect(sent('o-pete')[0]).toBe('欢迎光临！');
  });

  it('greets a new follower passively on subscribe and stores nothing on unsubscribe or VIEW', async () => {
    const greeter = await wechatInbox(t, cookie, apiBaseUrl, { greeting: '感谢关注！回复“订单”查物流。' });
    const ev = (Event: string, extra: Record<string, string> = {}) => ({
      ToUserName: ACCOUNT,
      FromUserName: 'o-fay',
      CreateTime: now(),
      MsgType: 'event',
      Event,
      ...extra,
    });
    const res = await client.push(greeter.id, ev('subscribe'));
    expect(passiveReply(res.body)['Content']).toBe('感谢关注！回复“订单”查物流。');
    for (const e of [ev('unsubscribe'), ev('VIEW', { EventKey: 'https://shop.example' })])
      expect((await client.push(greeter.id, e)).body).toBe('success');
    expect(await count(t, `SELECT count(*) FROM messages WHERE direction = 'incoming'`)).toBe(1);
  });

  it('links the same WeChat user across two accounts by unionid, and a failed lookup does not hold up the message', async () => {
    const second = await wechatInbox(t, cookie, apiBaseUrl, { appId: 'wx0000000000000002' });
    wechat.unionIds.set('o-gus-1', 'union-gus').set('o-gus-2', 'union-gus');
    await client.push(inbox.id, textMsg('o-gus-1', '你好'));
    await client.push(second.id, textMsg('o-gus-2', '在吗'));
    expect(await count(t, `SELECT count(*) FROM contacts`)).toBe(1);
    expect(
      await count(
        t,
        `SELECT count(*) FROM contact_keys WHERE kind = 'wechat_unionid' AND value = 'union-gus'`,
      ),
    ).toBe(1);

    wechat.userInfoError = 48001;
    const res = await client.push(inbox.id, textMsg('o-hal', '你好'));
    expect(passiveReply(res.body)['Content']).toContain('查物流');
  });

  describe('refuses bad pushes with a clear 4xx and stores nothing', () => {
    const nothingStored = async () => expect(await count(t, 'SELECT count(*) FROM messages')).toBe(0);

    it.each([
      ['a tampered signature', { tamper: true }, 401, /signature does not match/],
      ['a tampered msg_signature', { tamper: true, mode: 'safe' }, 401, /msg_signature does not match/],
      ['a replayed timestamp', { timestamp: now() - 3600 }, 401, /replayed/],
      ['the wrong token', { token: 'otherToken' }, 401, /token/],
      ['a message encrypted for another appid', { mode: 'safe', appId: 'wx9999999999999999' }, 401, /appid/],
    ] as [string, PushOptions, number, RegExp][])('%s', async (_name, opts, status, message) => {
      const target =
        opts.mode === 'safe' ? await wechatInbox(t, cookie, apiBaseUrl, { encryption: 'safe' }) : inbox;
      const res = await client.push(target.id, textMsg('o-mallory', '你好'), opts);
      expect(res.status).toBe(status);
      expect(JSON.parse(res.body).message).toMatch(message);
      await nothingStored();
    });

    it('malformed XML, a missing field, oversize, and plaintext to a safe-mode inbox', async () => {
      const broken = await client.push(inbox.id, '<xml><ToUserName>gh</ToUserName><Content>unclosed</xml>');
      expect([broken.status, JSON.parse(broken.body).message]).toEqual([
        400,
        expect.stringMatching(/malformed XML/),
      ]);
      const { MsgId: _dropped, ...noId } = textMsg('o-mallory', 'hi');
      const missing = await client.push(inbox.id, noId);
      expect([missing.status, JSON.parse(missing.body).message]).toEqual([
        400,
        'a text message has no MsgId',
      ]);
      const big = await client.push(inbox.id, textMsg('o-mallory', 'x'.repeat(70_000)));
      expect(big.status).toBe(413);
      const safeInbox = await wechatInbox(t, cookie, apiBaseUrl, { encryption: 'safe' });
      const plain = await client.push(safeInbox.id, textMsg('o-mallory', 'hi'));
      expect([plain.status, JSON.parse(plain.body).message]).toEqual([
        400,
        expect.stringMatching(/safe mode/),
      ]);
      await nothingStored();
    });

    it('an unknown inbox or an inbox of another channel is 404', async () => {
      const ghost = await client.push('00000000-0000-4000-8000-000000000000', textMsg('o-mallory', 'hi'));
      expect(ghost.status).toBe(404);
      const api = await createInbox(t, cookie, { name: 'API' });
      const other = await client.push(api.id, textMsg('o-mallory', 'hi'));
      expect([other.status, JSON.parse(other.body).message]).toEqual([
        404,
        expect.stringMatching(/not a WeChat inbox/),
      ]);
      await nothingStored();
    });
  });
});

describe('WeChat channel, answers after the passive window (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let cookie: string;
  let inbox: InboxDto;

  beforeAll(async () => {
    t = await createTestApp((c) => AppModule.forRoot(c), { WECHAT_PASSIVE_REPLY_MS: '1' });
    client = new WechatTestClient(t.url, {
      token: TOKEN,
      encodingAESKey: AES_KEY,
      appId: APP_ID,
      account: ACCOUNT,
    });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetApp(t);
    wechat.reset();
    cookie = await adminCookie(t);
    inbox = await wechatInbox(t, cookie, apiBaseUrl, { encryption: 'safe' });
  });

  const deliveredCount = () =>
    count(t, `SELECT count(*) FROM messages WHERE direction = 'outgoing' AND status = 'delivered'`);

  it('acknowledges with success, then sends the reply once through the customer-service API', async () => {
    const res = await client.push(inbox.id, textMsg('o-ivy', '你好'), { mode: 'safe' });
    expect([res.status, res.body]).toEqual([200, 'success']);
    await waitFor(async () => (await deliveredCount()) === 1);
    await deliveryJobsDone(t);
    const sends = wechat.sends();
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ touser: 'o-ivy', content: expect.stringContaining('回复数字即可选择') });
  });

  it('fetches one access token for several sends and refreshes it once after errcode 40001', async () => {
    for (const [i, who] of ['o-jo', 'o-kim', 'o-lee'].entries())
      await client.push(inbox.id, textMsg(who, i ? '在吗' : '你好'), { mode: 'safe' });
    await waitFor(async () => (await deliveredCount()) === 3);
    const before = wechat.tokenCalls();
    expect(new Set(wechat.sends().map((s) => s.token)).size).toBe(1);

    wechat.revoked.add(wechat.sends()[0].token as string);
    await client.push(inbox.id, textMsg('o-jo', '谢谢'), { mode: 'safe' });
    await waitFor(async () => (await deliveredCount()) === 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(wechat.tokenCalls() - before).toBe(1);
    const last = wechat.sends().filter((s) => s.touser === 'o-jo');
    // The refused try and the retry with the new token; the shopper got the reply once.
    expect(last.slice(-2).map((s) => s.token)).toEqual([expect.any(String), `tok-${wechat.tokensIssued}`]);
    expect(
      await count(t, `SELECT count(*) FROM messages WHERE direction = 'outgoing' AND delivery_attempts > 1`),
    ).toBe(0);
  });

  it('takes a Mini Program JSON push, acknowledges success and answers through the customer-service API', async () => {
    const mini = await wechatInbox(t, cookie, apiBaseUrl, { kind: 'mini_program', encryption: 'plain' });
    const body = `{"ToUserName":"${ACCOUNT}","FromUserName":"o-mia","CreateTime":${now()},"MsgType":"text","Content":"你好","MsgId":9223372036854775807}`;
    const res = await client.push(mini.id, body, { contentType: 'application/json' });
    expect([res.status, res.body]).toEqual([200, 'success']);
    await waitFor(() => wechat.sends().length === 1);
    const [row] = await incoming(t);
    expect(row.external_message_id).toBe('msg:9223372036854775807');
    expect(wechat.requests.some((r) => r.url.startsWith('/cgi-bin/user/info'))).toBe(false);
  });
});
