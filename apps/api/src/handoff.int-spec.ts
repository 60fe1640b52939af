import { InboxDto, MessageStatus } from '@kefu/shared/contracts';
import { CommerceSeeder } from '@kefu/api/commerce';
import { ConversationProcessor } from '@kefu/api/conversations';
import { IdleRulesService } from '@kefu/api/dialogue';
import { EscalationPolicy, HandoffRouter, seedDefaultRules, seedDefaultTeams } from '@kefu/api/handoff';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, createInbox, postSigned, resetApp } from './test-helpers';

/**
 * Issue 7 end to end: signed pushes to the API channel, the worker, the escalation rules and the
 * router on PostgreSQL and Redis, with the default teams and rules an install starts with.
 */
describe('escalation and hand-off in the live dialogue path (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let cookie: string;
  let inbox: InboxDto;
  let teams: { general: string; senior: string; vip: string; returns: string };
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp((c) => AppModule.forRoot(c));
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await resetApp(t);
    await t.app.get(CommerceSeeder).seedDemo();
    cookie = await adminCookie(t);
    const [admin] = (await t.db.query(`SELECT id FROM users ORDER BY created_at LIMIT 1`)) as { id: string }[];
    teams = await t.db.transaction(async (em) => {
      const ids = await seedDefaultTeams(em, { memberUserIds: [admin.id] });
      await em.query(`DELETE FROM escalation_rules`);
      await seedDefaultRules(em, ids);
      return ids;
    });
    t.app.get(EscalationPolicy).invalidate();
    t.app.get(HandoffRouter).forgetHours();
    inbox = await createInbox(t, cookie, { name: 'Shop app', greetingEnabled: false });
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

  /** Sends one shopper message and waits until the worker processed it; returns the bot's replies to it. */
  async function say(user: string, text: string, metadata: Record<string, string> = {}) {
    const res = await postSigned(t, inbox, { externalMessageId: `m-${++n}`, externalUserId: user, text, metadata });
    expect(res.status).toBe(202);
    const { messageId, conversationId } = (await res.json()) as { messageId: string; conversationId: string };
    await waitFor(async () => {
      const [m] = (await t.db.query(`SELECT status FROM messages WHERE id = $1`, [messageId])) as { status: string }[];
      return m?.status === MessageStatus.Processed;
    });
    return { conversationId, messageId, replies: await repliesAfter(messageId) };
  }

  async function repliesAfter(messageId: string): Promise<string[]> {
    const rows = (await t.db.query(
      `SELECT r.text FROM messages r JOIN messages m ON m.id = $1
        WHERE r.conversation_id = m.conversation_id AND r.direction = 'outgoing' AND (r.created_at, r.id) > (m.created_at, m.id)
        ORDER BY r.created_at, r.id`,
      [messageId],
    )) as { text: string }[];
    return rows.map((r) => r.text);
  }

  const conversation = async (id: string) =>
    ((await t.db.query(`SELECT status, handoff_reason, team_id, priority, tags FROM conversations WHERE id = $1`, [id])) as {
      status: string;
      handoff_reason: string | null;
      team_id: string | null;
      priority: number;
      tags: string[];
    }[])[0];

  it('puts an angry VIP shopper in the VIP team, ahead of a calm VIP who asked first', async () => {
    const calm = await say('vip-calm', '转人工', { customerRef: 'C100010' });
    const angry = await say('vip-angry', '你们到底怎么回事!!!气死我了,东西坏了三次了都没人管,太差劲了', { customerRef: 'C100005' });
    expect(await conversation(calm.conversationId)).toMatchObject({ status: 'pending_human', team_id: teams.vip, handoff_reason: 'customer_request' });
    const a = await conversation(angry.conversationId);
    expect(a).toMatchObject({ status: 'pending_human', team_id: teams.vip });
    expect(a.priority).toBeGreaterThan((await conversation(calm.conversationId)).priority);
    const queue = await api('GET', `/api/v1/handoff/queue?view=waiting&teamId=${teams.vip}`);
    expect(queue.status).toBe(200);
    expect((queue.body as { id: string }[]).map((q) => q.id)).toEqual([angry.conversationId, calm.conversationId]);
  });

  it('hands "转人工", "talk to a human" and "オペレーターと話したい" to a human, even in the middle of a flow', async () => {
    const first = await say('mid-zh', '帮我查下快递到哪了');
    expect(first.replies.join()).toContain('订单号');
    const zh = await say('mid-zh', '转人工');
    expect(await conversation(zh.conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'customer_request' });
    expect(zh.replies.join()).toMatch(/人工客服/);
    expect(zh.replies.join()).not.toContain('订单号');
    for (const [user, text] of [
      ['mid-en', 'talk to a human'],
      ['mid-ja', 'オペレーターと話したい'],
    ]) {
      const r = await say(user, text);
      expect(await conversation(r.conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'customer_request' });
    }
  });

  it('confirms the likely intent, then asks to rephrase, then hands off after the misunderstood turns', async () => {
    const user = 'fallback';
    await say(user, '你们老板发红包吗哈哈');
    const confirm = await say(user, '我买的那个呢');
    expect(confirm.replies.join()).toMatch(/您是想/);
    const again = await say(user, '哎呀说不清楚');
    expect(again.replies.join()).toMatch(/换个说法|还是没能理解/);
    const last = await say(user, '嗯……反正就是不对劲');
    expect(await conversation(last.conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'low_confidence' });
  });

  it('sends nothing while a human owns the conversation, and answers again after the hand-back', async () => {
    const start = await say('owned', '转人工');
    const id = start.conversationId;
    expect((await api('POST', `/api/v1/conversations/${id}/takeover`)).status).toBe(200);
    const quiet = await say('owned', '我的快递到哪了');
    expect(quiet.replies).toEqual([]);
    const [nlu] = (await t.db.query(`SELECT nlu FROM messages WHERE id = $1`, [quiet.messageId])) as { nlu: { intent: string } | null }[];
    expect(nlu.nlu?.intent).toBe('track_order');
    expect((await api('POST', `/api/v1/conversations/${id}/handback`)).status).toBe(200);
    const back = await say('owned', '我的快递到哪了');
    expect(back.replies.join()).toContain('订单号');
    expect((await conversation(id)).status).toBe('bot');
  });

  it('stops replies to messages already queued when the kill switch goes on (global, then per intent)', async () => {
    const { conversationId } = await say('paused', '你好');
    const queued = async (text: string) => {
      const [row] = (await t.db.query(
        `INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, text, attachments, metadata, status, sent_at, external_message_id)
         SELECT id, inbox_id, 'incoming', 'contact', $2, '[]', '{}', 'received', now(), $3 FROM conversations WHERE id = $1 RETURNING id`,
        [conversationId, text, `queued-${++n}`],
      )) as { id: string }[];
      return row.id;
    };
    const globalMsg = await queued('我的快递到哪了');
    const on = await api('POST', '/api/v1/handoff/kill-switch', { scope: 'global', reason: 'test' });
    expect(on.status).toBe(201);
    await t.app.get(ConversationProcessor).handle({ messageId: globalMsg });
    expect(await repliesAfter(globalMsg)).toEqual([]);
    expect(await conversation(conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'policy' });

    // Per intent: a track_order pause stops that intent only.
    await api('DELETE', `/api/v1/handoff/kill-switch/${on.body.pauses[0].id}`);
    await t.db.query(`UPDATE conversations SET status = 'bot', handoff_reason = NULL, team_id = NULL WHERE id = $1`, [conversationId]);
    expect((await api('POST', '/api/v1/handoff/kill-switch', { scope: 'intent', value: 'track_order' })).status).toBe(201);
    const intentMsg = await queued('帮我查一下物流到哪了');
    await t.app.get(ConversationProcessor).handle({ messageId: intentMsg });
    expect(await repliesAfter(intentMsg)).toEqual([]);
    expect(await conversation(conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'policy' });
    const other = await say('paused-other', '你们支持哪些付款方式');
    expect(other.replies.length).toBeGreaterThan(0);
  });

  it('answers self-harm with care and a hotline, and hands legal threats and threats of harm to a human', async () => {
    const self = await say('safe-1', '东西一直不到,我真的不想活了');
    expect(self.replies.join()).toContain('010-82951332');
    expect(await conversation(self.conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'negative_emotion', priority: 4 });
    const legal = await say('safe-2', "I'm talking to my lawyer about this, your cream gave me a rash");
    expect(await conversation(legal.conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'policy' });
    const harm = await say('safe-3', '再不给我退款,我就拿刀去你们店里找你们');
    expect(await conversation(harm.conversationId)).toMatchObject({ status: 'pending_human', handoff_reason: 'negative_emotion', priority: 4 });
  });

  it('tells the shopper the expected wait when handing off during business hours', async () => {
    await t.db.query(`UPDATE teams SET business_hours = '{"enabled": false, "timezone": "Asia/Shanghai", "days": []}'`);
    t.app.get(HandoffRouter).forgetHours();
    const r = await say('wait', '转人工');
    expect(r.replies.join()).toMatch(/预计等待约 \d+ 分钟/);
  });

  it('tells the shopper when the team opens again when handing off after hours', async () => {
    const tomorrow = (new Date().getUTCDay() + 1) % 7;
    const hours = { enabled: true, timezone: 'UTC', days: [{ day: tomorrow, open: '09:00', close: '18:00' }] };
    await t.db.query(`UPDATE teams SET business_hours = $1::jsonb`, [JSON.stringify(hours)]);
    t.app.get(HandoffRouter).forgetHours();
    const r = await say('after-hours', '转人工');
    expect(r.replies.join()).toMatch(/休息时间[\s\S]*9:00[\s\S]*上班后/);
    const [c] = await t.db.query(`SELECT status, handoff_reason, tags FROM conversations WHERE id = $1`, [r.conversationId]);
    expect(c).toMatchObject({ status: 'pending_human', handoff_reason: 'customer_request' });
    expect(c.tags).toContain('after_hours');
  });

  it('runs conversation_idle rules once per silence', async () => {
    const rule = await api('POST', '/api/v1/handoff/rules', {
      name: 'Nudge after 5 minutes',
      event: 'conversation_idle',
      conditions: [{ field: 'idle_minutes', op: 'gte', value: 5 }],
      actions: [{ type: 'tag', tags: ['idle'] }],
    });
    expect(rule.status).toBe(201);
    t.app.get(EscalationPolicy).invalidate();
    const { conversationId } = await say('idle', '你好');
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await t.app.get(IdleRulesService).runOnce(later)).toBe(1);
    expect((await conversation(conversationId)).tags).toContain('idle');
    expect(await t.app.get(IdleRulesService).runOnce(later)).toBe(0);
  });
});
