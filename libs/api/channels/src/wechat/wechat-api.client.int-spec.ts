import { FakeHttpServer, testConfig } from '@kefu/api/platform/testing';
import { WechatApiClient, WechatApiError } from './wechat-api.client';
import type { WechatInbox } from './wechat-inbox';

/** The WeChat API client against a local fake of api.weixin.qq.com (no database needed). */
describe('WechatApiClient (fake WeChat API on 127.0.0.1)', () => {
  const fake = new FakeHttpServer();
  let inbox: WechatInbox;
  let tokens = 0;
  const client = new WechatApiClient(testConfig({ WECHAT_TIMEOUT_MS: '300' }));

  beforeAll(async () => {
    const apiBaseUrl = await fake.start();
    inbox = {
      inboxId: 'inbox-1',
      kind: 'official_account',
      appId: 'wx1',
      encryption: 'safe',
      apiBaseUrl,
      token: 't',
      appSecret: 's',
      greetingEnabled: false,
    };
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.requests.length = 0;
    inbox = { ...inbox, inboxId: `inbox-${Math.random()}` };
  });

  const answer = (
    send: (req: { url: string; body: string }) => { status: number; body?: unknown; delayMs?: number },
  ) =>
    fake.respondWith((req) =>
      req.url === '/cgi-bin/stable_token'
        ? { status: 200, body: { access_token: `tok-${++tokens}`, expires_in: 7200 } }
        : send(req),
    );

  it('asks for one token however many sends start at once, and sends JSON with the characters as they are', async () => {
    answer(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    await Promise.all(['一', '二', '三'].map((t) => client.sendText(inbox, 'o-1', t)));
    const tokenCalls = fake.requests.filter((r) => r.url === '/cgi-bin/stable_token');
    expect(tokenCalls).toHaveLength(1);
    expect(JSON.parse(tokenCalls[0].body)).toEqual({
      grant_type: 'client_credential',
      appid: 'wx1',
      secret: 's',
    });
    const sends = fake.requests.filter((r) => r.url.startsWith('/cgi-bin/message/custom/send'));
    expect(sends.map((r) => JSON.parse(r.body).text.content).sort()).toEqual(['一', '三', '二'].sort());
    expect(sends[0].body).toContain('"touser":"o-1","msgtype":"text"');
  });

  it('refreshes the token once after 42001 and gives up with the error when the new one is refused too', async () => {
    answer(() => ({ status: 200, body: { errcode: 42001, errmsg: 'access_token expired' } }));
    await expect(client.sendText(inbox, 'o-1', 'hi')).rejects.toThrow(/errcode 42001/);
    expect(fake.requests.filter((r) => r.url === '/cgi-bin/stable_token')).toHaveLength(2);
    expect(fake.requests.filter((r) => r.url.startsWith('/cgi-bin/message'))).toHaveLength(2);
  });

  it('turns WeChat errors into messages an operator can act on', async () => {
    answer(() => ({ status: 200, body: { errcode: 45015, errmsg: 'response out of time limit' } }));
    const err = await client.sendText(inbox, 'o-1', 'hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect((err as WechatApiError).errcode).toBe(45015);
    expect((err as Error).message).toMatch(/last 48 hours/);

    fake.respondWith(() => ({ status: 200, body: { errcode: 40164, errmsg: 'invalid ip' } }));
    await expect(client.sendText({ ...inbox, inboxId: 'other' }, 'o-1', 'hi')).rejects.toThrow(
      /IP whitelist/,
    );
  });

  it('gives up after WECHAT_TIMEOUT_MS and on HTTP errors', async () => {
    answer(() => ({ status: 200, body: { errcode: 0 }, delayMs: 1000 }));
    await expect(client.sendText(inbox, 'o-1', 'hi')).rejects.toThrow(
      'WeChat /cgi-bin/message/custom/send timed out after 300 ms',
    );
    answer(() => ({ status: 502, body: 'bad gateway' }));
    await expect(client.sendText(inbox, 'o-1', 'hi')).rejects.toThrow('answered HTTP 502');
  });

  it('reads the unionid from user/info, and null when the account has no Open Platform binding', async () => {
    answer((req) => ({
      status: 200,
      body: req.url.includes('openid=o-bound') ? { openid: 'o-bound', unionid: 'u-9' } : { openid: 'o-free' },
    }));
    expect(await client.unionId(inbox, 'o-bound')).toBe('u-9');
    expect(await client.unionId(inbox, 'o-free')).toBeNull();
  });
});
