import { ChannelType, InboxDto, MessageStatus } from '@kefu/shared/contracts';
import { COMMERCE_CONNECTOR, CommerceConnector, CommerceSeeder } from '@kefu/api/commerce';
import { seedDefaultRules, seedDefaultTeams, EscalationPolicy, HandoffRouter } from '@kefu/api/handoff';
import { LlmRuntime, LlmSettingsService } from '@kefu/api/llm';
import { FakeMessagesServer, FakeResponse, startFakeMessagesServer } from '@kefu/api/llm/testing';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, createInbox, postSigned, resetApp } from './test-helpers';
import { clientId, openTab } from './widget-test-client';

/**
 * Issue 8 end to end: the real app (API channel → BullMQ → worker → PostgreSQL) with Claude switched on by
 * a key and a base URL pointing at a local fake Messages API server, driven by the real SDK.
 */
describe('Claude in the live dialogue path (fake Messages API, PostgreSQL + Redis)', () => {
  let t: TestApp;
  let fake: FakeMessagesServer;
  let cookie: string;
  let inbox: InboxDto;
  let n = 0;

  beforeAll(async () => {
    fake = await startFakeMessagesServer();
    t = await createTestApp((c) => AppModule.forRoot(c), {
      ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdef',
      ANTHROPIC_BASE_URL: fake.url,
      LLM_BREAKER_COOLDOWN_MS: '1500',
      LLM_BREAKER_FAILURES: '3',
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    fake.reset();
    fake.respondWith(null);
    await resetApp(t);
    await t.app.get(CommerceSeeder).seedDemo();
    cookie = await adminCookie(t);
    const [admin] = (await t.db.query(`SELECT id FROM users ORDER BY created_at LIMIT 1`)) as { id: string }[];
    await t.db.transaction(async (em) => {
      const ids = await seedDefaultTeams(em, { memberUserIds: [admin.id] });
      await em.query(`DELETE FROM escalation_rules`);
      await seedDefaultRules(em, ids);
    });
    t.app.get(EscalationPolicy).invalidate();
    t.app.get(HandoffRouter).forgetHours();
    t.app.get(LlmSettingsService).invalidate();
    t.app.get(LlmRuntime).resetBreaker();
    inbox = await createInbox(t, cookie, { name: 'Shop app', greetingEnabled: false });
    // Each test scripts the reply calls in order; the classification fallback has its own test.
    await settings({ classificationFallback: false });
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  const settings = async (patch: Record<string, unknown>) => {
    const r = await api('PUT', '/api/v1/llm/settings', patch);
    expect(r.status).toBe(200);
    t.app.get(LlmSettingsService).invalidate();
  };

  async function say(user: string, text: string, metadata: Record<string, string> = {}) {
    const res = await postSigned(t, inbox, { externalMessageId: `m-${++n}`, externalUserId: user, text, metadata });
    expect(res.status).toBe(202);
    const { messageId, conversationId } = (await res.json()) as { messageId: string; conversationId: string };
    await waitFor(
      async () => {
        const [m] = (await t.db.query(`SELECT status FROM messages WHERE id = $1`, [messageId])) as { status: string }[];
        return m?.status === MessageStatus.Processed;
      },
      { timeout: 20_000 },
    );
    const replies = (await t.db.query(
      `SELECT r.text, r.metadata FROM messages r JOIN messages m ON m.id = $1
        WHERE r.conversation_id = m.conversation_id AND r.direction = 'outgoing' AND (r.created_at, r.id) > (m.created_at, m.id)
        ORDER BY r.created_at, r.id`,
      [messageId],
    )) as { text: string; metadata: Record<string, unknown> | null }[];
    const [event] = (await t.db.query(
      `SELECT data FROM events WHERE type = 'bot.understood' AND message_id = $1 ORDER BY id DESC LIMIT 1`,
      [messageId],
    )) as { data: Record<string, unknown> }[];
    return { conversationId, messageId, replies: replies.map((r) => r.text), metadata: replies.map((r) => r.metadata ?? {}), event: event?.data ?? {} };
  }

  const conversation = async (id: string) =>
    ((await t.db.query(`SELECT status, handoff_reason FROM conversations WHERE id = $1`, [id])) as { status: string; handoff_reason: string | null }[])[0];

  const respond = (reply: string, extra: Partial<{ action: string; reason: string | null; confidence: number }> = {}): FakeResponse => ({
    message: {
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'respond', input: { reply, action: 'continue', reason: null, confidence: 0.9, ...extra } }],
      usage: { input_tokens: 1200, output_tokens: 60, cache_read_input_tokens: 2400, cache_creation_input_tokens: 0 },
    },
  });
  const tool = (name: string, input: Record<string, unknown>): FakeResponse => ({
    message: { stop_reason: 'tool_use', content: [{ type: 'tool_use', name, input }], usage: { input_tokens: 900, output_tokens: 30, cache_creation_input_tokens: 2400 } },
  });
  /** The fake's answer to a classification request. */
  const classify = (intent: string, confidence: number): FakeResponse => ({
    message: { stop_reason: 'tool_use', content: [{ type: 'tool_use', name: 'classify', input: { intent, confidence } }] },
  });
  const replyRequests = () => fake.requests.filter((r) => Array.isArray(r.body?.['tools']) && (r.body['tools'] as { name: string }[]).some((x) => x.name === 'respond'));

  it('runs the tool loop: looks the order up, then answers with what the tool returned', async () => {
    const orders = await t.app.get<CommerceConnector>(COMMERCE_CONNECTOR).ordersOfCustomer('C100005', { limit: 1 });
    const order = orders[0];
    fake.script([tool('lookup_order', { order_number: order.number }), respond(`您的订单 ${order.number} 我已经查到了,状态是 ${order.status}。`)]);
    const r = await say('loop', '我买的那个呢', { customerRef: 'C100005' });
    // The API channel has no live client to stream to: the call is not streamed.
    expect(replyRequests().every((q) => q.body?.['stream'] !== true)).toBe(true);
    expect(r.replies).toEqual([`您的订单 ${order.number} 我已经查到了,状态是 ${order.status}。`]);
    expect(r.metadata[0]).toMatchObject({ generatedBy: 'claude' });
    expect(r.event).toMatchObject({ llm: { answered: true, steps: 2, tools: ['lookup_order:ok', 'respond:accepted'] } });
    // The second request carried the tool's result back to the model.
    const [first, second] = replyRequests();
    expect(JSON.stringify(second.body?.['messages'])).toContain('tool_result');
    expect(JSON.stringify(second.body?.['messages'])).toContain(order.number);
    // Grounding: region instructions, articles and the cached static parts.
    const system = first.body?.['system'] as { text: string; cache_control?: unknown }[];
    expect(system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(system[1].text).toMatch(/Register:.*Chinese/);
    const tools = first.body?.['tools'] as { name: string; cache_control?: unknown }[];
    expect(tools.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    // Usage per call: tokens, cache reads and writes, cost.
    const usage = (await t.db.query(`SELECT purpose, input_tokens, cache_read_tokens, cache_write_tokens, cost_usd FROM llm_usage WHERE purpose = 'reply' ORDER BY at, id`)) as {
      purpose: string;
      input_tokens: number;
      cache_read_tokens: number;
      cache_write_tokens: number;
      cost_usd: string;
    }[];
    expect(usage).toHaveLength(2);
    expect(usage[0]).toMatchObject({ cache_write_tokens: 2400 });
    expect(usage[1]).toMatchObject({ cache_read_tokens: 2400 });
    expect(Number(usage[1].cost_usd)).toBeGreaterThan(0);
  });

  it('retries a 529 and answers; a timeout falls back to the offline answer', async () => {
    fake.script([{ status: 529 }, respond('Claude 在重试之后回答了。')]);
    const ok = await say('retry', '我买的那个呢');
    expect(ok.replies).toEqual(['Claude 在重试之后回答了。']);
    expect(replyRequests()).toHaveLength(2);

    await settings({ timeoutMs: 1000 });
    fake.reset();
    // Longer than the timeout, for every retry.
    fake.script([0, 1, 2, 3].map(() => ({ delayMs: 4000, ...respond('too late') })));
    const slow = await say('slow', '我买的那个呢');
    expect(slow.replies.join()).toMatch(/您是想|没能理解|换个说法/);
    expect(slow.replies.join()).not.toContain('too late');
    expect(slow.event).toMatchObject({ llm: { answered: false, offline: 'timeout' } });
  });

  it('opens the circuit breaker after repeated failures (offline answers without calling) and closes it again', async () => {
    await settings({ classificationFallback: false });
    fake.script(Array.from({ length: 20 }, () => ({ status: 500 })));
    let calls = 0;
    for (let i = 0; i < 3; i++) {
      const r = await say(`breaker-${i}`, '我买的那个呢');
      expect(r.replies.length).toBeGreaterThan(0);
      calls = replyRequests().length;
    }
    expect(t.app.get(LlmRuntime).breakerState()).toBe('open');
    const before = replyRequests().length;
    const open = await say('breaker-open', '我买的那个呢');
    expect(replyRequests().length).toBe(before);
    expect(open.event).toMatchObject({ llm: { answered: false, offline: 'breaker_open' } });
    expect(open.replies.join()).toMatch(/您是想|没能理解|换个说法/);
    expect(calls).toBeGreaterThan(0);
    // After the cool-down one trial call goes through; it succeeds and the breaker closes.
    await new Promise((r) => setTimeout(r, 1700));
    fake.reset();
    fake.script([respond('恢复了。')]);
    const back = await say('breaker-back', '我买的那个呢');
    expect(back.replies).toEqual(['恢复了。']);
    expect(t.app.get(LlmRuntime).breakerState()).toBe('closed');
  });

  it('stops at the daily budget: the offline path answers and nothing is sent', async () => {
    await settings({ dailyBudgetUsd: 0.001, classificationFallback: false });
    fake.script([respond('第一条由 Claude 回答。')]);
    const first = await say('budget', '我买的那个呢');
    expect(first.replies).toEqual(['第一条由 Claude 回答。']);
    const sent = fake.requests.length;
    const second = await say('budget-2', '我买的那个呢');
    expect(fake.requests.length).toBe(sent);
    expect(second.event).toMatchObject({ llm: { answered: false, offline: 'budget' } });
    expect(second.replies.join()).toMatch(/您是想|没能理解|换个说法/);
    const s = await api('GET', '/api/v1/llm/settings');
    expect(s.body.status.off).toBe('budget');
  });

  it('never lets a raw phone number or e-mail leave, and restores them in tool arguments and in the reply', async () => {
    fake.script([
      tool('hand_off', { reason: 'customer_request', summary: '顾客希望改到 ⟦PHONE_1⟧ 并发邮件到 ⟦EMAIL_1⟧' }),
      respond('好的,我们会联系 ⟦PHONE_1⟧,并把确认发到 ⟦EMAIL_1⟧。', { action: 'handoff', reason: 'customer_request', confidence: 0.8 }),
    ]);
    // The offline engine answers the first message (account settings); Claude gets it as history in the second.
    await say('pii', '我的手机号 13812345678 邮箱 zhang.wei@example.com 那个东西弄一下');
    const r = await say('pii', '我买的那个呢');
    for (const req of fake.requests) {
      expect(req.raw).not.toContain('13812345678');
      expect(req.raw).not.toContain('zhang.wei@example.com');
    }
    expect(replyRequests()[0].raw).toContain('⟦PHONE_1⟧');
    expect(r.replies[0]).toBe('好的,我们会联系 13812345678,并把确认发到 zhang.wei@example.com。');
    expect(await conversation(r.conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'customer_request' });

    // The model's note for the agent goes into the hand-off summary: masked again in the summary request (the
    // fake has no answer left, so the summary falls back to Kefu's own), restored in the stored one.
    let stored: { source: string; summary: { facts: string[] } } | undefined;
    await waitFor(async () => {
      [stored] = (await t.db.query(`SELECT source, summary FROM handoff_summaries WHERE conversation_id = $1`, [r.conversationId])) as (typeof stored)[];
      return !!stored;
    }, { timeout: 20_000 });
    expect(stored?.source).toBe('offline');
    expect(stored?.summary.facts).toContain('Claude 的交接备注:顾客希望改到 13812345678 并发邮件到 zhang.wei@example.com');
    const summaryRequests = fake.requests.filter((q) => (q.body?.['tools'] as { name: string }[] | undefined)?.some((x) => x.name === 'write_summary'));
    expect(summaryRequests.length).toBeGreaterThan(0);
    expect(summaryRequests[0].raw).toContain('顾客希望改到 ⟦PHONE_1⟧');
    for (const req of fake.requests) {
      expect(req.raw).not.toContain('13812345678');
      expect(req.raw).not.toContain('zhang.wei@example.com');
    }
  });

  it('sends personal data as written only for a region the admin allows unmasked', async () => {
    const conversationOf = (raw: string) => JSON.stringify((JSON.parse(raw) as { messages: unknown }).messages);
    await settings({ unmaskedRegions: ['CN'] });
    fake.script([respond('好的,我们会打 13812345678 联系您。')]);
    const r = await say('unmasked', '我的手机号 13812345678 那个东西弄一下');
    const [req] = replyRequests();
    expect(conversationOf(req.raw)).toContain('13812345678');
    expect(conversationOf(req.raw)).not.toMatch(/⟦PHONE_\d+⟧/);
    expect(r.replies[0]).toBe('好的,我们会打 13812345678 联系您。');

    // Another region stays masked.
    await settings({ unmaskedRegions: ['US'] });
    fake.script([respond('好的。')]);
    await say('masked-again', '我的手机号 13912345678 那个东西弄一下');
    const last = replyRequests().at(-1);
    expect(last?.raw).not.toContain('13912345678');
    expect(conversationOf(last?.raw ?? '{}')).toContain('⟦PHONE_1⟧');
  });

  it('hands a low-confidence answer to the escalation rules', async () => {
    fake.script([respond('我不太确定,可能是这样。', { confidence: 0.2 })]);
    const r = await say('unsure', '我买的那个呢');
    expect(await conversation(r.conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'low_confidence' });
    expect(r.replies[0]).toBe('我不太确定,可能是这样。');
  });

  it('answers offline for a region that must never send conversations abroad', async () => {
    await settings({ neverAbroadRegions: ['CN'] });
    const r = await say('cn-only', '我买的那个呢');
    expect(replyRequests()).toHaveLength(0);
    expect(r.replies.join()).toMatch(/您是想|没能理解|换个说法/);
  });

  it('classifies what the offline engine is unsure of, and keeps a disagreement as a training candidate', async () => {
    await settings({ classificationFallback: true });
    fake.respondWith((req) =>
      (req.body?.['tools'] as { name: string }[] | undefined)?.some((x) => x.name === 'classify') ? classify('return_item', 0.93) : { status: 500 },
    );
    // The offline engine guesses track_order without conviction ("您是想查询物流吗?"); Claude reads a return.
    const r = await say('classify', '我买的那个呢');
    expect(r.event).toMatchObject({ intent: 'return_item', classifiedBy: { offline: { intent: 'track_order' }, llm: { intent: 'return_item' }, applied: true } });
    expect(r.replies.join()).not.toContain('您是想');
    const rows = (await t.db.query(`SELECT llm_intent, offline_intent, status, text FROM llm_training_candidates`)) as { llm_intent: string; offline_intent: string; status: string; text: string }[];
    expect(rows).toEqual([{ llm_intent: 'return_item', offline_intent: 'track_order', status: 'new', text: '我买的那个呢' }]);
    // Agreement leaves no candidate; Claude's certainty lets the bot act instead of confirming.
    fake.respondWith((req) =>
      (req.body?.['tools'] as { name: string }[] | undefined)?.some((x) => x.name === 'classify') ? classify('track_order', 0.95) : { status: 500 },
    );
    const agree = await say('classify-2', '我买的那个呢');
    expect(agree.event).toMatchObject({ intent: 'track_order', classifiedBy: { applied: true } });
    expect(agree.replies.join()).toContain('订单号');
    expect((await t.db.query(`SELECT id FROM llm_training_candidates`)).length).toBe(1);
  });

  it('streams the reply to the web widget token by token, then delivers it whole in place of the stream', async () => {
    const widget = await createInbox(t, cookie, { name: 'Widget', channel: ChannelType.Widget, greetingEnabled: false });
    const reply = '亲,我帮您看了一下:这个问题需要先确认您的订单号,您可以在「我的订单」里找到以 KF 开头的编号,发给我就好。';
    fake.script([{ ...respond(reply), chunkDelayMs: 60 }]);
    const tab = await openTab(t, { inboxId: widget.id });
    try {
      const ack = await tab.send({ clientId: clientId(), text: '我买的那个呢' });
      expect(ack.ok).toBe(true);
      const final = await tab.next('message', (m) => m.senderType === 'bot' && typeof m.streamId === 'string', 20_000);
      const frames = tab.events.filter((e) => e.event === 'stream' && e.payload?.streamId === final.streamId).map((e) => e.payload);
      expect(frames.length).toBeGreaterThan(2);
      expect(frames.map((f) => f.delta).join('')).toBe(reply);
      const firstFrame = tab.events.findIndex((e) => e.event === 'stream');
      const end = tab.events.findIndex((e) => e.event === 'stream_end');
      const message = tab.events.findIndex((e) => e.event === 'message' && e.payload?.streamId === final.streamId);
      expect(firstFrame).toBeLessThan(end);
      expect(end).toBeLessThan(message);
      expect(final.text).toBe(reply);
      expect(tab.events.some((e) => e.event === 'stream_reset')).toBe(false);
      expect(replyRequests()[0].body?.['stream']).toBe(true);
    } finally {
      tab.close();
    }
  });
});
