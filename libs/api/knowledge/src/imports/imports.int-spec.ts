import { strToU8, unzipSync, zipSync } from 'fflate';
import { KnowledgeArticleDto, KnowledgeImportDto } from '@kefu/shared/contracts';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { KnowledgeImport } from '../entities/knowledge-import.entity';
import { client, count, knowledgeRoot, resetKnowledge, staff } from '../testing/knowledge-test-kit';
import { ArticleUpserter } from './article-upserter';
import { IMPORT_BATCH, ImportsService } from './imports.service';

const CSV = [
  'external_key,title,questions,answer,locale,tags',
  'ship-fee,运费怎么算,邮费多少|满多少包邮,满 99 元包邮。,zh-CN,shipping',
  'invoice,可以开发票吗,怎么开电子发票,可以，确认收货后开具。,zh-CN,invoice',
  'refund,退款多久到账,,,zh-CN,refund',
  'warranty,How long is the warranty?,Is it covered?,One year.,en,warranty',
  'ship-fee,运费怎么算（重复）,,重复的行,zh-CN,',
  ',尺码表在哪里,,商品图下方。,zh-CN,',
  'bad-locale,Wrong locale,,x,chinese!,',
  'size,尺码偏大吗,,按尺码表选择。,zh-CN,size',
].join('\n');

