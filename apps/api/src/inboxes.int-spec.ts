import { ChannelType, InboxDto, maskSecret, Role } from '@kefu/shared/contracts';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, createInbox, resetApp } from './test-helpers';

/**
 * The contract the admin's inbox pages rely on: secrets and channel credentials in full only in the
 * answer that created or rotated them, masked in every other answer, hidden from read-only users.
 */
describe('inbox secrets are shown once (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let cookie: string;

  const api = async (method: string, path: string, body?: unknown, as = cookie) => {
    const res = await fetch(`${t.url}/api/v1${path}`, {
      method,
      headers: body === undefined ? { cookie: as } : { 'content-type': 'application/json', cookie: as },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const wechat = {
    name: 'Official Account',
    channel: ChannelType.Wechat,
    settings: { appId: 'wx8f2c1d0e5a7b3c91' },
    credentials: { token: 'tok3nTok3n', encodingAESKey: 'A'.repeat(42) + 'b', appSecret: 'app-secret-9876' },
  };

  beforeAll(async () => {
    t = await createTestApp((c) => AppModule.forRoot(c));
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetApp(t);
    cookie = await adminCookie(t);
  });

  it('gives the secret and the credentials in full when the inbox is created, and only their hint after', async () => {
    const created = await createInbox(t, cookie, wechat);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.credentials).toEqual(wechat.credentials);

    const one = (await api('GET', `/inboxes/${created.id}`)).body as InboxDto;
    const list = (await api('GET', '/inboxes')).body as InboxDto[];
    for (const seen of [one, list[0]]) {
      expect(seen).not.toHaveProperty('secret');
      expect(seen.secretHint).toBe(maskSecret(created.secret as string));
      expect(seen.credentials).toEqual({
        token: '••••••••ok3n',
        encodingAESKey: '••••••••AAAb',
        appSecret: '••••••••9876',
      });
      expect(JSON.stringify(seen)).not.toContain(created.secret);
      expect(JSON.stringify(seen)).not.toContain('app-secret-9876');
      expect(seen.settings).toMatchObject({
        kind: 'official_account',
        appId: 'wx8f2c1d0e5a7b3c91',
        encryption: 'safe',
      });
    }
  });

  it('keeps stored credentials that a settings update leaves out or empty, and masks its answer', async () => {
    const created = await createInbox(t, cookie, wechat);
    const patched = await api('PATCH', `/inboxes/${created.id}`, {
      settings: { kind: 'mini_program' },
      credentials: { token: '', appSecret: 'new-app-secret-1234' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).not.toHaveProperty('secret');
    expect(patched.body.credentials.appSecret).toBe('••••••••1234');
    expect(patched.body.settings).toMatchObject({ kind: 'mini_program', appId: 'wx8f2c1d0e5a7b3c91' });

    // Rotating shows everything in full once more: the token is the one stored at creation.
    const rotated = (await api('POST', `/inboxes/${created.id}/rotate-secret`, {})).body as InboxDto;
    expect(rotated.credentials).toEqual({ ...wechat.credentials, appSecret: 'new-app-secret-1234' });
  });

  it('shows a rotated secret once, and its hint afterwards', async () => {
    const created = await createInbox(t, cookie, { name: 'Shop chat', channel: ChannelType.Widget });
    const rotated = await api('POST', `/inboxes/${created.id}/rotate-secret`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.secret).not.toBe(created.secret);
    const after = (await api('GET', `/inboxes/${created.id}`)).body as InboxDto;
    expect(after).not.toHaveProperty('secret');
    expect(after.secretHint).toBe(maskSecret(rotated.body.secret));
  });

  it('shows a user without inboxes.manage the settings but neither the secret, its hint nor the credentials', async () => {
    const created = await createInbox(t, cookie, wechat);
    const user = {
      email: 'agent@kefu.test',
      name: 'Agent',
      role: Role.Agent,
      password: 'agent-password-123',
    };
    expect((await api('POST', '/users', user)).status).toBe(201);
    const login = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const agent = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const seen = (await api('GET', `/inboxes/${created.id}`, undefined, agent)).body as InboxDto;
    expect(seen.settings).toMatchObject({ appId: 'wx8f2c1d0e5a7b3c91' });
    expect(seen).not.toHaveProperty('secret');
    expect(seen).not.toHaveProperty('secretHint');
    expect(seen).not.toHaveProperty('credentials');
    expect((await api('POST', `/inboxes/${created.id}/rotate-secret`, {}, agent)).status).toBe(403);
  });

  it('answers bad channel settings with a 400 that names the field, and changes nothing', async () => {
    const created = await createInbox(t, cookie, {
      name: 'Shop chat',
      channel: ChannelType.Widget,
      settings: { color: '#00897b' },
    });
    const res = await api('PATCH', `/inboxes/${created.id}`, {
      settings: { color: 'teal', allowedOrigins: ['not a url'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/settings\.color: use a #rrggbb colour/);
    expect(res.body.message).toMatch(/settings\.allowedOrigins\.0/);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'settings.color', message: 'use a #rrggbb colour' },
        expect.objectContaining({ path: 'settings.allowedOrigins.0' }),
      ]),
    );
    const after = (await api('GET', `/inboxes/${created.id}`)).body as InboxDto;
    expect(after.settings).toMatchObject({ color: '#00897b', allowedOrigins: [] });
  });
});
