import { EventEmitter2 } from '@nestjs/event-emitter';
import type { HandoffSummaryDto, NoteDto, SuggestionDto } from '@kefu/shared/contracts';
import { CommerceSeeder } from '@kefu/api/commerce';
import { ConversationEvents, IngestService } from '@kefu/api/conversations';
import {
  FakeMessagesServer,
  FakeRequest,
  FakeResponse,
  startFakeMessagesServer,
} from '@kefu/api/llm/testing';
import { createTestApp, resetDatabase, TestApp, waitFor } from '@kefu/api/platform/testing';
import { TemplateSeeder } from '../templates/template-seeder.service';
import { DialogueTemplatesService } from '../templates/dialogue-templates.service';
import { call, dialogueRoot, staff } from '../testing/dialogue-test-kit';
import { HandoffSummaryProcessor } from './handoff-summary.processor';

const PHONE = '13812345678';
const EMAIL = 'li.wei@example.com';

/**
 * Help for agents from issue 8, over HTTP with PostgreSQL, Redis and the real Anthropic SDK talking to a local
 * fake Messages API: the hand-off summary written as an internal note once per hand-off (Claude's when on,
 * Kefu's own otherwise or on failure), and Claude's suggested replies beside the bot's.
 */
describe('agent assist: hand-off summary and generated suggestions (PostgreSQL + Redis + fake Claude)', () => {
  let t: TestApp;
  let fake: FakeMessagesServer;
  let cookies: Awaited<ReturnType<typeof staff>>;
  let inboxId: string;
  let n = 0;
  /** Answers by tool: what the summary call and the suggestion call get. */
  const answers: { summary: FakeResponse | null; suggest: FakeResponse | null } = {
    summary: null,
    suggest: null,
  };

  const rows = async (sql: string, params: unknown[] = []) =>
    (await t.db.query(sql, params)) as Record<string, unknown>[];
  const toolOf = (r: FakeRequest) => ((r.body?.['tool_choice'] ?? {}) as { name?: string }).name;
  const settings = async (patch: Record<string, unknown>) => {
    const r = await call(t, 'PUT', '/api/v1/llm/settings', { body: patch, cookie: cookies.admin });
    expect(r.status).toBe(200);
  };
  const summaryNotes = async (conversationId: string) =>
    rows(
      `SELECT id, text, author_id FROM conversation_notes WHERE conversation_id = $1 AND kind = 'summary'`,
      [conversationId],
    );

  /** A shopper message through ingest and the worker; waits until it is processed. */
  async function say(user: string, text: string, metadata: Record<string, string> = {}) {
    const r = await t.app.get(IngestService).ingest({
      channel: 'api',
      inboxId,
      externalMessageId: `m-${++n}`,
      externalUserId: user,
      text,
      attachments: [],
      locale: 'zh-CN',
      metadata,
      sentAt: new Date(),
    });
    await waitFor(
      async () =>
        (await rows(`SELECT status FROM messages WHERE id = $1`, [r.messageId]))[0]?.status === 'processed',
      {
        timeout: 20_000,
      },
    );
    return r.conversationId;
  }

  /** A conversation already with people, written directly (no bot turn, so no other Claude call). */
  async function handedOff(texts: [direction: 'incoming' | 'outgoing', text: string][]) {
    const [contact] = await rows(`INSERT INTO contacts (name) VALUES ('Shopper') RETURNING id`);
    const [conv] = await rows(
      `INSERT INTO conversations (inbox_id, contact_id, status, handoff_at, handoff_reason)
       VALUES ($1, $2, 'pending_human', date_trunc('milliseconds', now()), 'customer_request') RETURNING id, handoff_at`,
      [inboxId, contact.id],
    );
    let at = Date.now() - 60_000;
    for (const [direction, text] of texts) {
      await rows(
        `INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, text, status, locale, created_at, sent_at)
         VALUES ($1, $2, $3, $4, $5, 'processed', 'zh-CN', $6, $6)`,
        [
          conv.id,
          inboxId,
          direction,
          direction === 'incoming' ? 'contact' : 'bot',
          text,
          new Date((at += 1000)),
        ],
      );
    }
    return { conversationId: conv.id as string, handoffAt: new Date(conv.handoff_at as string) };
  }

  beforeAll(async () => {
    fake = await startFakeMessagesServer();
    fake.respondWith((r) => {
      const tool = toolOf(r);
      const a =
        tool === 'write_summary' ? answers.summary : tool === 'suggest_replies' ? answers.suggest : null;
      return (
        a ?? {
          status: 400,
          error: { type: 'invalid_request_error', message: `unexpected call (${tool ?? 'no tool'})` },
        }
      );
    });
    t = await createTestApp(dialogueRoot, {
      ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdef',
      ANTHROPIC_BASE_URL: fake.url,
    });
    await resetDatabase(t.db);
    await t.app.get(TemplateSeeder).seed();
    t.app.get(DialogueTemplatesService).forget();
    await t.app.get(CommerceSeeder).seedDemo();
    cookies = await staff(t);
    const [inbox] = await rows(
      `INSERT INTO inboxes (name, channel, secret, greeting_enabled) VALUES ('Shop app', 'api', 's', false) RETURNING id`,
    );
    inboxId = inbox.id as string;
  }, 120_000);
  afterAll(async () => {
    // The fake first: a call still hanging on it fails at once instead of holding the app open.
    await fake?.close();
    await t?.close();
  });
  beforeEach(async () => {
    fake.reset();
    answers.summary = null;
    answers.suggest = null;
    await settings({ enabled: true, agentAssist: true });
  });

  describe('hand-off summary', () => {
    it('writes what the shopper wanted and what the bot tried as one summary note after "转人工", even when the job runs twice', async () => {
      await settings({ enabled: false });
      const user = 'returns-late';
      await say(user, '这双靴子穿了不舒服 想退掉', { customerRef: 'C100275' });
      const conversationId = await say(user, '转人工', { customerRef: 'C100275' });
      const [c] = await rows(`SELECT status, handoff_at FROM conversations WHERE id = $1`, [conversationId]);
      expect(c.status).toBe('pending_human');

      const [note] = await waitFor(async () => {
        const found = await summaryNotes(conversationId);
        return found.length ? found : null;
      });
      expect(note.author_id).toBeNull();
      const text = note.text as string;
      expect(text).toContain('诉求:退货(订单 KF102287)');
      expect(text).toMatch(/- 退货\(被拒绝\):.*KF102287/);
      expect(text).toContain('转人工原因:顾客要求人工客服');

      // A retried job writes nothing more; two copies of the job racing write one summary and one note.
      const job = t.app.get(HandoffSummaryProcessor);
      const payload = { conversationId, handoffAt: new Date(c.handoff_at as string).toISOString() };
      await job.handle(payload);
      expect(await summaryNotes(conversationId)).toHaveLength(1);
      await rows(`DELETE FROM handoff_summaries WHERE conversation_id = $1`, [conversationId]);
      await rows(`DELETE FROM conversation_notes WHERE conversation_id = $1`, [conversationId]);
      await Promise.all([job.handle(payload), job.handle(payload), job.handle(payload)]);
      await job.handle(payload);
      expect(await summaryNotes(conversationId)).toHaveLength(1);
      // A stale job (the conversation was handed off again since) writes nothing.
      await job.handle({
        conversationId,
        handoffAt: new Date(Date.parse(payload.handoffAt) - 60_000).toISOString(),
      });
      expect(
        await rows(`SELECT id FROM handoff_summaries WHERE conversation_id = $1`, [conversationId]),
      ).toHaveLength(1);
      expect(
        await rows(`SELECT id FROM handoff_summaries WHERE conversation_id = $1`, [conversationId]),
      ).toHaveLength(1);

      const notes = await call<NoteDto[]>(t, 'GET', `/api/v1/conversations/${conversationId}/notes`, {
        cookie: cookies.admin,
      });
      expect(notes.body.filter((x) => x.kind === 'summary')).toHaveLength(1);
      const got = await call<HandoffSummaryDto>(t, 'GET', `/api/v1/conversations/${conversationId}/summary`, {
        cookie: cookies.admin,
      });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({
        source: 'offline',
        language: 'zh',
        wants: '退货(订单 KF102287)',
        handoffAt: new Date(c.handoff_at as string).toISOString(),
      });
      expect(got.body.tried.join()).toContain('被拒绝');
      expect(fake.requests).toHaveLength(0);
    });

    it("uses Claude's answer when Claude is on: nothing personal leaves, the note has the real values back", async () => {
      answers.summary = {
        message: {
          content: [
            {
              type: 'tool_use',
              name: 'write_summary',
              input: {
                wants: '退货并退款,要求回电 ⟦PHONE_1⟧',
                tried: ['机器人查询了订单状态: 已签收', '退货超出 7 天无理由期限,被拒绝'],
                facts: ['联系邮箱 ⟦EMAIL_1⟧', '订单 KF102287'],
                mood: '不满',
              },
            },
          ],
        },
      };
      const { conversationId } = await handedOff([
        ['incoming', `靴子想退货,订单 KF102287,电话 ${PHONE},邮箱 ${EMAIL}`],
        ['outgoing', '抱歉亲,订单 KF102287 无法办理退换:已超过签收后 7 天的退货期限。'],
        ['incoming', `转人工,打我电话 ${PHONE}`],
      ]);
      t.app.get(EventEmitter2).emit(ConversationEvents.ConversationUpdated, { conversationId });

      const [note] = await waitFor(async () => {
        const found = await summaryNotes(conversationId);
        return found.length ? found : null;
      });
      expect(note.text).toContain(`退货并退款,要求回电 ${PHONE}`);
      expect(note.text).toContain(`联系邮箱 ${EMAIL}`);
      expect(note.text).not.toContain('⟦');
      const [stored] = await rows(`SELECT source FROM handoff_summaries WHERE conversation_id = $1`, [
        conversationId,
      ]);
      expect(stored.source).toBe('claude');

      const sent = fake.requests.filter((r) => toolOf(r) === 'write_summary');
      expect(sent).toHaveLength(1);
      expect(sent[0].raw).not.toContain(PHONE);
      expect(sent[0].raw).not.toContain(EMAIL);
      expect(sent[0].raw).toContain('⟦PHONE_1⟧');
      expect(sent[0].raw).toContain('⟦EMAIL_1⟧');

      // Read back as stored: no second call.
      const got = await call<HandoffSummaryDto>(t, 'GET', `/api/v1/conversations/${conversationId}/summary`, {
        cookie: cookies.admin,
      });
      expect(got.body).toMatchObject({
        source: 'claude',
        wants: `退货并退款,要求回电 ${PHONE}`,
        facts: [`联系邮箱 ${EMAIL}`, '订单 KF102287'],
      });
      expect(fake.requests).toHaveLength(1);
    });

    it('falls back to the offline summary when Claude answers 500, and a refresh writes it again and updates the note', async () => {
      answers.summary = { status: 500 };
      const { conversationId } = await handedOff([
        ['incoming', '我的快递到哪了 KF100123'],
        ['outgoing', '好的亲,我来帮您查询物流。'],
        ['incoming', '转人工'],
      ]);
      t.app.get(EventEmitter2).emit(ConversationEvents.ConversationUpdated, { conversationId });
      const [note] = await waitFor(
        async () => {
          const found = await summaryNotes(conversationId);
          return found.length ? found : null;
        },
        { timeout: 20_000 },
      );
      expect(fake.requests.length).toBeGreaterThanOrEqual(1);
      const [stored] = await rows(
        `SELECT source, summary FROM handoff_summaries WHERE conversation_id = $1`,
        [conversationId],
      );
      expect(stored.source).toBe('offline');
      expect(note.text).toContain('转人工原因:顾客要求人工客服');

      answers.summary = {
        message: {
          content: [
            {
              type: 'tool_use',
              name: 'write_summary',
              input: { wants: '查询物流 KF100123', tried: [], facts: ['订单 KF100123'], mood: '平静' },
            },
          ],
        },
      };
      const refreshed = await call<HandoffSummaryDto>(
        t,
        'POST',
        `/api/v1/conversations/${conversationId}/summary`,
        { cookie: cookies.admin },
      );
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({ source: 'claude', wants: '查询物流 KF100123' });
      const after = await summaryNotes(conversationId);
      expect(after).toHaveLength(1);
      expect(after[0].id).toBe(note.id);
      expect(after[0].text).toContain('诉求:查询物流 KF100123');
    });

    it('answers 404 for an unknown conversation and 403 outside the agent’s scope, writing nothing', async () => {
      const { conversationId } = await handedOff([['incoming', '转人工']]);
      await settings({ enabled: false });
      const before = await rows(`SELECT count(*)::int AS n FROM handoff_summaries`);
      expect(
        (await call(t, 'GET', `/api/v1/conversations/${conversationId}/summary`, { cookie: cookies.agent }))
          .status,
      ).toBe(403);
      expect(
        (await call(t, 'POST', `/api/v1/conversations/${conversationId}/summary`, { cookie: cookies.agent }))
          .status,
      ).toBe(403);
      expect(
        (
          await call(t, 'GET', `/api/v1/conversations/00000000-0000-4000-8000-000000000000/summary`, {
            cookie: cookies.admin,
          })
        ).status,
      ).toBe(404);
      expect(
        (await call(t, 'GET', `/api/v1/conversations/not-an-id/summary`, { cookie: cookies.admin })).status,
      ).toBe(404);
      expect(
        (await call(t, 'GET', `/api/v1/conversations/${conversationId}/summary`, { cookie: cookies.analyst }))
          .status,
      ).toBe(403);
      expect((await rows(`SELECT count(*)::int AS n FROM handoff_summaries`))[0].n).toBe(before[0].n);
    });
  });

  describe('suggested replies', () => {
    async function asked(text: string) {
      const { conversationId } = await handedOff([['incoming', text]]);
      return conversationId;
    }
    const suggestions = (conversationId: string) =>
      call<SuggestionDto[]>(t, 'GET', `/api/v1/conversations/${conversationId}/suggestions`, {
        cookie: cookies.admin,
      });

    it("offers Claude's draft right after the bot's answer when Claude is on, with personal data restored", async () => {
      answers.suggest = {
        message: {
          content: [
            {
              type: 'tool_use',
              name: 'suggest_replies',
              input: { replies: ['您好,专票可以开具,我们会通过 ⟦EMAIL_1⟧ 联系您确认抬头。'] },
            },
          ],
        },
      };
      const conversationId = await asked(`你们的发票怎么开,我的邮箱 ${EMAIL}`);
      const res = await suggestions(conversationId);
      expect(res.status).toBe(200);
      const drafts = res.body.filter((s) => s.source === 'llm');
      expect(drafts).toEqual([
        expect.objectContaining({
          text: `您好,专票可以开具,我们会通过 ${EMAIL} 联系您确认抬头。`,
          ref: null,
        }),
      ]);
      if (res.body[0].source === 'template') expect(res.body[1].source).toBe('llm');
      const sent = fake.requests.filter((r) => toolOf(r) === 'suggest_replies');
      expect(sent).toHaveLength(1);
      expect(sent[0].raw).not.toContain(EMAIL);
    });

    it('offers none when Claude is off, and asks nothing', async () => {
      await settings({ enabled: false });
      const conversationId = await asked('你们的发票怎么开');
      const res = await suggestions(conversationId);
      expect(res.status).toBe(200);
      expect(res.body.some((s) => s.source === 'llm')).toBe(false);
      expect(fake.requests).toHaveLength(0);
    });

    it('still answers with the bot’s and the articles’ suggestions when Claude hangs', async () => {
      answers.suggest = { delayMs: 60_000 };
      const conversationId = await asked('我的快递到哪了');
      // The fake holds the request for 60 s, twice this test's own limit: an answer at all means the panel did
      // not wait for it.
      const res = await suggestions(conversationId);
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThan(0);
      expect(res.body.some((s) => s.source === 'llm')).toBe(false);
      expect(fake.requests.filter((r) => toolOf(r) === 'suggest_replies').length).toBeGreaterThanOrEqual(1);
    }, 30_000);
  });
});