describe('knowledge import and export', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let cookies: Awaited<ReturnType<typeof staff>>;
  const upload = (raw: string | Buffer, contentType: string, query = '') =>
    api<KnowledgeImportDto>('POST', `/api/v1/knowledge/imports${query}`, {
      raw,
      contentType,
      cookie: cookies.admin,
    });
  const finished = (id: string) =>
    waitFor(async () => {
      const r = await api<KnowledgeImportDto>('GET', `/api/v1/knowledge/imports/${id}`, {
        cookie: cookies.agent,
      });
      return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : null;
    });
  const importFile = async (raw: string | Buffer, contentType: string, query = '') => {
    const res = await upload(raw, contentType, query);
    expect(res.status).toBe(202);
    return finished(res.body.id);
  };
  const articles = () => count(t, `SELECT count(*) AS n FROM knowledge_articles`);
  const versions = () => count(t, `SELECT count(*) AS n FROM knowledge_article_versions`);

  beforeAll(async () => {
    t = await createTestApp(knowledgeRoot);
    api = client(t.url);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetKnowledge(t);
    cookies = await staff(t);
  });

  it('imports a CSV in the background with progress and a per-row error report', async () => {
    const existing = await api<KnowledgeArticleDto>('POST', '/api/v1/knowledge/articles', {
      body: { title: '尺码表在哪里', answer: '见商品页。', locale: 'zh-CN', status: 'published' },
      cookie: cookies.admin,
    });
    const res = await upload(CSV, 'text/csv', '?fileName=faq.csv');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      format: 'csv',
      fileName: 'faq.csv',
      status: expect.stringMatching(/queued|running|completed/),
    });

    const done = await finished(res.body.id);
    expect(done).toMatchObject({
      status: 'completed',
      total: 8,
      processed: 8,
      created: 4,
      updated: 0,
      unchanged: 0,
      failed: 4,
      error: null,
    });
    expect(done.errors.map((e) => `row ${e.row}: ${e.message}`)).toEqual([
      'row 3: answer is empty',
      'row 5: duplicates row 1 (same externalKey "ship-fee")',
      `row 6: duplicates article ${existing.body.id} (same title; give rows an externalKey to update articles)`,
      'row 7: locale must look like zh-CN, en or ja',
    ]);
    const [fee] = (await t.db.query(
      `SELECT questions, tags, status, source FROM knowledge_articles WHERE external_key = 'ship-fee'`,
    )) as Record<string, unknown>[];
    expect(fee).toEqual({
      questions: ['邮费多少', '满多少包邮'],
      tags: ['shipping'],
      status: 'published',
      source: 'import',
    });
  });

  it('is idempotent by external key: the same file again changes nothing, an edited row makes a new version', async () => {
    await importFile(CSV, 'text/csv');
    const before = { a: await articles(), v: await versions() };
    const again = await importFile(CSV, 'text/csv');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5, failed: 3 });
    expect({ a: await articles(), v: await versions() }).toEqual(before);

    const edited = CSV.replace('满 99 元包邮。', '满 129 元包邮。');
    const third = await importFile(edited, 'text/csv');
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const [row] = (await t.db.query(
      `SELECT version, answer FROM knowledge_articles WHERE external_key = 'ship-fee'`,
    )) as { version: number; answer: string }[];
    expect(row).toEqual({ version: 2, answer: '满 129 元包邮。' });
  });

  it('imports JSON and a zip of Markdown files with front matter', async () => {
    const json = await importFile(
      JSON.stringify({
        articles: [
          {
            externalKey: 'j1',
            title: 'Track my parcel',
            questions: ['Where is my order?'],
            answer: 'See **My orders**.',
            locale: 'en',
            tags: ['shipping'],
          },
          { title: '' },
        ],
      }),
      'application/json',
    );
    expect(json).toMatchObject({ created: 1, failed: 1, errors: [{ row: 2, message: 'title is empty' }] });

    const zip = zipSync({
      'zh/returns.md': strToU8(
        '---\ntitle: 退货政策\nlocale: zh-CN\nquestions:\n  - 可以退货吗\n  - "七天无理由怎么算"\ntags: [returns, policy]\n---\n签收后 **7 天内**可退。\n',
      ),
      'en/coupons.md': strToU8(
        '---\nexternal_key: coupons-en\nstatus: draft\n---\n# How do coupons work?\n\nOne coupon per order.\n',
      ),
      'en/empty.md': strToU8('---\ntitle: Empty one\n---\n'),
      '__MACOSX/._junk.md': strToU8('junk'),
    });
    const md = await importFile(Buffer.from(zip), 'application/zip', '?locale=en');
    expect(md).toMatchObject({ total: 3, created: 2, failed: 1 });
    expect(md.errors).toEqual([{ row: 2, message: 'answer is empty', externalKey: 'en/empty' }]);
    const rows = (await t.db.query(
      `SELECT external_key, title, questions, locale, status, tags, answer FROM knowledge_articles WHERE external_key IN ('zh/returns', 'coupons-en') ORDER BY external_key`,
    )) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        external_key: 'coupons-en',
        title: 'How do coupons work?',
        questions: [],
        locale: 'en',
        status: 'draft',
        tags: [],
        answer: 'One coupon per order.',
      },
      {
        external_key: 'zh/returns',
        title: '退货政策',
        questions: ['可以退货吗', '七天无理由怎么算'],
        locale: 'zh-CN',
        status: 'published',
        tags: ['returns', 'policy'],
        answer: '签收后 **7 天内**可退。',
      },
    ]);
  });

  it('exports CSV, JSON and Markdown that import back without changing anything', async () => {
    await importFile(CSV, 'text/csv');
    const total = await articles();
    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['json', 'application/json'],
      ['markdown', 'application/zip'],
    ] as const) {
      const res = await api('GET', `/api/v1/knowledge/export?format=${format}`, { cookie: cookies.agent });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="knowledge-.*"/);
      if (format === 'markdown')
        expect(Object.keys(unzipSync(new Uint8Array(res.raw)))).toContain('zh-CN/ship-fee.md');
      if (format === 'csv')
        expect(res.raw.toString('utf8')).toContain('ship-fee,运费怎么算,邮费多少|满多少包邮');
      const back = await importFile(res.raw, type);
      expect(back).toMatchObject({
        status: 'completed',
        created: 0,
        updated: 0,
        unchanged: total,
        failed: 0,
      });
    }
    const zh = await api('GET', '/api/v1/knowledge/export?format=json&locale=zh-CN', {
      cookie: cookies.agent,
    });
    expect((JSON.parse(zh.raw.toString('utf8')) as { articles: unknown[] }).articles).toHaveLength(4);
  });

  it('commits in batches with their progress: a crash mid-way leaves whole batches, and a re-run completes the rest once', async () => {
    const rows = IMPORT_BATCH * 2 + 50;
    const lines = ['external_key,title,answer,locale'];
    for (let i = 0; i < rows; i++) lines.push(`k-${i},Question ${i},Answer ${i},en`);
    lines.push(',Question 3,A row without a key that duplicates article k-3 by title,en');
    // Stored without queueing, so this test runs the job itself.
    const imp = await t.db.getRepository(KnowledgeImport).save({
      format: 'csv',
      fileName: 'crash.csv',
      status: 'queued',
      options: {},
      payload: Buffer.from(lines.join('\n')),
      createdBy: null,
    } as Partial<KnowledgeImport>);
    const imports = t.app.get(ImportsService);
    const upserter = t.app.get(ArticleUpserter);
    const real = upserter.upsert.bind(upserter);
    let calls = 0;
    const crash = jest.spyOn(upserter, 'upsert').mockImplementation(async (...args) => {
      if (++calls === IMPORT_BATCH + 30) throw new Error('the process died');
      return real(...args);
    });
    await expect(imports.run(imp.id)).rejects.toThrow('the process died');
    crash.mockRestore();

    // The first batch is in, with its progress; nothing of the second.
    const state = async () => await t.db.getRepository(KnowledgeImport).findOneByOrFail({ id: imp.id });
    expect(await state()).toMatchObject({
      status: 'running',
      total: rows + 1,
      processed: IMPORT_BATCH,
      created: IMPORT_BATCH,
      failed: 0,
    });
    expect(await articles()).toBe(IMPORT_BATCH);
    expect(await versions()).toBe(IMPORT_BATCH);
    expect(await count(t, `SELECT df AS n FROM knowledge_terms WHERE locale = 'en' AND term = ''`)).toBe(
      IMPORT_BATCH,
    );

    // Two runs at once (a retry while a stalled attempt goes on): one applies each batch, the other stands back.
    await Promise.all([imports.run(imp.id), imports.run(imp.id)]);
    const done = await state();
    expect(done).toMatchObject({
      status: 'completed',
      processed: rows + 1,
      created: rows,
      updated: 0,
      unchanged: 0,
      failed: 1,
    });
    expect(done.errors).toEqual([
      {
        row: rows + 1,
        message: expect.stringMatching(/^duplicates article \d+ \(same title/),
        externalKey: null,
      },
    ]);
    expect(await articles()).toBe(rows);
    expect(await versions()).toBe(rows);
    expect(await count(t, `SELECT df AS n FROM knowledge_terms WHERE locale = 'en' AND term = ''`)).toBe(
      rows,
    );
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_articles WHERE version <> 1`)).toBe(0);
  });

  it.each([
    ['malformed JSON', '{"articles": [', 'application/json', 400, /JSON/],
    ['a JSON object without articles', '{"items": []}', 'application/json', 400, /array of articles/],
    ['a CSV without an answer column', 'title,body\nA,B', 'text/csv', 400, /no answer column/],
    ['a file that is not a zip', 'hello', 'application/zip', 400, /not a zip/],
    ['an empty file', '', 'text/csv', 400, /empty/],
    [
      'a content type that is no file format',
      'title,answer\na,b',
      'text/plain',
      400,
      /cannot tell the file's format/,
    ],
    [
      'an unsupported content type',
      'title,answer\na,b',
      'application/xml',
      415,
      /unsupported (media|content) type/i,
    ],
  ])('rejects %s with a 4xx and stores nothing', async (_what, raw, type, status, message) => {
    const res = await upload(raw, type);
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_imports`)).toBe(0);
    expect(await articles()).toBe(0);
  });

  it('keeps imports to admins and answers 404 for unknown imports', async () => {
    const res = await api('POST', '/api/v1/knowledge/imports', {
      raw: CSV,
      contentType: 'text/csv',
      cookie: cookies.agent,
    });
    expect(res.status).toBe(403);
    expect(
      (
        await api('GET', '/api/v1/knowledge/imports/00000000-0000-4000-8000-000000000000', {
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(404);
    expect((await api('GET', '/api/v1/knowledge/imports/nope', { cookie: cookies.admin })).status).toBe(404);
    expect((await api('GET', '/api/v1/knowledge/export?format=xml', { cookie: cookies.admin })).status).toBe(
      400,
    );
  });
});

describe('knowledge import body limits', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let cookies: Awaited<ReturnType<typeof staff>>;
  const csv = (bytes: number) => `title,answer,locale\n${'x'.repeat(bytes)},a,en\n`;

  beforeAll(async () => {
    t = await createTestApp(knowledgeRoot, { BODY_LIMIT_BYTES: '2048', UPLOAD_LIMIT_BYTES: '8192' });
    api = client(t.url);
    await resetKnowledge(t);
    cookies = await staff(t);
  });
  afterAll(() => t.close());

  it('takes files up to UPLOAD_LIMIT_BYTES on the import route only, and refuses bigger ones with 413', async () => {
    expect(
      (
        await api('POST', '/api/v1/knowledge/imports', {
          raw: csv(4000),
          contentType: 'text/csv',
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(202);
    const big = await api('POST', '/api/v1/knowledge/imports', {
      raw: csv(9000),
      contentType: 'text/csv',
      cookie: cookies.admin,
    });
    expect(big.status).toBe(413);
    const article = await api('POST', '/api/v1/knowledge/articles', {
      body: { title: 'x'.repeat(250), answer: 'y'.repeat(4000), locale: 'en' },
      cookie: cookies.admin,
    });
    expect(article.status).toBe(413);
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_imports`)).toBe(1);
  });
});
