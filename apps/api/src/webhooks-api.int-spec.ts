import { Role, WebhookDto, WebhookTestResultDto } from '@kefu/shared/contracts';
import { WebhookDispatcher } from '@kefu/api/channels';
import { UsersService } from '@kefu/api/identity';
import { RecordedRequest, TestApp, waitFor } from '@kefu/api/platform/testing';
import { count } from './test-helpers';
import { WebhookKit } from './webhooks.test-kit';

/** The webhooks API: switch, test event, rotation, delete, bad input, permissions. */
describe('outbound webhooks: management API (PostgreSQL + Redis)', () => {
  const k = new WebhookKit();
  let t: TestApp;
  let base: string;
  const at = (path: string) => k.at(path);
  const call = <T = unknown>(method: string, path: string, body?: unknown, as?: string) =>
    k.call<T>(method, path, body, as);
  const createWebhook = (path: string, events?: string[]) => k.createWebhook(path, events);
  const verified = (r: RecordedRequest, secret: string) => k.verified(r, secret);
  const say = (user: string, id: string, text: string) => k.say(user, id, text);
  const answers = (path: string, answer: (n: number) => number) => (k.answers[path] = answer);

  beforeAll(async () => {
    await k.start();
    ({ t, base } = k);
  });
  afterAll(() => k.stop());
  beforeEach(async () => {
    await k.reset();
  });

  it('sends nothing to a disabled webhook, and a test event answers what the receiver said', async () => {
    answers('/test-down', () => 500);
    const hook = await createWebhook('/off', ['message.created']);
    const off = await call<WebhookDto>('PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, name: 'hook /off', events: ['message.created'] });
    await (await say('u-8', 'x-1', 'hello')).json();
    await waitFor(
      async () => (await count(t, `SELECT count(*) FROM events WHERE type = 'message.processed'`)) === 1,
    );
    await t.app.get(WebhookDispatcher).dispatch();
    expect(await count(t, 'SELECT count(*) FROM webhook_deliveries')).toBe(0);

    const test = await call<WebhookTestResultDto>('POST', `/api/v1/webhooks/${hook.id}/test`);
    expect(test.body).toMatchObject({ ok: true, status: 200, error: null });
    expect(verified(at('/off')[0], hook.secret as string)).toMatchObject({
      event: 'webhook.test',
      data: { webhook: { id: hook.id } },
    });
    await call('PATCH', `/api/v1/webhooks/${hook.id}`, { url: `${base}/test-down` });
    expect((await call<WebhookTestResultDto>('POST', `/api/v1/webhooks/${hook.id}/test`)).body).toMatchObject(
      { ok: false, status: 500 },
    );
    await call('PATCH', `/api/v1/webhooks/${hook.id}`, { url: 'http://127.0.0.1:9/nothing-listens' });
    const unreachable = await call<WebhookTestResultDto>('POST', `/api/v1/webhooks/${hook.id}/test`);
    expect(unreachable.body).toMatchObject({
      ok: false,
      status: null,
      error: expect.stringMatching(/could not be reached/),
    });
    expect(await count(t, 'SELECT count(*) FROM webhook_deliveries')).toBe(0);
  });

  it('signs with the new secret after a rotation, and a deleted webhook takes its deliveries with it', async () => {
    const hook = await createWebhook('/rotate', ['message.created']);
    const rotated = await call<WebhookDto>('POST', `/api/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect((await call<WebhookDto>('GET', `/api/v1/webhooks/${hook.id}`)).body.secret).toBeUndefined();
    await say('u-9', 'r-1', 'hello');
    const r = await waitFor(() => at('/rotate')[0]);
    verified(r, rotated.body.secret as string);
    await waitFor(async () => (await count(t, 'SELECT count(*) FROM webhook_deliveries')) > 0);
    expect((await call('DELETE', `/api/v1/webhooks/${hook.id}`)).status).toBe(204);
    expect(await count(t, 'SELECT count(*) FROM webhook_deliveries')).toBe(0);
    expect((await call('GET', `/api/v1/webhooks/${hook.id}`)).status).toBe(404);
  });

  it('refuses bad webhook input with 400 naming the field, and stores nothing', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'ftp', url: 'ftp://example.com/hooks', events: ['message.created'] }, 'url'],
      [{ name: 'odd', url: `${base}/x`, events: ['message.deleted'] }, 'events.0'],
      [{ name: 'none', url: `${base}/x`, events: [] }, 'events'],
      [{ name: '', url: `${base}/x`, events: ['message.created'] }, 'name'],
      [{ name: 'js', url: 'javascript:alert(1)', events: ['message.created'] }, 'url'],
      [{ name: 'extra', url: `${base}/x`, events: ['message.created'], secret: 'mine' }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await call<{ message: string; issues: { path: string }[] }>(
        'POST',
        '/api/v1/webhooks',
        body,
      );
      expect(res.status).toBe(400);
      if (path) expect(res.body.issues[0].path).toBe(path);
      expect(res.body.message).toMatch(/^invalid body/);
    }
    const hook = await createWebhook('/ok');
    expect((await call('PATCH', `/api/v1/webhooks/${hook.id}`, { url: 'ftp://example.com' })).status).toBe(
      400,
    );
    expect((await call('PATCH', '/api/v1/webhooks/not-an-id', { name: 'x' })).status).toBe(404);
    expect(await count(t, `SELECT count(*) FROM webhooks WHERE url LIKE 'ftp%'`)).toBe(0);
    expect(await count(t, 'SELECT count(*) FROM webhooks')).toBe(1);
  });

  it('lets only admins manage webhooks and see delivery failures', async () => {
    const hook = await createWebhook('/admin-only');
    await t.app
      .get(UsersService)
      .create({ email: 'agent@kefu.test', name: 'Agent', role: Role.Agent, password: 'agent-password' });
    const login = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@kefu.test', password: 'agent-password' }),
    });
    const agent = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await call('GET', '/api/v1/webhooks', undefined, agent)).status).toBe(403);
    expect(
      (
        await call(
          'POST',
          '/api/v1/webhooks',
          { name: 'x', url: `${base}/x`, events: ['message.created'] },
          agent,
        )
      ).status,
    ).toBe(403);
    expect((await call('POST', `/api/v1/webhooks/${hook.id}/test`, undefined, agent)).status).toBe(403);
    expect((await call('DELETE', `/api/v1/webhooks/${hook.id}`, undefined, agent)).status).toBe(403);
    expect((await call('GET', '/api/v1/delivery-failures', undefined, agent)).status).toBe(403);
    expect((await call('POST', '/api/v1/delivery-failures/replay', { items: [] }, agent)).status).toBe(403);
    expect((await call('GET', '/api/v1/webhooks', undefined, '')).status).toBe(401);
    expect(at('/admin-only')).toHaveLength(0);
  });
});
