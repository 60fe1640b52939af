import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  KnowledgeArticleDto,
  NLU_EXAMPLES_SUBMITTED,
  NluExamplesSubmittedEvent,
  Page,
  UnknownQuestionGroupDto,
} from '@kefu/shared/contracts';
import { personalDataRegistry } from '@kefu/api/platform/database';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
import { KnowledgeSeeder } from '../seed/knowledge-seeder.service';
import { client, count, knowledgeRoot, resetKnowledge, staff } from '../testing/knowledge-test-kit';
import { UnknownQuestionsService } from './unknown-questions.service';

describe('unknown-question queue', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let cookies: Awaited<ReturnType<typeof staff>>;
  let unknown: UnknownQuestionsService;
  const list = async (query = '') =>
    (
      await api<Page<UnknownQuestionGroupDto>>('GET', `/api/v1/knowledge/unknown-questions${query}`, {
        cookie: cookies.agent,
      })
    ).body;

  beforeAll(async () => {
    t = await createTestApp(knowledgeRoot);
    api = client(t.url);
    unknown = t.app.get(UnknownQuestionsService);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetKnowledge(t);
    cookies = await staff(t);
  });

  it('groups similar questions with counts, reasons and examples, biggest group first', async () => {
    const a = await unknown.record({
      text: '退货运费谁出？',
      language: 'zh',
      reason: 'no_article',
      confidence: 0.31,
    });
    const b = await unknown.record({
      text: '退货的运费谁出',
      language: 'zh',
      reason: 'low_confidence',
      intent: 'return_item',
      confidence: 0.42,
    });
    const c = await unknown.record({ text: '退货运费由谁承担呢', language: 'zh-CN', reason: 'no_article' });
    const d = await unknown.record({ text: '发票怎么开', language: 'zh', reason: 'no_article' });
    const e = await unknown.record({ text: 'Where is my parcel?', language: 'en', reason: 'no_article' });
    const f = await unknown.record({
      text: "where's my parcel??",
      language: 'en',
      reason: 'human_answered',
      agentAnswer: 'It left our warehouse today.',
    });
    expect(new Set([a.groupId, b.groupId, c.groupId]).size).toBe(1);
    expect(d.groupId).not.toBe(a.groupId);
    expect(e.groupId).toBe(f.groupId);

    const page = await list();
    expect(page.items.map((g) => [g.sample, g.count])).toEqual([
      ['退货运费谁出？', 3],
      ['Where is my parcel?', 2],
      ['发票怎么开', 1],
    ]);
    expect(page.items[0]).toMatchObject({
      status: 'open',
      language: 'zh',
      reasons: { no_article: 2, low_confidence: 1 },
      hasAgentAnswer: false,
    });
    expect(page.items[0].examples.map((x) => x.text)).toEqual([
      '退货运费由谁承担呢',
      '退货的运费谁出',
      '退货运费谁出？',
    ]);
    expect(page.items[1]).toMatchObject({
      hasAgentAnswer: true,
      reasons: { no_article: 1, human_answered: 1 },
    });
    expect((await list('?language=en')).items.map((g) => g.count)).toEqual([2]);

    const first = await list('?limit=1');
    const second = await list(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0].sample).toBe('Where is my parcel?');
  });

  it('groups short Chinese questions by meaning with the default synonyms, and keeps look-alikes apart', async () => {
    await t.app.get(KnowledgeSeeder).seedDefaults();
    const group = async (text: string) =>
      (await unknown.record({ text, language: 'zh', reason: 'no_article' })).groupId;
    const vat = await group('能开专票吗');
    expect(await group('增值税专票怎么开')).toBe(vat);
    expect(await group('专用发票能开吗')).toBe(vat);
    expect(await group('增值税專用發票可以開嗎')).toBe(vat);

    const plain = await group('能开普票吗');
    const any = await group('能开发票吗');
    const ship = await group('发货时间');
    const arrive = await group('到货时间');
    expect(new Set([vat, plain, any, ship, arrive]).size).toBe(5);
    expect(await group('免运费吗')).toBe(await group('包邮吗'));
    expect((await list()).items.map((g) => [g.sample, g.count])[0]).toEqual(['能开专票吗', 4]);
  });

  it('records a retried message once', async () => {
    const messageId = randomUUID();
    const one = await unknown.record({
      text: '可以开专票吗',
      language: 'zh',
      reason: 'no_article',
      messageId,
      conversationId: randomUUID(),
    });
    const two = await unknown.record({
      text: '可以开专票吗',
      language: 'zh',
      reason: 'no_article',
      messageId,
    });
    expect(two).toEqual(one);
    expect(await count(t, `SELECT count(*) AS n FROM knowledge_unknown_questions`)).toBe(1);
    await expect(unknown.record({ text: '  ', language: 'zh', reason: 'no_article' })).rejects.toThrow(
      /text is empty/,
    );
  });

  it('labels a group with an intent and hands its questions to the NLU engine', async () => {
    const { groupId } = await unknown.record({
      text: '能开增值税专用发票吗',
      language: 'zh',
      reason: 'low_confidence',
    });
    await unknown.record({ text: '能不能开增值税专用发票', language: 'zh', reason: 'no_article' });
    const events: NluExamplesSubmittedEvent[] = [];
    t.app.get(EventEmitter2).on(NLU_EXAMPLES_SUBMITTED, (e: NluExamplesSubmittedEvent) => events.push(e));

    const res = await api<UnknownQuestionGroupDto>(
      'POST',
      `/api/v1/knowledge/unknown-questions/${groupId}/label`,
      { body: { intent: 'get_invoice' }, cookie: cookies.admin },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'labelled',
      intent: 'get_invoice',
      resolvedBy: expect.any(String),
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      intent: 'get_invoice',
      source: 'knowledge.unknown_questions',
      retrain: true,
      submittedBy: res.body.resolvedBy,
    });
    expect(events[0].examples.map((e) => e.text).sort()).toEqual(
      ['能不能开增值税专用发票', '能开增值税专用发票吗'].sort(),
    );
    expect(events[0].examples.every((e) => e.language === 'zh')).toBe(true);

    // The group left the open queue: the same question asked again starts a new one.
    const again = await unknown.record({
      text: '能开增值税专用发票吗',
      language: 'zh',
      reason: 'no_article',
    });
    expect(again.groupId).not.toBe(groupId);
    const bad = await api('POST', `/api/v1/knowledge/unknown-questions/${groupId}/label`, {
      body: { intent: 'Get Invoice!' },
      cookie: cookies.admin,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/snake_case/);
  });

  it('passes the shopper behind each question to the NLU engine, so erasing the shopper erases the example', async () => {
    const [inbox] = await t.db.query(
      `INSERT INTO inboxes (name, channel, secret) VALUES ('t', 'api', 's') RETURNING id`,
    );
    const [contact] = await t.db.query(`INSERT INTO contacts DEFAULT VALUES RETURNING id`);
    const [conversation] = await t.db.query(
      `INSERT INTO conversations (inbox_id, contact_id) VALUES ($1, $2) RETURNING id`,
      [inbox.id, contact.id],
    );
    const { groupId } = await unknown.record({
      text: '可以寄到香港吗',
      language: 'zh',
      reason: 'no_article',
      conversationId: conversation.id,
    });
    const events: NluExamplesSubmittedEvent[] = [];
    t.app.get(EventEmitter2).on(NLU_EXAMPLES_SUBMITTED, (e: NluExamplesSubmittedEvent) => events.push(e));

    await api('POST', `/api/v1/knowledge/unknown-questions/${groupId}/label`, {
      body: { intent: 'delivery_options' },
      cookie: cookies.admin,
    });
    expect(events[0].examples).toEqual([{ text: '可以寄到香港吗', language: 'zh', contactId: contact.id }]);
  });

  it('turns a group into a draft article pre-filled with the agent answer', async () => {
    const { groupId } = await unknown.record({
      text: 'Do you ship to Canada?',
      language: 'en',
      reason: 'no_article',
    });
    await unknown.record({
      text: 'do you ship to canada',
      language: 'en',
      reason: 'human_answered',
      agentAnswer: 'Yes, in 7–10 days with DHL.',
    });
    await unknown.record({
      text: 'Can you ship to Canada please',
      language: 'en',
      reason: 'human_answered',
      agentAnswer: 'Yes, we ship to Canada in 7–10 days.',
    });

    const res = await api<KnowledgeArticleDto>(
      'POST',
      `/api/v1/knowledge/unknown-questions/${groupId}/article`,
      { body: {}, cookie: cookies.admin },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Do you ship to Canada?',
      questions: ['do you ship to canada', 'Can you ship to Canada please'],
      answer: 'Yes, we ship to Canada in 7–10 days.',
      locale: 'en',
      status: 'draft',
      source: 'unknown_question',
      version: 1,
    });
    const group = await api<UnknownQuestionGroupDto>(
      'GET',
      `/api/v1/knowledge/unknown-questions/${groupId}`,
      { cookie: cookies.agent },
    );
    expect(group.body).toMatchObject({ status: 'converted', articleId: res.body.id });
    expect(
      (
        await api('POST', `/api/v1/knowledge/unknown-questions/${groupId}/article`, {
          body: {},
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(409);
    expect((await list()).items).toEqual([]);
  });

  it('dismisses a group, keeps the queue to admins and answers 404 for unknown groups', async () => {
    const { groupId } = await unknown.record({ text: 'asdfgh', language: 'en', reason: 'low_confidence' });
    expect(
      (await api('POST', `/api/v1/knowledge/unknown-questions/${groupId}/dismiss`, { cookie: cookies.agent }))
        .status,
    ).toBe(403);
    const res = await api<UnknownQuestionGroupDto>(
      'POST',
      `/api/v1/knowledge/unknown-questions/${groupId}/dismiss`,
      { cookie: cookies.admin },
    );
    expect(res.body.status).toBe('dismissed');
    expect((await list('?status=dismissed')).items.map((g) => g.id)).toEqual([groupId]);
    expect(
      (
        await api('GET', '/api/v1/knowledge/unknown-questions/00000000-0000-4000-8000-000000000000', {
          cookie: cookies.admin,
        })
      ).status,
    ).toBe(404);
    expect(
      (await api('GET', '/api/v1/knowledge/unknown-questions?status=closed', { cookie: cookies.admin }))
        .status,
    ).toBe(400);
  });

  it('registers the shopper text it keeps as personal data', () => {
    const entry = personalDataRegistry().find((p) => p.table === 'knowledge_unknown_questions');
    expect(entry).toMatchObject({
      columns: expect.arrayContaining(['text', 'agent_answer']),
      subject: { kind: 'contact', column: 'conversation_id' },
    });
  });
});
