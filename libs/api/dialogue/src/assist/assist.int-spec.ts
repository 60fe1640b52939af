import type { HumanEditDto, RuleTestResultDto, SuggestionDto } from '@kefu/shared/contracts';
import { CommerceSeeder } from '@kefu/api/commerce';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { TemplateSeeder } from '../templates/template-seeder.service';
import { DialogueTemplatesService } from '../templates/dialogue-templates.service';
import { call, dialogueRoot, staff } from '../testing/dialogue-test-kit';

/**
 * The hand-off helpers on the dialogue side, over HTTP with PostgreSQL and Redis: the rule tester,
 * suggested replies for agents, human edits sent to the knowledge base or the training data, and
 * the shopper's profile limited to the agent's conversations.
 */
describe('assist: rule tester, suggestions, human edits (PostgreSQL + Redis, demo shop)', () => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof staff>>;
  let inboxId: string;

  const rows = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params)) as Record<string, unknown>[];
  const n = async (table: string) => Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const counts = async () => ({
    rules: await n('escalation_rules'),
    versions: await n('escalation_rule_versions'),
    audit: await n('audit_log'),
    events: await n('events'),
    notifications: await n('handoff_notifications'),
    messages: await n('messages'),
    states: await n('dialogue_states'),
    unknown: await n('knowledge_unknown_questions'),
    returns: await n('commerce_returns'),
  });

  /** A conversation of a contact (with the shop customer `customerRef`) and the shopper's message in it. */
  async function talk(text: string, opts: { customerRef?: string | null; teamId?: string | null; assigneeId?: string | null } = {}) {
    const [contact] = await rows(`INSERT INTO contacts (name, customer_ref) VALUES ('Shopper', $1) RETURNING id`, [opts.customerRef ?? null]);
    const [conv] = await rows(`INSERT INTO conversations (inbox_id, contact_id, team_id, assignee_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
      inboxId,
      contact.id,
      opts.teamId ?? null,
      opts.assigneeId ?? null,
    ]);
    const [msg] = await rows(
      `INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, text, status, locale)
       VALUES ($1, $2, 'incoming', 'contact', $3, 'processed', 'zh-CN') RETURNING id`,
      [conv.id, inboxId, text],
    );
    return { contactId: contact.id as string, conversationId: conv.id as string, messageId: msg.id as string };
  }

  beforeAll(async () => {
    t = await createTestApp(dialogueRoot);
    await resetDatabase(t.db);
    await t.app.get(TemplateSeeder).seed();
    t.app.get(DialogueTemplatesService).forget();
    await t.app.get(CommerceSeeder).seedDemo();
    cookies = await staff(t);
    const [inbox] = await rows(`INSERT INTO inboxes (name, channel, secret) VALUES ('Shop app', 'api', 's') RETURNING id`);
    inboxId = inbox.id as string;
  }, 120_000);
  afterAll(() => t.close());

  describe('rule tester', () => {
    const test = (body: unknown, cookie = cookies.admin) => call<RuleTestResultDto>(t, 'POST', '/api/v1/handoff/rules/test', { body, cookie });

    it('shows "转人工" firing the customer_request safety trigger and the hand-off it decides, writing nothing', async () => {
      const before = await counts();
      const res = await test({ text: '转人工' });
      expect(res.status).toBe(200);
      expect(res.body.safety.find((s) => s.trigger === 'customer_request')).toMatchObject({ fired: true });
      expect(res.body.safety.map((s) => s.trigger).sort()).toEqual(['customer_request', 'harm_threat', 'legal_threat', 'self_harm']);
      expect(res.body.decision.handoff).toMatchObject({ reason: 'customer_request', safety: 'customer_request' });
      expect(res.body.facts).toMatchObject({ event: 'message_understood', text: '转人工', language: 'zh' });
      expect(res.body.routing).toEqual(expect.objectContaining({ open: expect.any(Boolean) }));
      expect(await counts()).toEqual(before);
    });

    it("explains an unsaved draft rule condition by condition", async () => {
      const before = await counts();
      const draft = {
        id: null,
        rule: {
          name: 'unsure about tracking',
          event: 'message_understood',
          conditions: [
            { field: 'intent', op: 'in', value: ['track_order'] },
            { field: 'confidence', op: 'below_threshold' },
          ],
          actions: [{ type: 'handoff', reason: 'low_confidence', priority: 'high' }],
        },
      };
      const res = await test({ text: '我的快递到哪了', draft });
      expect(res.status).toBe(200);
      const trace = res.body.rules.find((r) => r.name === 'unsure about tracking');
      expect(trace).toBeDefined();
      const [intent, confidence] = trace?.conditions ?? [];
      expect(intent.passed).toBe(res.body.facts.intent === 'track_order');
      expect(confidence.passed).toBe(res.body.facts.confidence < res.body.facts.threshold);
      expect(intent.explanation).toEqual(expect.any(String));
      expect(confidence.explanation).toContain(String(res.body.facts.threshold));
      expect(trace?.matched).toBe(intent.passed && confidence.passed);
      expect(await counts()).toEqual(before);
    });

    it("shows the hand-off a matching draft decides and where it would be routed", async () => {
      const rule = {
        name: 'tracking to a human',
        event: 'message_understood',
        conditions: [{ field: 'intent', op: 'in', value: ['track_order'] }, { field: 'confidence', op: 'gte', value: 0.5 }],
        actions: [{ type: 'handoff', reason: 'policy', priority: 'high' }, { type: 'tag', tags: ['where-is-it'] }],
      };
      const res = await test({ text: '我的快递到哪了', draft: { id: null, rule } });
      expect(res.status).toBe(200);
      expect(res.body.rules.find((r) => r.name === 'tracking to a human')).toMatchObject({ matched: true, skipped: null });
      expect(res.body.decision).toMatchObject({ handoff: { reason: 'policy', priority: 'high', safety: null }, tags: ['where-is-it'] });
      expect(res.body.routing).toMatchObject({ open: expect.any(Boolean) });
    });

    it("uses a stored message with its conversation's channel, customer tier and order", async () => {
      const [order] = await rows(
        `SELECT o.number, o.total, c.external_id, c.tier FROM commerce_orders o JOIN commerce_customers c ON c.id = o.customer_id ORDER BY o.id LIMIT 1`,
      );
      const { messageId, conversationId } = await talk('你们的发票怎么开', { customerRef: order.external_id as string });
      const before = await counts();
      const res = await test({ messageId, facts: { region: 'JP' } });
      expect(res.status).toBe(200);
      expect(res.body.facts).toMatchObject({ text: '你们的发票怎么开', channel: 'api', customerTier: order.tier, region: 'JP' });
      expect(res.body.facts.orderValue).toBeGreaterThan(0);
      expect(await counts()).toEqual(before);

      const [reply] = await rows(
        `INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, text, status) VALUES ($1, $2, 'outgoing', 'bot', 'hi', 'sent') RETURNING id`,
        [conversationId, inboxId],
      );
      const outgoing = await test({ messageId: reply.id });
      expect(outgoing.status).toBe(400);
      expect(outgoing.body.message).toContain('shopper');
      expect((await test({ messageId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    });

    it('refuses bad input with the field named, and agents', async () => {
      const empty = await test({ text: '   ' });
      expect(empty.status).toBe(400);
      expect((empty.body as unknown as { issues: { path: string }[] }).issues[0].path).toBe('text');
      const badDraft = await test({ text: 'hi', draft: { id: null, rule: { name: 'x', event: 'message_understood', conditions: [{ field: 'confidence', op: 'in', value: ['a'] }], actions: [] } } });
      expect(badDraft.status).toBe(400);
      const paths = (badDraft.body as unknown as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(paths.every((p) => p.startsWith('draft.rule'))).toBe(true);
      expect((await call(t, 'POST', '/api/v1/handoff/rules/test', { raw: '{"text":', cookie: cookies.admin })).status).toBe(400);
      expect((await test({ text: '转人工' }, cookies.agent)).status).toBe(403);
    });
  });

  describe('suggested replies', () => {
    const suggestions = (conversationId: string, cookie = cookies.admin) => call<SuggestionDto[]>(t, 'GET', `/api/v1/conversations/${conversationId}/suggestions`, { cookie });

    it("offers the bot's tracking answer for the order asked about, without acting or saving anything", async () => {
      const [owner] = await rows(`SELECT c.external_id FROM commerce_orders o JOIN commerce_customers c ON c.id = o.customer_id WHERE o.number = 'KF100123'`);
      const { conversationId } = await talk('我的订单到哪了 KF100123', { customerRef: owner.external_id as string });
      const before = await counts();
      const res = await suggestions(conversationId);
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThan(0);
      expect(res.body.length).toBeLessThanOrEqual(3);
      const bot = res.body.find((s) => s.source === 'template');
      expect(bot).toMatchObject({ ref: 'track_order', label: 'track_order' });
      expect(bot?.text).toContain('KF100123');
      expect(await counts()).toEqual(before);
    });

    it('never starts a return while working out what the bot would say', async () => {
      const [order] = await rows(
        `SELECT o.number, c.external_id FROM commerce_orders o JOIN commerce_customers c ON c.id = o.customer_id
           JOIN commerce_shipments s ON s.order_id = o.id
          WHERE o.status = 'delivered' AND s.delivered_at > now() - interval '4 days'
            AND NOT EXISTS (SELECT 1 FROM commerce_returns r WHERE r.order_id = o.id)
          ORDER BY o.id LIMIT 1`,
      );
      const { conversationId } = await talk(`订单${order.number}我要退货,尺码不合适`, { customerRef: order.external_id as string });
      const before = await counts();
      const res = await suggestions(conversationId);
      expect(res.status).toBe(200);
      expect(await counts()).toEqual(before);
    });

    it('offers a matching knowledge article by id and title', async () => {
      const created = await call<{ id: number }>(t, 'POST', '/api/v1/knowledge/articles', {
        cookie: cookies.admin,
        body: { title: '发票怎么开', questions: ['怎么开发票', '可以开发票吗'], answer: '订单签收后可在「我的订单」里申请电子发票。', locale: 'zh-CN', status: 'published' },
      });
      expect(created.status).toBe(201);
      const { conversationId } = await talk('怎么开发票');
      const res = await suggestions(conversationId);
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual({ text: '订单签收后可在「我的订单」里申请电子发票。', source: 'knowledge', ref: String(created.body.id), label: '发票怎么开' });
      expect(res.body.filter((s) => s.text === '订单签收后可在「我的订单」里申请电子发票。')).toHaveLength(1);
    });

    it('is empty without a message from the shopper, 404 for an unknown conversation, 403 outside the agent’s scope', async () => {
      const [contact] = await rows(`INSERT INTO contacts (name) VALUES ('Quiet') RETURNING id`);
      const [conv] = await rows(`INSERT INTO conversations (inbox_id, contact_id) VALUES ($1, $2) RETURNING id`, [inboxId, contact.id]);
      expect((await suggestions(conv.id as string)).body).toEqual([]);
      expect((await suggestions('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const { conversationId } = await talk('我的快递到哪了');
      const denied = await suggestions(conversationId, cookies.agent);
      expect(denied.status).toBe(403);
      expect((await suggestions(conversationId, cookies.analyst)).status).toBe(403);
      const [agent] = await rows(`SELECT id FROM users WHERE email = 'agent@kefu.test'`);
      await t.db.query(`UPDATE conversations SET assignee_id = $2 WHERE id = $1`, [conversationId, agent.id]);
      expect((await suggestions(conversationId, cookies.agent)).status).toBe(200);
    });
  });

  describe('human edits to knowledge and training', () => {
    async function edit(question: string | null, intent: string | null = 'check_invoice') {
      const { conversationId, messageId } = await talk(question ?? '');
      const [row] = await rows(
        `INSERT INTO human_edits (conversation_id, message_id, question, intent, language, suggested, edited, source, ref)
         VALUES ($1, $2, $3, $4, 'zh', '可以开发票。', '可以的,签收后在「我的订单」申请电子发票即可。', 'template', 'check_invoice') RETURNING id`,
        [conversationId, messageId, question, intent],
      );
      return row.id as string;
    }
    const send = (id: string, body: unknown, cookie = cookies.admin) => call<HumanEditDto>(t, 'POST', `/api/v1/handoff/human-edits/${id}/send`, { body, cookie });

    it('makes a draft article of the question and the edited answer, marks the edit, and refuses to send it twice', async () => {
      const id = await edit('能开专票吗');
      const res = await send(id, { target: 'knowledge' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'sent_to_knowledge', targetId: expect.any(String) });
      const [article] = await rows(`SELECT title, answer, status, locale FROM knowledge_articles WHERE id = $1`, [Number(res.body.targetId)]);
      expect(article).toEqual({ title: '能开专票吗', answer: '可以的,签收后在「我的订单」申请电子发票即可。', status: 'draft', locale: 'zh-CN' });
      const again = await send(id, { target: 'training' });
      expect(again.status).toBe(409);
    });

    it('adds the question as a training example of the intent, kept with the shopper', async () => {
      const id = await edit('专票能开吗');
      const res = await send(id, { target: 'training', intent: 'get_invoice' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'sent_to_training', targetId: expect.any(String) });
      const [example] = await rows(`SELECT intent, text, language, contact_id FROM nlu_examples WHERE id = $1`, [res.body.targetId]);
      expect(example).toMatchObject({ intent: 'get_invoice', text: '专票能开吗', language: 'zh' });
      expect(example.contact_id).toBeTruthy();
      expect((await send(id, { target: 'knowledge' })).status).toBe(409);
    });

    it('refuses what cannot become an article or an example, unknown edits and non-admins', async () => {
      const noIntent = await edit('这个怎么说', null);
      expect((await send(noIntent, { target: 'training' })).status).toBe(400);
      expect((await send(noIntent, { target: 'training', intent: 'no_such_intent' })).status).toBe(400);
      const noQuestion = await edit(null);
      expect((await send(noQuestion, { target: 'training' })).status).toBe(400);
      expect((await send(noQuestion, { target: 'knowledge' })).status).toBe(400);
      expect((await send(noQuestion, { target: 'knowledge', title: '开票' })).status).toBe(200);
      expect((await send(noIntent, { target: 'wiki' })).status).toBe(400);
      expect((await send('00000000-0000-4000-8000-000000000000', { target: 'knowledge' })).status).toBe(404);
      expect((await send(noIntent, { target: 'knowledge' }, cookies.agent)).status).toBe(403);
      const [row] = await rows(`SELECT status FROM human_edits WHERE id = $1`, [noIntent]);
      expect(row.status).toBe('new');
    });
  });

  describe("the shopper's profile", () => {
    it("is limited to shoppers with a conversation in the agent's scope", async () => {
      const { contactId, conversationId } = await talk('你好');
      const profile = (cookie: string) => call(t, 'GET', `/api/v1/contacts/${contactId}/profile`, { cookie });
      expect((await profile(cookies.admin)).status).toBe(200);
      expect((await profile(cookies.analyst)).status).toBe(200);
      expect((await profile(cookies.agent)).status).toBe(403);
      const [agent] = await rows(`SELECT id FROM users WHERE email = 'agent@kefu.test'`);
      await t.db.query(`UPDATE conversations SET assignee_id = $2 WHERE id = $1`, [conversationId, agent.id]);
      expect((await profile(cookies.agent)).status).toBe(200);
    });
  });
});
