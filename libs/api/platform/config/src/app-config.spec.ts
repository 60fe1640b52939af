import { parseConfig } from './app-config';

describe('parseConfig', () => {
  it('runs embedded with no database or Redis configured', () => {
    const c = parseConfig({});
    expect(c.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(c.queue).toEqual({ kind: 'in-process' });
    expect(c.PORT).toBe(3000);
    expect(c.runsApi && c.runsWorker).toBe(true);
  });

  it('uses PostgreSQL and BullMQ when their URLs are set', () => {
    const c = parseConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/kefu', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c.database.kind).toBe('postgres');
    expect(c.queue).toEqual({ kind: 'bullmq', url: 'redis://127.0.0.1:6379', prefix: 'kefu' });
  });

  it('names the variable when a value is wrong', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ ROLE: 'boss' })).toThrow(/^Invalid configuration: ROLE/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL .*postgres/);
  });

  it('never echoes a secret value in the error', () => {
    expect(() => parseConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
    try {
      parseConfig({ ADMIN_PASSWORD: 'short' });
    } catch (e) {
      expect(String(e)).not.toContain('short"');
    }
  });

  it("checks Claude's settings without echoing the secret", () => {
    expect(parseConfig({}).SHOP_TIMEZONE).toBe('Asia/Shanghai');
    expect(() => parseConfig({ SHOP_TIMEZONE: 'Mars/Olympus' })).toThrow(/SHOP_TIMEZONE .*IANA/);
    expect(() => parseConfig({ ANTHROPIC_BASE_URL: 'ftp://x' })).toThrow(/ANTHROPIC_BASE_URL/);
    expect(() => parseConfig({ KEFU_SECRET_KEY: 'too-short-secret' })).toThrow(/KEFU_SECRET_KEY must be at least 32/);
    try {
      parseConfig({ KEFU_SECRET_KEY: 'too-short-secret' });
    } catch (e) {
      expect(String(e)).not.toContain('too-short-secret');
    }
  });

  it('splits the roles', () => {
    expect(parseConfig({ ROLE: 'api' })).toMatchObject({ runsApi: true, runsWorker: false });
    expect(parseConfig({ ROLE: 'worker' })).toMatchObject({ runsApi: false, runsWorker: true });
  });
});
