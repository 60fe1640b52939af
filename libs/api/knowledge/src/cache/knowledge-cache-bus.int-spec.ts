import { DataSource, Repository } from 'typeorm';
import { getRepositoryToken } from '@nestjs/typeorm';
import { KnowledgeArticleDto } from '@kefu/shared/contracts';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { KnowledgeSetting } from '../entities/knowledge-setting.entity';
import { SynonymGroup } from '../entities/synonym-group.entity';
import { KnowledgeService } from '../knowledge.service';
import { client, knowledgeRoot, resetKnowledge, seedDemo, staff } from '../testing/knowledge-test-kit';
import { KnowledgeCacheBus } from './knowledge-cache-bus';

/**
 * Two API processes on one database: retrieval keeps settings, synonyms and term statistics in
 * memory, and a change made through either process reaches both.
 */
describe('knowledge caches across processes', () => {
  let one: TestApp;
  let two: TestApp;
  let api: ReturnType<typeof client>;
  let cookies: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    one = await createTestApp(knowledgeRoot);
    two = await createTestApp(knowledgeRoot);
    api = client(one.url);
    await waitFor(() => one.app.get(KnowledgeCacheBus).reliable && two.app.get(KnowledgeCacheBus).reliable);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });
  beforeEach(async () => {
    await resetKnowledge(one);
    await resetKnowledge(two);
    cookies = await staff(one);
    await seedDemo(one);
  });

  it('answers repeated searches from memory: one statement per search, nothing read through TypeORM', async () => {
    const knowledge = two.app.get(KnowledgeService);
    await knowledge.search('退货运费谁出', { locale: 'zh-CN' });
    await knowledge.search('refnd polcy', { locale: 'en' });
    const db = jest.spyOn(two.app.get(DataSource), 'query');
    const settings = jest.spyOn(
      two.app.get<Repository<KnowledgeSetting>>(getRepositoryToken(KnowledgeSetting)),
      'findOneBy',
    );
    const groups = jest.spyOn(
      two.app.get<Repository<SynonymGroup>>(getRepositoryToken(SynonymGroup)),
      'find',
    );
    try {
      for (let i = 0; i < 5; i++) {
        expect((await knowledge.search('退货运费谁出', { locale: 'zh-CN' }))[0].title).toBe('退货运费说明');
        expect((await knowledge.search('refnd polcy', { locale: 'en' }))[0].title).toBe(
          'Return policy (7-day no-questions-asked returns)',
        );
      }
      expect(db).not.toHaveBeenCalled();
      expect(settings).not.toHaveBeenCalled();
      expect(groups).not.toHaveBeenCalled();
    } finally {
      db.mockRestore();
      settings.mockRestore();
      groups.mockRestore();
    }
  });

  it('sees a new threshold, a new article and a new synonym group saved through the other process', async () => {
    const knowledge = two.app.get(KnowledgeService);
    expect((await knowledge.searchWithDetails('退货运费谁出', { locale: 'zh-CN' })).threshold).toBe(0.45);
    expect(
      (
        await api('PUT', '/api/v1/knowledge/settings', {
          body: { answerThreshold: 0.6 },
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(200);
    await waitFor(
      async () => (await knowledge.searchWithDetails('退货运费谁出', { locale: 'zh-CN' })).threshold === 0.6,
      { timeout: 5_000 },
    );

    const lipstick = 'Which lipstick suits pale skin';
    expect((await knowledge.search(lipstick, { locale: 'en' })).some((h) => h.title === lipstick)).toBe(
      false,
    );
    const created = await api<KnowledgeArticleDto>('POST', '/api/v1/knowledge/articles', {
      body: { title: lipstick, answer: 'Try our shade finder.', locale: 'en', status: 'published' },
      cookie: cookies.admin,
    });
    expect(created.status).toBe(201);
    await waitFor(
      async () => (await knowledge.search(lipstick, { locale: 'en' }))[0]?.articleId === created.body.id,
      { timeout: 5_000 },
    );

    const before = (await knowledge.searchWithDetails('lip colour for pale skin', { locale: 'en' })).terms;
    expect(before.join(' ')).not.toContain('|');
    expect(
      (
        await api('POST', '/api/v1/knowledge/synonyms', {
          body: { terms: ['lipstick', 'lip colour'] },
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(201);
    await waitFor(
      async () =>
        (await knowledge.searchWithDetails('lip colour for pale skin', { locale: 'en' })).terms
          .join(' ')
          .includes('|'),
      {
        timeout: 5_000,
      },
    );
  });

  it('drops a change only once its transaction commits, and not at all when it rolls back', async () => {
    const bus = one.app.get(KnowledgeCacheBus);
    const heard: string[] = [];
    bus.subscribe((topics) => heard.push(...[...topics].filter((t) => t === 'terms:fr' || t === 'terms:de')));
    await one.db.transaction(async (em) => {
      await bus.changed(em, ['terms:fr']);
      expect(heard).toEqual([]);
    });
    expect(heard).toContain('terms:fr');
    heard.length = 0;
    await expect(
      one.db.transaction(async (em) => {
        await bus.changed(em, ['terms:de']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).not.toContain('terms:de');
  });
});
