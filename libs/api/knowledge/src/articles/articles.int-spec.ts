import {
  ArticleStatus,
  KnowledgeArticleDto,
  KnowledgeDiffDto,
  KnowledgeVersionSummaryDto,
  Page,
  KnowledgeArticleListItemDto,
  Role,
} from '@kefu/shared/contracts';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
import { UsersService } from '@kefu/api/identity';
import { client, count, knowledgeRoot, resetKnowledge, signIn, staff } from '../testing/knowledge-test-kit';

const returns = {
  title: '退货运费说明',
  questions: ['退货运费由谁承担', '退货要自己付运费吗'],
  answer: '质量问题由本店承担运费。',
  locale: 'zh-CN',
  regions: ['cn'],
  tags: ['returns'],
  status: 'published',
};

describe('knowledge articles', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let cookies: Awaited<ReturnType<typeof staff>>;
  const articleCount = () => count(t, `SELECT count(*) AS n FROM knowledge_articles`);
  const create = async (body: unknown = returns) => {
    const res = await api<KnowledgeArticleDto>('POST', '/api/v1/knowledge/articles', {
      body,
      cookie: cookies.admin,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(knowledgeRoot);
    api = client(t.url);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetKnowledge(t);
    cookies = await staff(t);
  });

  it('creates an article as version 1 written by the signed-in admin', async () => {
    const a = await create();
    const [adminId] = (await t.db.query(`SELECT id FROM users WHERE role = 'admin'`)) as { id: string }[];
    expect(a).toMatchObject({
      id: expect.any(Number),
      title: '退货运费说明',
      questions: ['退货运费由谁承担', '退货要自己付运费吗'],
      locale: 'zh-CN',
      regions: ['CN'],
      status: ArticleStatus.Published,
      version: 1,
      authorId: adminId.id,
      source: 'manual',
      externalKey: null,
    });
    const got = await api<KnowledgeArticleDto>('GET', `/api/v1/knowledge/articles/${a.id}`, {
      cookie: cookies.agent,
    });
    expect(got.status).toBe(200);
    expect(got.body.answer).toBe('质量问题由本店承担运费。');
  });

  it("names each version's author, and gives no name once that user is deleted", async () => {
    const a = await create();
    await t.app
      .get(UsersService)
      .create({
        email: 'editor@kefu.test',
        name: 'Editor Li',
        role: Role.Admin,
        password: 'editor-password',
      });
    const editor = await signIn(t, 'editor@kefu.test', 'editor-password');
    const saved = await api<KnowledgeArticleDto>('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
      body: { answer: '本店承担。' },
      cookie: editor,
    });
    expect(saved.body).toMatchObject({ version: 2, authorName: 'Editor Li' });
    expect(a.authorName).toBe('Administrator');

    const history = async () =>
      (
        await api<KnowledgeVersionSummaryDto[]>('GET', `/api/v1/knowledge/articles/${a.id}/versions`, {
          cookie: cookies.agent,
        })
      ).body;
    expect((await history()).map((v) => [v.version, v.authorName])).toEqual([
      [2, 'Editor Li'],
      [1, 'Administrator'],
    ]);
    const list = await api<Page<KnowledgeArticleListItemDto>>('GET', '/api/v1/knowledge/articles', {
      cookie: cookies.analyst,
    });
    expect(list.body.items[0]).toMatchObject({ id: a.id, authorName: 'Editor Li' });

    await t.db.query(`DELETE FROM users WHERE email = 'editor@kefu.test'`);
    const after = await history();
    expect(after[0]).toMatchObject({ version: 2, authorId: saved.body.authorId, authorName: null });
    expect(after[1].authorName).toBe('Administrator');
    const v2 = await api<{ authorName: string | null; authorId: string }>(
      'GET',
      `/api/v1/knowledge/articles/${a.id}/versions/2`,
      { cookie: cookies.agent },
    );
    expect(v2.body).toMatchObject({ authorId: saved.body.authorId, authorName: null });
    expect(
      (await api<KnowledgeArticleDto>('GET', `/api/v1/knowledge/articles/${a.id}`, { cookie: cookies.agent }))
        .body.authorName,
    ).toBeNull();
  });

  it('keeps every save as an immutable version, diffs two of them and restores an old one as a new version', async () => {
    const a = await create();
    const save = (body: unknown) =>
      api<KnowledgeArticleDto>('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
        body,
        cookie: cookies.admin,
      });
    expect(
      (await save({ answer: '质量问题由本店承担运费；无理由退货由买家承担。', note: 'who pays' })).body
        .version,
    ).toBe(2);
    expect(
      (await save({ title: '退货运费规则', questions: ['退货运费由谁承担', '运费险怎么赔'] })).body.version,
    ).toBe(3);

    const history = await api<KnowledgeVersionSummaryDto[]>(
      'GET',
      `/api/v1/knowledge/articles/${a.id}/versions`,
      { cookie: cookies.agent },
    );
    expect(history.body.map((v) => [v.version, v.changedFields])).toEqual([
      [3, ['title', 'questions']],
      [2, ['answer']],
      [1, expect.arrayContaining(['title', 'answer', 'locale'])],
    ]);
    expect(history.body[1].note).toBe('who pays');

    const diff = await api<KnowledgeDiffDto>(
      'GET',
      `/api/v1/knowledge/articles/${a.id}/versions/3/diff?against=1`,
      { cookie: cookies.agent },
    );
    expect(diff.status).toBe(200);
    expect(diff.body.fields.map((f) => f.field)).toEqual(['title', 'questions', 'answer']);
    const questions = diff.body.fields.find((f) => f.field === 'questions');
    expect(questions?.parts).toEqual(
      expect.arrayContaining([
        { value: '退货要自己付运费吗\n', added: false, removed: true },
        { value: '运费险怎么赔\n', added: true, removed: false },
      ]),
    );

    const restored = await api<KnowledgeArticleDto>(
      'POST',
      `/api/v1/knowledge/articles/${a.id}/versions/1/restore`,
      { cookie: cookies.admin },
    );
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      version: 4,
      title: '退货运费说明',
      answer: '质量问题由本店承担运费。',
      source: 'restore',
    });
    const v4 = await api('GET', `/api/v1/knowledge/articles/${a.id}/versions/4`, { cookie: cookies.agent });
    expect(v4.body).toMatchObject({ restoredFrom: 1, title: '退货运费说明' });
    // The old versions are still there, unchanged.
    const v2 = await api('GET', `/api/v1/knowledge/articles/${a.id}/versions/2`, { cookie: cookies.agent });
    expect(v2.body).toMatchObject({ version: 2, answer: '质量问题由本店承担运费；无理由退货由买家承担。' });
    expect(
      await count(t, `SELECT count(*) AS n FROM knowledge_article_versions WHERE article_id = $1`, [a.id]),
    ).toBe(4);
  });

  it('refuses a save based on an outdated version with 409 and keeps the newer one', async () => {
    const a = await create();
    await api('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
      body: { answer: 'newer', baseVersion: 1 },
      cookie: cookies.admin,
    });
    const stale = await api('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
      body: { answer: 'older', baseVersion: 1 },
      cookie: cookies.admin,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/version 2/);
    expect(
      (await api<KnowledgeArticleDto>('GET', `/api/v1/knowledge/articles/${a.id}`, { cookie: cookies.admin }))
        .body.answer,
    ).toBe('newer');
  });

  it.each([
    ['an empty title', { ...returns, title: '  ' }, /title is empty/, 'title'],
    ['a published article without an answer', { ...returns, answer: '' }, /answer is empty/, 'answer'],
    ['a malformed locale', { ...returns, locale: 'chinese!' }, /locale/, 'locale'],
    ['an unknown status', { ...returns, status: 'live' }, /status/, 'status'],
    ['an unknown field', { ...returns, colour: 'red' }, /colour/, 'body'],
    ['questions that are not a list', { ...returns, questions: 'how?' }, /questions/, 'questions'],
  ])('rejects %s with 400 naming the field and creates nothing', async (_what, body, message, path) => {
    const res = await api('POST', '/api/v1/knowledge/articles', { body, cookie: cookies.admin });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(res.body.issues?.[0].path ?? 'body').toMatch(new RegExp(path === 'body' ? '.*' : path));
    expect(await articleCount()).toBe(0);
  });

  it('refuses to publish a draft that has no answer, and leaves it a draft', async () => {
    const a = await create({ ...returns, answer: '', status: 'draft' });
    const res = await api('PATCH', `/api/v1/knowledge/articles/${a.id}`, {
      body: { status: 'published' },
      cookie: cookies.admin,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/answer is empty/);
    expect(
      (await api<KnowledgeArticleDto>('GET', `/api/v1/knowledge/articles/${a.id}`, { cookie: cookies.admin }))
        .body,
    ).toMatchObject({ status: 'draft', version: 1 });
  });

  it('refuses a second article with the same external key with 409', async () => {
    const a = await create({ ...returns, externalKey: 'returns-fee' });
    const res = await api('POST', '/api/v1/knowledge/articles', {
      body: { ...returns, title: 'other', externalKey: 'returns-fee' },
      cookie: cookies.admin,
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(`externalKey "returns-fee" is already used by article ${a.id}`);
    expect(await articleCount()).toBe(1);
  });

  it('answers 404 for unknown articles and versions, whatever the id looks like', async () => {
    const a = await create();
    for (const path of [
      '/articles/999999',
      '/articles/abc',
      '/articles/-1',
      `/articles/${a.id}/versions/7`,
      `/articles/${a.id}/versions/x/diff`,
    ]) {
      const res = await api('GET', `/api/v1/knowledge${path}`, { cookie: cookies.admin });
      expect(res.status).toBe(404);
    }
    expect(
      (
        await api('PATCH', '/api/v1/knowledge/articles/424242', {
          body: { title: 'x' },
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(404);
    expect((await api('DELETE', '/api/v1/knowledge/articles/424242', { cookie: cookies.admin })).status).toBe(
      404,
    );
  });

  it('lets agents and analysts read but not write, and anonymous callers nothing', async () => {
    const a = await create();
    for (const cookie of [cookies.agent, cookies.analyst]) {
      expect((await api('GET', '/api/v1/knowledge/articles', { cookie })).status).toBe(200);
      const write = await api('POST', '/api/v1/knowledge/articles', { body: returns, cookie });
      expect(write.status).toBe(403);
      expect(write.body.message).toMatch(/knowledge\.manage/);
      expect(
        (await api('PATCH', `/api/v1/knowledge/articles/${a.id}`, { body: { title: 'x' }, cookie })).status,
      ).toBe(403);
      expect((await api('DELETE', `/api/v1/knowledge/articles/${a.id}`, { cookie })).status).toBe(403);
      expect(
        (await api('POST', `/api/v1/knowledge/articles/${a.id}/versions/1/restore`, { cookie })).status,
      ).toBe(403);
    }
    expect((await api('GET', '/api/v1/knowledge/articles')).status).toBe(401);
    expect(await articleCount()).toBe(1);
  });

  it('lists articles with filters and pages through them without skipping any', async () => {
    for (let i = 0; i < 7; i++)
      await create({
        ...returns,
        title: `问题 ${i}`,
        tags: i % 2 ? ['odd'] : ['even'],
        locale: i < 5 ? 'zh-CN' : 'en',
      });
    const page1 = await api<Page<KnowledgeArticleListItemDto>>('GET', '/api/v1/knowledge/articles?limit=3', {
      cookie: cookies.agent,
    });
    const page2 = await api<Page<KnowledgeArticleListItemDto>>(
      'GET',
      `/api/v1/knowledge/articles?limit=3&cursor=${page1.body.nextCursor}`,
      { cookie: cookies.agent },
    );
    const page3 = await api<Page<KnowledgeArticleListItemDto>>(
      'GET',
      `/api/v1/knowledge/articles?limit=3&cursor=${page2.body.nextCursor}`,
      { cookie: cookies.agent },
    );
    const titles = [...page1.body.items, ...page2.body.items, ...page3.body.items].map((a) => a.title);
    expect(new Set(titles).size).toBe(7);
    expect(page3.body.nextCursor).toBeNull();
    expect(page1.body.items[0]).not.toHaveProperty('answer');

    const odd = await api<Page<KnowledgeArticleListItemDto>>(
      'GET',
      '/api/v1/knowledge/articles?tag=odd&locale=zh-CN',
      { cookie: cookies.agent },
    );
    expect(odd.body.items.map((a) => a.title).sort()).toEqual(['问题 1', '问题 3']);
    const q = await api<Page<KnowledgeArticleListItemDto>>(
      'GET',
      `/api/v1/knowledge/articles?q=${encodeURIComponent('问题 6')}`,
      { cookie: cookies.agent },
    );
    expect(q.body.items.map((a) => a.title)).toEqual(['问题 6']);
    expect((await api('GET', '/api/v1/knowledge/articles?limit=500', { cookie: cookies.agent })).status).toBe(
      400,
    );
    expect(
      (await api('GET', '/api/v1/knowledge/articles?cursor=nonsense', { cookie: cookies.agent })).status,
    ).toBe(400);
  });

  it('deletes an article with its history', async () => {
    const a = await create();
    expect(
      (await api('DELETE', `/api/v1/knowledge/articles/${a.id}`, { cookie: cookies.admin })).status,
    ).toBe(204);
    expect(await articleCount()).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_article_versions`)).toBe(0);
    expect(await count(t, `SELECT coalesce(sum(df), 0) AS n FROM knowledge_terms`)).toBe(0);
  });
});
