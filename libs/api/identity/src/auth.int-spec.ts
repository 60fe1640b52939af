import { createHash } from 'node:crypto';
import { Role, SESSION_COOKIE } from '@kefu/shared/contracts';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { client, identityRoot, sessionCookie } from './testing/identity-test-kit';
import { UsersService } from './users.service';

const ADMIN = { email: 'admin@kefu.test', password: 'admin-password-for-tests' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('signing in and out', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const login = (email: string, password: string, cookie?: string) =>
    api('POST', '/api/v1/auth/login', { body: { email, password }, cookie });
  const failedLoginCount = async (email: string): Promise<number> =>
    (await t.db.query(`SELECT failed_login_count FROM users WHERE email = $1`, [email]))[0]
      .failed_login_count;

  beforeAll(async () => {
    t = await createTestApp(identityRoot, {
      LOGIN_MAX_ATTEMPTS: '3',
      LOGIN_LOCKOUT_SECONDS: '1',
      SESSION_TTL_HOURS: '8',
    });
    api = client(t.url);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.db);
    await t.app.get(FirstAdminService).ensureFirstAdmin();
  });

  it('signs in with email and password and keeps the session in an httpOnly cookie', async () => {
    const res = await login('Admin@Kefu.test', ADMIN.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { email: ADMIN.email, role: Role.Admin, name: 'Administrator' } });
    expect(res.body['permissions']).toEqual(expect.arrayContaining(['users.manage', 'users.read']));
    expect(JSON.stringify(res.body)).not.toMatch(/password|argon2/i);

    const cookie = res.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=28800/);
    expect(cookie).not.toMatch(/Secure/);

    const me = await api('GET', '/api/v1/auth/me', { cookie: sessionCookie(res) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: ADMIN.email, role: Role.Admin } });
    expect((me.body['user'] as { lastLoginAt: string }).lastLoginAt).toEqual(expect.any(String));
  });

  it('stores only a hash of the session token, never the token itself', async () => {
    const token = sessionCookie(await login(ADMIN.email, ADMIN.password)).split('=')[1];
    const rows: { token_hash: string; expires_at: Date }[] = await t.db.query(
      `SELECT token_hash, expires_at FROM sessions`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(rows[0].token_hash).not.toContain(token);
    const hoursLeft = (rows[0].expires_at.getTime() - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(7.9);
    expect(hoursLeft).toBeLessThanOrEqual(8);
  });

  it('logging out ends the session: the same cookie no longer works', async () => {
    const cookie = sessionCookie(await login(ADMIN.email, ADMIN.password));
    const out = await api('POST', '/api/v1/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.setCookie.join()).toMatch(
      new RegExp(`${SESSION_COOKIE}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`),
    );

    const me = await api('GET', '/api/v1/auth/me', { cookie });
    expect(me.status).toBe(401);
    expect(await t.db.query(`SELECT id FROM sessions`)).toEqual([]);
  });

  it('asks a visitor who is not signed in to log in first', async () => {
    for (const cookie of [undefined, `${SESSION_COOKIE}=forged-token`]) {
      const me = await api('GET', '/api/v1/auth/me', { cookie });
      expect(me.status).toBe(401);
      expect(me.body.message).toBe('log in first');
      expect((await api('GET', '/api/v1/users', { cookie })).status).toBe(401);
      expect((await api('POST', '/api/v1/auth/logout', { cookie })).status).toBe(401);
    }
  });

  it('gives the same answer for an unknown email and for a wrong password', async () => {
    const unknown = await login('nobody@kefu.test', ADMIN.password);
    const wrong = await login(ADMIN.email, 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.setCookie).toEqual([]);
  });

  it('rejects a malformed login with 400 and counts no failed attempt', async () => {
    const bad = await login('not-an-email', 'x');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/email/);
    expect((await api('POST', '/api/v1/auth/login', { raw: '{"email":' })).status).toBe(400);
    expect(await failedLoginCount(ADMIN.email)).toBe(0);
  });

  it('locks the account after too many wrong passwords, refuses even the right one, and reopens after the lockout', async () => {
    expect((await login(ADMIN.email, 'wrong-1')).status).toBe(401);
    expect((await login(ADMIN.email, 'wrong-2')).status).toBe(401);
    const locking = await login(ADMIN.email, 'wrong-3');
    expect(locking.status).toBe(423);

    const refused = await login(ADMIN.email, ADMIN.password);
    expect(refused.status).toBe(423);
    const until = /locked until (\S+)$/.exec(refused.body.message ?? '')?.[1] ?? '';
    expect(new Date(until).toISOString()).toBe(until);
    expect(refused.setCookie).toEqual([]);

    await sleep(1100);
    const back = await login(ADMIN.email, ADMIN.password);
    expect(back.status).toBe(200);
    expect(await failedLoginCount(ADMIN.email)).toBe(0);
  });

  it('forgets earlier wrong passwords once the user signs in successfully', async () => {
    await login(ADMIN.email, 'wrong-1');
    await login(ADMIN.email, 'wrong-2');
    expect((await login(ADMIN.email, ADMIN.password)).status).toBe(200);
    await login(ADMIN.email, 'wrong-3');
    await login(ADMIN.email, 'wrong-4');
    expect((await login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('refuses an expired session and forgets it', async () => {
    const cookie = sessionCookie(await login(ADMIN.email, ADMIN.password));
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    const me = await api('GET', '/api/v1/auth/me', { cookie });
    expect(me.status).toBe(401);
    expect(me.body.message).toBe('log in first');
    expect(await t.db.query(`SELECT id FROM sessions`)).toEqual([]);
  });

  it('records when a session was last used, at most once a minute', async () => {
    const cookie = sessionCookie(await login(ADMIN.email, ADMIN.password));
    const lastSeen = async (): Promise<Date> =>
      (await t.db.query(`SELECT last_seen_at FROM sessions`))[0].last_seen_at;

    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '30 seconds'`);
    const recent = await lastSeen();
    await api('GET', '/api/v1/auth/me', { cookie });
    expect(await lastSeen()).toEqual(recent);

    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '2 minutes'`);
    const stale = await lastSeen();
    await api('GET', '/api/v1/auth/me', { cookie });
    // Moved up to the request's time: well past the stale mark (the two are 2 minutes apart).
    expect((await lastSeen()).getTime() - stale.getTime()).toBeGreaterThan(60_000);
  });

  it('signing in again from the same browser replaces its old session', async () => {
    const first = sessionCookie(await login(ADMIN.email, ADMIN.password));
    const second = sessionCookie(await login(ADMIN.email, ADMIN.password, first));
    expect((await api('GET', '/api/v1/auth/me', { cookie: first })).status).toBe(401);
    expect((await api('GET', '/api/v1/auth/me', { cookie: second })).status).toBe(200);
  });

  it('recognises the signed-in user from the cookie header of a websocket handshake', async () => {
    const users = t.app.get(UsersService);
    await users.create({
      email: 'agent@kefu.test',
      name: 'Agent',
      role: Role.Agent,
      password: 'agent-password',
    });
    const cookie = sessionCookie(await login('agent@kefu.test', 'agent-password'));
    const auth = t.app.get(AuthService);

    const user = await auth.userFromCookieHeader(`theme=dark; ${cookie}; lang=zh`);
    expect(user).toEqual({
      id: expect.any(String),
      email: 'agent@kefu.test',
      name: 'Agent',
      role: Role.Agent,
    });
    await expect(auth.userFromCookieHeader(undefined)).resolves.toBeNull();
    await expect(auth.userFromCookieHeader('theme=dark')).resolves.toBeNull();
    await expect(auth.userFromCookieHeader(`${SESSION_COOKIE}=forged`)).resolves.toBeNull();

    await api('POST', '/api/v1/auth/logout', { cookie });
    await expect(auth.userFromCookieHeader(cookie)).resolves.toBeNull();
  });
});
