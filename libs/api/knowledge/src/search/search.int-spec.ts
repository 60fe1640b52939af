import { KnowledgeArticleDto, KnowledgeSearchResultDto, SynonymGroupDto } from '@kefu/shared/contracts';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { QueueService } from '@kefu/api/platform/queue';
import { INDEX_VERSION } from '../indexing/article-index';
import { KnowledgeReindexProcessor } from '../jobs/knowledge-reindex.processor';
import { KnowledgeService } from '../knowledge.service';
import { client, knowledgeRoot, resetKnowledge, seedDemo, staff } from '../testing/knowledge-test-kit';

describe('knowledge retrieval', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let cookies: Awaited<ReturnType<typeof staff>>;
  let knowledge: KnowledgeService;
  const search = async (query: string, locale: string, extra: Record<string, unknown> = {}) => {
    const res = await api<KnowledgeSearchResultDto>('POST', '/api/v1/knowledge/search', {
      body: { query, locale, ...extra },
      cookie: cookies.agent,
    });
    expect(res.status).toBe(200);
    return res.body;
  };
  const createArticle = async (body: Record<string, unknown>) => {
    const res = await api<KnowledgeArticleDto>('POST', '/api/v1/knowledge/articles', {
      body: { status: 'published', ...body },
      cookie: cookies.admin,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(knowledgeRoot);
    api = client(t.url);
    knowledge = t.app.get(KnowledgeService);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetKnowledge(t);
    cookies = await staff(t);
    await seedDemo(t);
  });

  it('finds 退货运费说明 for 退货运费谁出, answerable, with the variant that matched', async () => {
    const r = await search('退货运费谁出', 'zh-CN');
    expect(r.hits[0]).toMatchObject({ title: '退货运费说明', locale: 'zh-CN', answerable: true });
    expect(r.hits[0].score).toBeGreaterThan(0.7);
    expect(r.hits[0].matchedVariant).toBe('退货运费说明');
    expect(r.threshold).toBe(0.45);
    expect(r.terms).toEqual(expect.arrayContaining(['退货', '运费', '退货运费']));
  });

  it('reads traditional Chinese as simplified: 退貨運費誰出 finds 退货运费说明, and a traditional article answers simplified questions', async () => {
    const r = await search('退貨運費誰出', 'zh-CN');
    expect(r.hits[0]).toMatchObject({ title: '退货运费说明', answerable: true });
    expect(r.hits[0].score).toBe((await search('退货运费谁出', 'zh-CN')).hits[0].score);
    expect(r.terms).toEqual(expect.arrayContaining(['退货', '运费']));

    const tw = await createArticle({
      title: '發票怎麼開',
      questions: ['可以開統一發票嗎'],
      answer: '結帳時填寫統編即可。',
      locale: 'zh-TW',
    });
    for (const q of ['发票怎么开', '發票怎麼開', '能开统一发票吗']) {
      const hit = (await search(q, 'zh-TW')).hits[0];
      expect(hit).toMatchObject({ articleId: tw.id, answerable: true });
    }
    expect((await search('发票怎么开', 'zh-TW')).hits[0].matchedVariant).toBe('發票怎麼開');
  });

  it('re-segments an index written before the current segmentation in the background, once, never in a migration', async () => {
    const a = await createArticle({ title: '退貨郵費怎麼算', answer: '按重量計。', locale: 'zh-CN' });
    // The index as the code before traditional folding wrote it.
    await t.db.query(
      `UPDATE knowledge_articles SET search_vector = '''退貨'':1A ''郵費'':2A ''怎麼'':3A ''重量'':20'::tsvector,
         search_tokens = ARRAY['退貨 郵費 怎麼', '重量'], search_variants = ARRAY['退貨 貨郵 郵費 費怎 怎麼'] WHERE id = $1`,
      [a.id],
    );
    await t.db.query(`DELETE FROM knowledge_settings WHERE key = 'index_version'`);
    const ids = async () =>
      (await search('退货邮费怎么算', 'zh-CN', { limit: 10 })).hits.map((h) => h.articleId);
    expect(await ids()).not.toContain(a.id);

    const processor = t.app.get(KnowledgeReindexProcessor);
    const add = jest.spyOn(t.app.get(QueueService), 'add').mockResolvedValue();
    try {
      await processor.onApplicationBootstrap();
      expect(add).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'knowledge.reindex' }),
        expect.objectContaining({ indexVersion: INDEX_VERSION }),
        {
          jobId: `knowledge-reindex-index-v${INDEX_VERSION}`,
        },
      );
      await processor.reindexAll(); // what that job runs
      add.mockClear();
      await processor.onApplicationBootstrap();
      expect(add).not.toHaveBeenCalled();
    } finally {
      add.mockRestore();
    }
    expect((await ids())[0]).toBe(a.id);
    const [row] = (await t.db.query(`SELECT search_tokens FROM knowledge_articles WHERE id = $1`, [
      a.id,
    ])) as { search_tokens: string[] }[];
    expect(row.search_tokens[0].split(' ')).toEqual(expect.arrayContaining(['退货', '邮费']));
  });

  it('answers the same question in English and Japanese from their own locale', async () => {
    const en = await knowledge.search('who covers the postage when I return something?', {
      locale: 'en',
      limit: 3,
    });
    expect(en[0]).toMatchObject({ title: 'Who pays for return shipping', locale: 'en', answerable: true });
    const ja = await knowledge.search('返品の送料は誰が負担しますか', { locale: 'ja', limit: 3 });
    expect(ja[0]).toMatchObject({ title: '返品送料について', locale: 'ja', answerable: true });
  });

  it('treats synonyms as the same word: 免运费 finds the 包邮 article, "money back" finds refunds', async () => {
    const zh = await search('怎样才能免邮', 'zh-CN');
    expect(zh.hits[0].title).toBe('运费与包邮规则');
    expect(zh.terms.join(' ')).toMatch(/包邮\|/);
    const en = await search('how fast do I get my money back', 'en');
    expect(en.hits[0].title).toBe('When will I get my refund?');
  });

  it('puts a synonym group an admin adds to work at once', async () => {
    const a = await createArticle({
      title: 'Lipstick shade guide',
      questions: ['Which lipstick suits me?'],
      answer: 'See our shade finder.',
      locale: 'en',
    });
    const scoreOf = (r: KnowledgeSearchResultDto) => r.hits.find((h) => h.articleId === a.id)?.score ?? 0;
    const before = await search('lip colour for pale skin', 'en');
    const group = await api<SynonymGroupDto>('POST', '/api/v1/knowledge/synonyms', {
      body: { terms: ['lipstick', 'lip colour', 'lip color'] },
      cookie: cookies.admin,
    });
    expect(group.status).toBe(201);
    const after = await search('lip colour for pale skin', 'en');
    expect(after.hits[0]).toMatchObject({ title: 'Lipstick shade guide' });
    expect(after.hits[0].score).toBeGreaterThan(scoreOf(before) + 0.1);
  });

  it('forgives typos', async () => {
    const en = await search('refnd polcy', 'en');
    expect(en.hits[0].title).toBe('Return policy (7-day no-questions-asked returns)');
    expect(en.terms).toContain('refnd→refund');
    const ship = await search('shiping cost', 'en');
    expect(ship.hits[0].title).toBe('Shipping costs and free shipping');
    const zh = await search('退货运废谁出', 'zh-CN');
    expect(zh.hits.slice(0, 3).map((h) => h.title)).toContain('退货运费说明');
  });

  it('scores unrelated questions below the threshold, so the bot does not answer them', async () => {
    for (const [q, locale] of [
      ['你们店在哪个城市', 'zh-CN'],
      ['what time is it in tokyo', 'en'],
      ['今日は雨ですか', 'ja'],
    ]) {
      const r = await search(q, locale);
      expect(r.hits.filter((h) => h.answerable)).toEqual([]);
    }
  });

  it('only returns published articles of the locale, in the shopper region and for the product in view', async () => {
    const draft = await createArticle({
      title: '运费险说明 草稿',
      answer: 'x',
      locale: 'zh-CN',
      status: 'draft',
    });
    const jp = await createArticle({
      title: '日本仓发货运费',
      questions: ['日本发货运费多少'],
      answer: '日本仓 500 円',
      locale: 'zh-CN',
      regions: ['JP'],
    });
    const phone = await createArticle({
      title: 'X3 耳机保修多久',
      answer: '两年',
      locale: 'zh-CN',
      productIds: ['sku-x3'],
    });

    const ids = async (q: string, extra: Record<string, unknown> = {}) =>
      (await search(q, 'zh-CN', { limit: 10, ...extra })).hits.map((h) => h.articleId);
    expect(await ids('运费险说明 草稿')).not.toContain(draft.id);
    expect(await ids('日本发货运费多少', { region: 'cn' })).not.toContain(jp.id);
    expect((await ids('日本发货运费多少', { region: 'JP' }))[0]).toBe(jp.id);
    expect((await ids('日本发货运费多少'))[0]).toBe(jp.id);
    expect(await ids('耳机保修多久', { productId: 'sku-other' })).not.toContain(phone.id);
    expect((await ids('耳机保修多久', { productId: 'sku-x3' }))[0]).toBe(phone.id);
    // English articles never answer a Chinese search unless asked to fall back.
    expect(
      (await search('Who pays for return shipping', 'zh-CN')).hits.every((h) => h.locale === 'zh-CN'),
    ).toBe(true);
  });

  it('falls back to other locales only when asked', async () => {
    expect((await search('return shipping cost', 'fr')).hits).toEqual([]);
    const r = await search('return shipping cost', 'fr', { fallbackLocales: true });
    expect(r.hits[0]).toMatchObject({ locale: 'en', title: 'Who pays for return shipping' });
  });

  it('applies the answer threshold an admin sets, and exposes it with the result', async () => {
    const put = await api('PUT', '/api/v1/knowledge/settings', {
      body: { answerThreshold: 0.99 },
      cookie: cookies.admin,
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ answerThreshold: 0.99, defaultAnswerThreshold: 0.45 });
    const r = await search('退货运费谁出', 'zh-CN');
    expect(r.threshold).toBe(0.99);
    expect(r.hits[0].answerable).toBe(r.hits[0].score >= 0.99);
    expect(
      (
        await api('PUT', '/api/v1/knowledge/settings', {
          body: { answerThreshold: 1.5 },
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api('PUT', '/api/v1/knowledge/settings', {
          body: { answerThreshold: 0.5 },
          cookie: cookies.agent,
        })
      ).status,
    ).toBe(403);
  });

  it.each([
    ['no locale', { query: '运费' }, /locale/],
    ['an empty query', { query: '  ', locale: 'zh-CN' }, /query is empty/],
    ['a query over 1000 characters', { query: 'x'.repeat(1001), locale: 'en' }, /longer than 1000/],
    ['a limit over 50', { query: 'x', locale: 'en', limit: 51 }, /limit/],
  ])('rejects a search with %s with 400', async (_what, body, message) => {
    const res = await api('POST', '/api/v1/knowledge/search', { body, cookie: cookies.agent });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('validates synonym groups and keeps them to admins', async () => {
    const one = await api('POST', '/api/v1/knowledge/synonyms', {
      body: { terms: ['包邮', '包邮'] },
      cookie: cookies.admin,
    });
    expect(one.status).toBe(400);
    expect(one.body.message).toMatch(/two different terms/);
    expect(
      (
        await api('POST', '/api/v1/knowledge/synonyms', {
          body: { terms: ['a', 'b'] },
          cookie: cookies.agent,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api('PUT', '/api/v1/knowledge/synonyms/00000000-0000-4000-8000-000000000000', {
          body: { terms: ['a', 'b'] },
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(404);
    const list = await api<SynonymGroupDto[]>('GET', '/api/v1/knowledge/synonyms', { cookie: cookies.agent });
    expect(list.body.some((g) => g.terms.includes('包邮') && g.terms.includes('免运费'))).toBe(true);
  });

  it('re-segments articles after a Chinese synonym is added, so the new word matches both ways', async () => {
    const a = await createArticle({ title: '拍下后多久发货', answer: '当天发货', locale: 'zh-CN' });
    await api('POST', '/api/v1/knowledge/synonyms', {
      body: { terms: ['拍下后', '下单后', '买了以后'] },
      cookie: cookies.admin,
    });
    await waitFor(
      async () => {
        const [row] = (await t.db.query(`SELECT search_tokens FROM knowledge_articles WHERE id = $1`, [
          a.id,
        ])) as { search_tokens: string[] }[];
        return row.search_tokens[0].split(' ').includes('拍下后');
      },
      { timeout: 15_000 },
    );
    const r = await search('买了以后多久发货', 'zh-CN');
    expect(r.hits[0]).toMatchObject({ articleId: a.id, answerable: true });
  });
});
