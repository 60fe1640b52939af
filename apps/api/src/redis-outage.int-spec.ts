import { InboxDto } from '@kefu/shared/contracts';
import { createTestApp, serviceUrls, TcpProxy, TestApp, waitFor } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, count, createInbox, postSigned, resetApp } from './test-helpers';

describe('a Redis outage (PostgreSQL + Redis behind a proxy)', () => {
  let t: TestApp;
  let inbox: InboxDto;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const redis = new URL(serviceUrls().redis);
    proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
    const port = await proxy.start();
    t = await createTestApp((c) => AppModule.forRoot(c), { REDIS_URL: `redis://127.0.0.1:${port}` });
    await resetApp(t);
    inbox = await createInbox(t, await adminCookie(t), { name: 'App', greetingEnabled: true, greetingMessage: 'Hello!' });
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await proxy.stop();
  });

  it('accepts a message while Redis is down and processes it exactly once when Redis is back', async () => {
    proxy.cut();
    const res = await postSigned(t, inbox, { externalMessageId: 'while-down', externalUserId: 'u-1', text: 'is anyone there?' });
    expect(res.status).toBe(202);
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(503);

    // Stored as the outbox row, not yet processed.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await count(t, `SELECT count(*) FROM messages WHERE status = 'received'`)).toBe(1);
    expect(await count(t, `SELECT count(*) FROM events WHERE type = 'message.processed'`)).toBe(0);

    proxy.restore();
    await waitFor(async () => (await count(t, `SELECT count(*) FROM messages WHERE status = 'processed'`)) === 1, { timeout: 20_000 });
    // Let the sweeper run a few more rounds: nothing is processed twice.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count(t, `SELECT count(*) FROM events WHERE type = 'message.processed'`)).toBe(1);
    expect(await count(t, `SELECT count(*) FROM messages WHERE direction = 'outgoing'`)).toBe(1);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
