import { NluIntentDto, NluModelDto, NluResult, NluTrainingRunDto, Role } from '@kefu/shared/contracts';
import { UsersService } from '@kefu/api/identity';
import { createTestApp, resetDatabase, TestApp, waitFor } from '@kefu/api/platform/testing';
import { NluModelRegistry, NluService } from '@kefu/api/nlu';
import { AppModule } from './app.module';
import { adminCookie } from './test-helpers';

describe('the offline language engine over HTTP', () => {
  let t: TestApp;
  let cookie: string;
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    c = cookie,
  ) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { cookie: c, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  const parse = async (text: string) => (await call<NluResult>('POST', '/api/v1/nlu/parse', { text })).body;

  beforeAll(async () => {
    t = await createTestApp((config) => AppModule.forRoot(config));
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.db);
    await t.app.get(NluModelRegistry).ensureActiveModel();
    cookie = await adminCookie(t);
  });

  it('parses a shopper message into language, intent with ranking, entities and emotion', async () => {
    const r = await parse('亲 我上周买的T恤订单号4200000123456789还没发货咋回事');
    expect(r.language).toBe('zh');
    expect(['track_order', 'shipment_exception', 'delivery_period']).toContain(r.intent);
    expect(r.ranking.length).toBeGreaterThan(40);
    expect(r.ranking[0]).toEqual({ intent: r.intent, confidence: r.confidence });
    expect(r.entities).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'order_number', value: '4200000123456789' })]),
    );
    expect(r.emotion.label).toBeDefined();
  });

  it.each([['今天天气怎么样'], ['tell me a joke'], ['what is the capital of France']])(
    'sends %j out of scope',
    async (text) => {
      expect((await parse(text)).intent).toBe('out_of_scope');
    },
  );

  it('answers bad input with a result, and a malformed request with a clear 400', async () => {
    const long = await parse('x'.repeat(20_000));
    expect(long.truncated).toBe(true);
    expect((await parse('')).intent).toBe('out_of_scope');
    const missing = await call('POST', '/api/v1/nlu/parse', { txt: 'hello' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('text');
    const broken = await call('POST', '/api/v1/nlu/parse', '{"text": ');
    expect(broken.status).toBe(400);
  });

  it('refuses anonymous callers and lets only admins change intents', async () => {
    expect((await call('POST', '/api/v1/nlu/parse', { text: 'hi' }, '')).status).toBe(401);
    await t.app
      .get(UsersService)
      .create({ email: 'agent@kefu.test', name: 'Agent', role: Role.Agent, password: 'agent-password' });
    const login = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@kefu.test', password: 'agent-password' }),
    });
    const agent = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await call('POST', '/api/v1/nlu/parse', { text: 'hi' }, agent)).status).toBe(200);
    expect((await call('POST', '/api/v1/nlu/intents', { name: 'gift_wrap' }, agent)).status).toBe(403);
    expect((await call('POST', '/api/v1/nlu/train', {}, agent)).status).toBe(403);
  });

  it('lists the default taxonomy with example counts per language', async () => {
    const { body } = await call<NluIntentDto[]>('GET', '/api/v1/nlu/intents');
    const names = body.map((i) => i.name);
    for (const n of [
      'track_order',
      'get_refund',
      'return_item',
      'size_advice',
      'out_of_scope',
      'contact_human_agent',
    ]) {
      expect(names).toContain(n);
    }
    expect(body).toHaveLength(42);
    const track = body.find((i) => i.name === 'track_order') as NluIntentDto;
    expect(track.exampleCounts.zh).toBeGreaterThanOrEqual(40);
    expect(track.exampleCounts.en).toBeGreaterThanOrEqual(40);
    expect(track.exampleCounts.ja).toBeGreaterThanOrEqual(15);
  });

  it('validates new intents and examples and changes nothing on bad input', async () => {
    expect((await call('POST', '/api/v1/nlu/intents', { name: 'Bad Name!' })).status).toBe(400);
    expect((await call('POST', '/api/v1/nlu/intents', { name: 'track_order' })).status).toBe(409);
    expect(
      (await call('POST', '/api/v1/nlu/intents/no_such_intent/examples', { examples: [{ text: 'x' }] }))
        .status,
    ).toBe(404);
    expect((await call('POST', '/api/v1/nlu/intents/track_order/examples', { examples: [] })).status).toBe(
      400,
    );
    expect(
      (await call('POST', '/api/v1/nlu/intents/track_order/examples', { examples: [{ text: '  ' }] })).status,
    ).toBe(400);
    expect((await call('DELETE', '/api/v1/nlu/intents/track_order')).status).toBe(400);
    expect((await call('POST', '/api/v1/nlu/models/999/activate')).status).toBe(404);
    expect((await call('POST', '/api/v1/nlu/models/abc/activate')).status).toBe(400);
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM nlu_examples`))[0].n)).toBe(0);
  });

  it('learns a new intent in a background retrain, swaps the model in without a restart, and restores the previous one', async () => {
    const before = await parse('can you gift wrap it with a ribbon');
    const baseVersion = before.modelVersion;

    expect(
      (
        await call('POST', '/api/v1/nlu/intents', {
          name: 'gift_wrap',
          description: 'gift wrapping and cards',
        })
      ).status,
    ).toBe(201);
    const examples = [
      'can you gift wrap my order',
      'i want gift wrapping please',
      'do you offer gift wrap',
      'wrap it as a present',
      'add a gift card message and wrapping',
      'is gift wrapping free',
      '可以帮我礼品包装吗',
      '能包装成礼物吗',
      '礼盒包装要加钱吗',
      '送人的 帮忙包一下',
      'ギフト包装できますか',
      'プレゼント用にラッピングしてほしい',
    ];
    const added = await call<{ added: number; skipped: number }>(
      'POST',
      '/api/v1/nlu/intents/gift_wrap/examples',
      {
        examples: [...examples.map((text) => ({ text })), { text: examples[0] }],
      },
    );
    expect(added.body).toEqual({ added: 12, skipped: 1 });

    const started = await call<NluTrainingRunDto>('POST', '/api/v1/nlu/train', {});
    expect(started.status).toBe(202);
    const again = await call<NluTrainingRunDto>('POST', '/api/v1/nlu/train', {});
    expect(again.body.id).toBe(started.body.id);

    const done = await waitFor(
      async () => {
        const r = await call<NluTrainingRunDto>('GET', `/api/v1/nlu/training-runs/${started.body.id}`);
        return r.body.status === 'succeeded' || r.body.status === 'failed' ? r.body : null;
      },
      { timeout: 150_000, interval: 200 },
    );
    expect(done).toMatchObject({ status: 'succeeded', progress: 1 });
    expect(done.modelVersion).toBeGreaterThan(baseVersion);

    const after = await parse('could you gift wrap the scarf');
    expect(after.intent).toBe('gift_wrap');
    expect(after.modelVersion).toBe(done.modelVersion);
    expect((await parse('帮我礼品包装一下')).intent).toBe('gift_wrap');

    const models = (await call<NluModelDto[]>('GET', '/api/v1/nlu/models')).body;
    expect(models.map((m) => m.status)).toContain('active');
    const active = models.find((m) => m.status === 'active') as NluModelDto;
    expect(active.version).toBe(done.modelVersion);
    expect(active.metrics['zh']?.accuracy).toBeGreaterThan(0.5);

    const previous = models.find((m) => m.version === baseVersion);
    if (previous) {
      const restored = await call<NluModelDto>('POST', `/api/v1/nlu/models/${baseVersion}/activate`);
      expect(restored.status).toBe(200);
      expect(restored.body.status).toBe('active');
      const back = await parse('could you gift wrap the scarf');
      expect(back.modelVersion).toBe(baseVersion);
      expect(back.intent).not.toBe('gift_wrap');
    }
    // Retraining on ~40,000 examples takes 10-20 s on a quiet 2-core machine; allow for a busy one.
  }, 180_000);

  it('gives up on a run orphaned by a crash so retraining is never blocked', async () => {
    await t.db.query(
      `INSERT INTO nlu_training_runs (status, stage, started_at, created_at) VALUES ('running', 'training', now() - interval '1 hour', now() - interval '1 hour')`,
    );
    const res = await call<NluTrainingRunDto>('POST', '/api/v1/nlu/train', {});
    expect(res.status).toBe(202);
    const runs = (await call<NluTrainingRunDto[]>('GET', '/api/v1/nlu/training-runs')).body;
    expect(runs.find((r) => r.id !== res.body.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('interrupted'),
    });
    await waitFor(
      async () => {
        const r = await call<NluTrainingRunDto>('GET', `/api/v1/nlu/training-runs/${res.body.id}`);
        return r.body.status === 'succeeded' || r.body.status === 'failed' ? r.body : null;
      },
      { timeout: 150_000, interval: 200 },
    );
  }, 180_000);

  it('accepts examples taught from the unknown-question queue through the domain event', async () => {
    const nlu = t.app.get(NluService);
    await nlu.onExamplesSubmitted({
      intent: 'track_order',
      examples: [{ text: 'yo where my stuff at' }],
      source: 'unknown_questions',
      retrain: false,
      submittedBy: null,
    });
    const rows = await t.db.query(`SELECT intent, source, language FROM nlu_examples`);
    expect(rows).toEqual([{ intent: 'track_order', source: 'unknown_questions', language: 'en' }]);
  });
});
