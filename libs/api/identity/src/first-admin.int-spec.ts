import { DataSource } from 'typeorm';
import { Role } from '@kefu/shared/contracts';
import { createTestApp, resetDatabase, TestApp, testConfig } from '@kefu/api/platform/testing';
import { FirstAdminService } from './first-admin.service';
import { client, identityRoot } from './testing/identity-test-kit';

describe('the first admin account', () => {
  let db: DataSource;
  const apps: TestApp[] = [];
  const boot = async (overrides: Record<string, string | undefined>) => {
    const t = await createTestApp(identityRoot, overrides);
    apps.push(t);
    return t;
  };
  const users = async (): Promise<{ email: string; role: string }[]> =>
    db.query(`SELECT email, role FROM users ORDER BY created_at`);
  const canLogIn = async (t: TestApp, email: string, password: string) =>
    (await client(t.url)('POST', '/api/v1/auth/login', { body: { email, password } })).status === 200;

  beforeAll(async () => {
    const { database } = testConfig();
    db = new DataSource({ type: 'postgres', url: database.kind === 'postgres' ? database.url : '' });
    await db.initialize();
  });
  afterAll(() => db.destroy());
  beforeEach(() => resetDatabase(db));
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((t) => t.close()));
    jest.restoreAllMocks();
  });

  it('is created on the first boot from ADMIN_EMAIL and ADMIN_PASSWORD, and not again on the next boot', async () => {
    const first = await boot({ ADMIN_EMAIL: 'Owner@Shop.test', ADMIN_PASSWORD: 'first-boot-password' });
    expect(await users()).toEqual([{ email: 'owner@shop.test', role: Role.Admin }]);
    expect(await canLogIn(first, 'owner@shop.test', 'first-boot-password')).toBe(true);
    await first.close();
    apps.length = 0;

    const second = await boot({
      ADMIN_EMAIL: 'someone.else@shop.test',
      ADMIN_PASSWORD: 'second-boot-password',
    });
    expect(await users()).toEqual([{ email: 'owner@shop.test', role: Role.Admin }]);
    expect(await canLogIn(second, 'someone.else@shop.test', 'second-boot-password')).toBe(false);
    expect(await second.app.get(FirstAdminService).ensureFirstAdmin()).toBe('exists');
  });

  it('without ADMIN_PASSWORD gets a generated password, printed once in a box, that works', async () => {
    const printed: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const t = await boot({ ADMIN_EMAIL: 'owner@shop.test', ADMIN_PASSWORD: undefined });
    await t.app.get(FirstAdminService).ensureFirstAdmin();
    jest.restoreAllMocks();

    const boxes = printed.filter((p) => p.includes('first admin account was created'));
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toContain('email:    owner@shop.test');
    expect(boxes[0]).toMatch(/^\+-+\+$/m);
    const password = /password: (\S+)/.exec(boxes[0])?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(await canLogIn(t, 'owner@shop.test', password)).toBe(true);
  });

  it('is created only once when two processes boot at the same time', async () => {
    const [a, b] = await Promise.all([
      boot({ ADMIN_EMAIL: 'owner@shop.test', ADMIN_PASSWORD: 'race-password-1' }),
      boot({ ADMIN_EMAIL: 'owner@shop.test', ADMIN_PASSWORD: 'race-password-1' }),
    ]);
    expect(await users()).toEqual([{ email: 'owner@shop.test', role: Role.Admin }]);
    const outcomes = await Promise.all([a, b].map((t) => t.app.get(FirstAdminService).ensureFirstAdmin()));
    expect(outcomes).toEqual(['exists', 'exists']);
  });

  it('two simultaneous attempts on an empty table create exactly one admin', async () => {
    const t = await boot({ ADMIN_EMAIL: 'owner@shop.test' });
    await resetDatabase(db);
    const service = t.app.get(FirstAdminService);
    const outcomes = await Promise.all([
      service.ensureFirstAdmin(),
      service.ensureFirstAdmin(),
      service.ensureFirstAdmin(),
    ]);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(await users()).toHaveLength(1);
  });
});
