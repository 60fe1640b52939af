import { Role, UserDto } from '@kefu/shared/contracts';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { FirstAdminService } from './first-admin.service';
import { client, identityRoot, sessionCookie } from './testing/identity-test-kit';
import { UsersService } from './users.service';

const ADMIN = { email: 'admin@kefu.test', password: 'admin-password-for-tests' };
const newAgent = {
  email: 'new.agent@kefu.test',
  name: 'New Agent',
  role: Role.Agent,
  password: 'a-long-password',
};

describe('managing staff accounts', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let adminCookie: string;
  const signIn = async (email: string, password: string) =>
    sessionCookie(await api('POST', '/api/v1/auth/login', { body: { email, password } }));
  const userCount = async (): Promise<number> =>
    Number((await t.db.query(`SELECT count(*) AS n FROM users`))[0].n);
  const makeUser = (role: Role, email: string) =>
    t.app.get(UsersService).create({ email, name: `${role} user`, role, password: 'staff-password' });

  beforeAll(async () => {
    t = await createTestApp(identityRoot);
    api = client(t.url);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.db);
    await t.app.get(FirstAdminService).ensureFirstAdmin();
    adminCookie = await signIn(ADMIN.email, ADMIN.password);
  });

  it('lets an admin create a user, who can then sign in with their role', async () => {
    const res = await api('POST', '/api/v1/users', { body: newAgent, cookie: adminCookie });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      email: newAgent.email,
      name: newAgent.name,
      role: Role.Agent,
      createdAt: expect.any(String),
      lastLoginAt: null,
    });

    const me = await api('GET', '/api/v1/auth/me', {
      cookie: await signIn(newAgent.email, newAgent.password),
    });
    expect(me.body).toMatchObject({
      user: { email: newAgent.email, role: Role.Agent },
      permissions: ['inboxes.read', 'conversations.read', 'handoff.work', 'nlu.read', 'knowledge.read', 'dialogue.read'],
    });
  });

  it('lists users for an admin without ever showing password hashes', async () => {
    await makeUser(Role.Agent, 'agent@kefu.test');
    const res = await api('GET', '/api/v1/users', { cookie: adminCookie });
    expect(res.status).toBe(200);
    const users = res.body as unknown as UserDto[];
    expect(users.map((u) => u.email)).toEqual([ADMIN.email, 'agent@kefu.test']);
    expect(JSON.stringify(users)).not.toMatch(/password|argon2|failed|locked/i);
  });

  it('lets a compliance officer read the user list but not add to it', async () => {
    await makeUser(Role.ComplianceOfficer, 'dpo@kefu.test');
    const cookie = await signIn('dpo@kefu.test', 'staff-password');
    expect((await api('GET', '/api/v1/users', { cookie })).status).toBe(200);
    const create = await api('POST', '/api/v1/users', { body: newAgent, cookie });
    expect(create.status).toBe(403);
    expect(create.body.message).toMatch(/users\.manage/);
  });

  it('forbids an agent to create users or see the user list, and creates nothing', async () => {
    await makeUser(Role.Agent, 'agent@kefu.test');
    const cookie = await signIn('agent@kefu.test', 'staff-password');

    const create = await api('POST', '/api/v1/users', { body: { ...newAgent, role: Role.Admin }, cookie });
    expect(create.status).toBe(403);
    expect(create.body.message).toBe('your role (agent) lacks the permission users.manage');
    const list = await api('GET', '/api/v1/users', { cookie });
    expect(list.status).toBe(403);
    expect(list.body.message).toMatch(/users\.read/);
    expect(await userCount()).toBe(2);
  });

  it('refuses a second account with an email already taken, whatever its letter case, without logging it', async () => {
    expect((await api('POST', '/api/v1/users', { body: newAgent, cookie: adminCookie })).status).toBe(201);
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const again = await api('POST', '/api/v1/users', {
      body: { ...newAgent, email: 'New.Agent@KEFU.test', name: 'Other' },
      cookie: adminCookie,
    });
    expect(printed.mock.calls.flat().join(' ')).not.toMatch(/new\.agent|argon2/i);
    printed.mockRestore();
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('a user with this email already exists');
    expect(await userCount()).toBe(2);
  });

  it.each([
    ['an invalid email', { ...newAgent, email: 'not-an-email' }, /email/],
    ['a short password', { ...newAgent, password: 'short' }, /password at least 10 characters/],
    ['an unknown role', { ...newAgent, role: 'owner' }, /role/],
    ['a missing name', { ...newAgent, name: undefined }, /name/],
    ['no body at all', undefined, /body/],
  ])('rejects %s with 400 naming the field and creates nobody', async (_what, body, message) => {
    const res = await api('POST', '/api/v1/users', { body, cookie: adminCookie });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(await userCount()).toBe(1);
  });

  it('rejects malformed JSON with 400 and creates nobody', async () => {
    const res = await api('POST', '/api/v1/users', { raw: '{"email": "x@kefu.test",', cookie: adminCookie });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/JSON/);
    expect(await userCount()).toBe(1);
  });
});
