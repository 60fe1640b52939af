import { createServer, Server } from 'node:http';
import { KnowledgeFeedDto, KnowledgeFeedRunDto } from '@kefu/shared/contracts';
import { createTestApp, FakeHttpServer, TestApp, waitFor } from '@kefu/api/platform/testing';
import { client, count, knowledgeRoot, resetKnowledge, staff } from '../testing/knowledge-test-kit';
import { FeedSyncService } from './feed-sync.service';

const v1 = [
  { externalKey: 'rule-returns', title: '退货规则', questions: ['可以退货吗'], answer: '7 天无理由退货。' },
  { externalKey: 'rule-shipping', title: '运费规则', answer: '满 99 包邮。' },
  { externalKey: 'rule-invoice', title: '发票规则', answer: '电子发票。' },
];

describe('knowledge feed sync', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let cookies: Awaited<ReturnType<typeof staff>>;
  let shop: FakeHttpServer;
  let shopUrl: string;

  const createFeed = async (body: Record<string, unknown> = {}) => {
    const res = await api<KnowledgeFeedDto>('POST', '/api/v1/knowledge/feeds', {
      body: { name: 'Shop rules', url: `${shopUrl}/rules.json`, ...body },
      cookie: cookies.admin,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const runNow = async (feedId: string) => {
    const res = await api<KnowledgeFeedRunDto>('POST', `/api/v1/knowledge/feeds/${feedId}/run`, {
      cookie: cookies.admin,
    });
    expect(res.status).toBe(202);
    return waitFor(async () => {
      const runs = await api<KnowledgeFeedRunDto[]>('GET', `/api/v1/knowledge/feeds/${feedId}/runs`, {
        cookie: cookies.agent,
      });
      const run = runs.body.find((r) => r.id === res.body.id);
      return run && run.status !== 'running' ? run : null;
    });
  };
  const snapshot = () =>
    t.db.query(`SELECT id, external_key, status, version, answer FROM knowledge_articles ORDER BY id`);

  beforeAll(async () => {
    t = await createTestApp(knowledgeRoot, { FEED_TIMEOUT_MS: '500', FEED_MAX_BYTES: '4096' });
    api = client(t.url);
    shop = new FakeHttpServer();
    shopUrl = await shop.start();
  });
  afterAll(async () => {
    await shop.stop();
    await t.close();
  });
  beforeEach(async () => {
    await resetKnowledge(t);
    cookies = await staff(t);
    shop.respondWith(() => ({ status: 200, body: v1 }));
  });

  it('creates the articles of a new feed, then applies its changes as new versions and archives what it dropped', async () => {
    const feed = await createFeed({ locale: 'zh-CN' });
    expect(feed).toMatchObject({
      schedule: '0 3 * * *',
      timezone: 'UTC',
      enabled: true,
      lastRun: null,
      alert: null,
    });
    expect(new Date(feed.nextRunAt as string).getUTCHours()).toBe(3);

    const first = await runNow(feed.id);
    expect(first).toMatchObject({
      status: 'succeeded',
      created: 3,
      updated: 0,
      archived: 0,
      unchanged: 0,
      error: null,
    });

    shop.respondWith(() => ({
      status: 200,
      body: {
        articles: [
          { ...v1[0], answer: '7 天无理由退货，质量问题包运费。' },
          v1[1],
          { externalKey: 'rule-coupons', title: '优惠券规则', answer: '每单一张。', tags: ['coupons'] },
        ],
      },
    }));
    const second = await runNow(feed.id);
    expect(second).toMatchObject({ status: 'succeeded', created: 1, updated: 1, archived: 1, unchanged: 1 });
    expect(second.changes.map((c) => [c.change, c.externalKey, c.version])).toEqual([
      ['created', 'rule-coupons', 1],
      ['updated', 'rule-returns', 2],
      ['archived', 'rule-invoice', 2],
    ]);
    const rows = (await snapshot()) as { external_key: string; status: string; version: number }[];
    expect(rows.map((r) => [r.external_key, r.status, r.version])).toEqual([
      ['rule-returns', 'published', 2],
      ['rule-shipping', 'published', 1],
      ['rule-invoice', 'archived', 2],
      ['rule-coupons', 'published', 1],
    ]);
    const [src] = (await t.db.query(
      `SELECT v.source, a.feed_id FROM knowledge_article_versions v JOIN knowledge_articles a ON a.id = v.article_id WHERE a.external_key = 'rule-returns' AND v.version = 2`,
    )) as { source: string; feed_id: string }[];
    expect(src).toEqual({ source: 'feed', feed_id: feed.id });
    const listed = await api<KnowledgeFeedDto>('GET', `/api/v1/knowledge/feeds/${feed.id}`, {
      cookie: cookies.agent,
    });
    expect(listed.body.lastRun?.id).toBe(second.id);
    expect(listed.body.alert).toBeNull();
  });

  it.each([
    ['answers HTTP 500', () => ({ status: 500, body: { error: 'down' } }), 'the feed answered HTTP 500'],
    [
      'is too slow',
      () => ({ status: 200, body: v1, delayMs: 1500 }),
      'the feed did not answer within 500 ms',
    ],
    [
      'is too big',
      () => ({
        status: 200,
        body: Array.from({ length: 60 }, (_, i) => ({
          externalKey: `k${i}`,
          title: `t${i}`,
          answer: 'x'.repeat(50),
        })),
      }),
      'the feed is larger than 4096 bytes',
    ],
    [
      'is not a list of articles',
      () => ({ status: 200, body: { rules: [] } }),
      'the JSON must be an array of articles or an object with an "articles" array',
    ],
    [
      'has a row without an answer',
      () => ({ status: 200, body: [v1[0], { externalKey: 'x', title: 'no answer' }] }),
      'row 2: answer is empty',
    ],
    [
      'has a row without an external key',
      () => ({ status: 200, body: [v1[0], { title: 'keyless', answer: 'a' }] }),
      'row 2: externalKey is missing; every feed row needs one',
    ],
    [
      'is empty',
      () => ({ status: 200, body: [] }),
      'the feed has no articles; nothing was changed (an empty feed never archives everything)',
    ],
  ])('changes nothing and raises an alert when the feed %s', async (_what, responder, error) => {
    const feed = await createFeed();
    await runNow(feed.id);
    const before = await snapshot();
    shop.respondWith(responder);
    const run = await runNow(feed.id);
    expect(run).toMatchObject({ status: 'failed', error, created: 0, updated: 0, archived: 0 });
    expect(await snapshot()).toEqual(before);
    const listed = await api<KnowledgeFeedDto[]>('GET', '/api/v1/knowledge/feeds', { cookie: cookies.agent });
    expect(listed.body[0].alert).toBe(`last sync failed: ${error}`);
  });

  it('reads CSV feeds', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('external_key,title,answer,locale\nc1,Size guide,See the chart.,en\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const feed = await createFeed({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}/faq.csv`,
        format: 'csv',
      });
      expect(await runNow(feed.id)).toMatchObject({ status: 'succeeded', created: 1 });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('runs a due feed once even when two schedulers enqueue it, and schedules the next run', async () => {
    const feed = await createFeed({ schedule: '30 4 * * *', timezone: 'Asia/Shanghai' });
    const due = new Date(Date.now() - 60_000);
    await t.db.query(`UPDATE knowledge_feeds SET next_run_at = $2 WHERE id = $1`, [feed.id, due]);
    const sync = t.app.get(FeedSyncService);
    expect(await sync.enqueueDue()).toBe(1);
    // A second process seeing the same due feed, and a replay of the same job, do not run it again.
    await sync.enqueueDue();
    await sync.handle({ feedId: feed.id, scheduledFor: due.toISOString() });
    await waitFor(
      async () =>
        (await count(t, `SELECT count(*) AS n FROM knowledge_feed_runs WHERE status = 'succeeded'`)) === 1,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_feed_runs`)).toBe(1);
    expect(shop.requests.filter((r) => r.url === '/rules.json').length).toBeGreaterThanOrEqual(1);
    const after = await api<KnowledgeFeedDto>('GET', `/api/v1/knowledge/feeds/${feed.id}`, {
      cookie: cookies.agent,
    });
    const next = new Date(after.body.nextRunAt as string);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getUTCHours() * 60 + next.getUTCMinutes()).toBe(20 * 60 + 30); // 04:30 in Shanghai
  });

  it.each([
    ['a bad schedule', { schedule: 'every day' }, /five-field cron/],
    ['an impossible schedule', { schedule: '99 3 * * *' }, /not a valid cron expression/],
    ['a non-http url', { url: 'file:///etc/passwd' }, /url must start with http/],
    ['an unknown format', { format: 'xml' }, /format/],
    ['an unknown time zone', { timezone: 'Mars/Base' }, /time zone/],
  ])('rejects a feed with %s with 400', async (_what, body, message) => {
    const res = await api('POST', '/api/v1/knowledge/feeds', {
      body: { name: 'x', url: `${shopUrl}/x.json`, ...body },
      cookie: cookies.admin,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_feeds`)).toBe(0);
  });

  it('keeps feeds to admins and answers 404 for unknown feeds', async () => {
    const feed = await createFeed();
    expect(
      (await api('POST', `/api/v1/knowledge/feeds/${feed.id}/run`, { cookie: cookies.agent })).status,
    ).toBe(403);
    expect(
      (
        await api('POST', '/api/v1/knowledge/feeds', {
          body: { name: 'x', url: `${shopUrl}/x` },
          cookie: cookies.agent,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api('POST', '/api/v1/knowledge/feeds/00000000-0000-4000-8000-000000000000/run', {
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api('PATCH', `/api/v1/knowledge/feeds/${feed.id}`, {
          body: { enabled: false },
          cookie: cookies.admin,
        })
      ).body,
    ).toMatchObject({ enabled: false, nextRunAt: null });
    expect(
      (await api('DELETE', `/api/v1/knowledge/feeds/${feed.id}`, { cookie: cookies.admin })).status,
    ).toBe(204);
  });
});
