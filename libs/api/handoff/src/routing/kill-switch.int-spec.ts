import { KillSwitchDto } from '@kefu/shared/contracts';
import { createTestApp, resetDatabase, TestApp, waitFor } from '@kefu/api/platform/testing';
import { ConversationProcessor, IngestService } from '@kefu/api/conversations';
import { KillSwitchService } from './kill-switch.service';
import { call, conversation, inbox, queuedMessage, routingRoot, staff } from './testing/routing-test-kit';

describe('kill switch (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let apiInbox: string;
  let widgetInbox: string;
  const q = <T>(sql: string, params: unknown[] = []) => t.db.query(sql, params) as Promise<T[]>;
  const status = async (id: string) => (await q<{ status: string }>(`SELECT status FROM conversations WHERE id = $1`, [id]))[0].status;
  const outgoing = async (id: string) => Number((await q<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND direction = 'outgoing'`, [id]))[0].n);
  const switchOn = (body: unknown, cookie = s.admin.cookie) => call<KillSwitchDto>(t, 'POST', '/api/v1/handoff/kill-switch', { cookie, body });
  const ingest = (inboxId: string, user: string, text: string) =>
    t.app.get(IngestService).ingest({
      channel: 'api',
      inboxId,
      externalMessageId: `${user}-${Math.random()}`,
      externalUserId: user,
      text,
      attachments: [],
      metadata: {},
      sentAt: new Date(),
    });

  beforeAll(async () => {
    // Stored-but-unprocessed messages stay put: the sweeper must not run them behind the test's back.
    t = await createTestApp(routingRoot, { SWEEPER_STALE_MS: '600000' });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.db);
    s = await staff(t);
    apiInbox = await inbox(t, 'api');
    widgetInbox = await inbox(t, 'widget');
    await call(t, 'POST', '/api/v1/handoff/teams', { cookie: s.admin.cookie, body: { name: 'General', members: [{ userId: s.a1.id }] } });
  });

  it('hands queued conversations to humans at once, audits who switched it, and the queued message gets no reply', async () => {
    const queuedConv = await conversation(t, apiInbox);
    const messageId = await queuedMessage(t, queuedConv, apiInbox);
    const idle = await conversation(t, apiInbox); // nothing queued: stays with the bot

    const on = await switchOn({ scope: 'global', reason: 'bad answers about the sale' });
    expect(on.status).toBe(201);
    expect(on.body.lastMoved).toBe(1);
    expect(on.body.pauses).toEqual([expect.objectContaining({ scope: 'global', value: null, createdBy: { id: s.admin.id, name: expect.any(String) } })]);
    expect(await status(queuedConv)).toBe('pending_human');
    expect(await status(idle)).toBe('bot');
    const [c] = await q<{ handoff_reason: string; team_id: string | null }>(`SELECT handoff_reason, team_id FROM conversations WHERE id = $1`, [queuedConv]);
    expect(c.handoff_reason).toBe('policy');
    expect(c.team_id).not.toBeNull();
    const events = await q<{ type: string; data: unknown }>(`SELECT type, data FROM events WHERE conversation_id = $1 ORDER BY id`, [queuedConv]);
    expect(events.map((e) => e.type)).toEqual(['conversation.handoff', 'conversation.status_changed']);
    expect(events[1].data).toEqual({ from: 'bot', to: 'pending_human' });
    expect(await q(`SELECT action, actor_id, data FROM audit_log WHERE action LIKE 'kill_switch.%'`)).toEqual([
      { action: 'kill_switch.on', actor_id: s.admin.id, data: { scope: 'global', value: null, reason: 'bad answers about the sale' } },
    ]);

    await t.app.get(ConversationProcessor).handle({ messageId });
    expect((await q<{ status: string }>(`SELECT status FROM messages WHERE id = $1`, [messageId]))[0].status).toBe('processed');
    expect(await outgoing(queuedConv)).toBe(0);
  });

  it('catches a message queued before the switch that the move did not reach (the stage), and new messages too', async () => {
    const conv = await conversation(t, apiInbox);
    await switchOn({ scope: 'channel', value: 'api' });
    // Queued after the move ran (e.g. the turn held the row): the stage hands it over in the turn.
    const messageId = await queuedMessage(t, conv, apiInbox);
    await t.app.get(ConversationProcessor).handle({ messageId });
    expect(await status(conv)).toBe('pending_human');
    expect(await outgoing(conv)).toBe(0);
    const [changed] = await q<{ data: unknown }>(`SELECT data FROM events WHERE conversation_id = $1 AND type = 'conversation.status_changed'`, [conv]);
    expect(changed.data).toEqual({ from: 'bot', to: 'pending_human' });

    const fresh = await ingest(apiInbox, 'u-new', 'hello?');
    await waitFor(async () => (await q<{ status: string }>(`SELECT status FROM messages WHERE id = $1`, [fresh.messageId]))[0].status === 'processed');
    expect(await status(fresh.conversationId)).toBe('pending_human');
    expect(await outgoing(fresh.conversationId)).toBe(0);
  });

  it('a channel pause leaves other channels alone; switched off, the bot answers again', async () => {
    const apiConv = await conversation(t, apiInbox);
    const widgetConv = await conversation(t, widgetInbox);
    await queuedMessage(t, apiConv, apiInbox);
    const widgetMsg = await queuedMessage(t, widgetConv, widgetInbox);
    const on = await switchOn({ scope: 'channel', value: 'api' });
    expect(on.body.lastMoved).toBe(1);
    expect(await status(apiConv)).toBe('pending_human');
    await t.app.get(ConversationProcessor).handle({ messageId: widgetMsg });
    expect(await status(widgetConv)).toBe('bot');
    expect(await outgoing(widgetConv)).toBe(1);

    const off = await call<KillSwitchDto>(t, 'DELETE', `/api/v1/handoff/kill-switch/${on.body.pauses[0].id}`, { cookie: s.admin.cookie });
    expect(off.status).toBe(200);
    expect(off.body.pauses).toEqual([]);
    const again = await ingest(apiInbox, 'u-after', 'hi again');
    await waitFor(async () => (await outgoing(again.conversationId)) === 1);
    expect(await status(again.conversationId)).toBe('bot');
    expect((await q<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'kill_switch.%' ORDER BY id`)).map((a) => a.action)).toEqual(['kill_switch.on', 'kill_switch.off']);
  });

  it('pausedFor matches global, channel and intent pauses; bad input and agents change nothing', async () => {
    const svc = t.app.get(KillSwitchService);
    expect((await switchOn({ scope: 'intent', value: 'refund_request' })).status).toBe(201);
    expect(await svc.pausedFor(t.db.manager, { channel: 'api' })).toBeNull();
    expect((await svc.pausedFor(t.db.manager, { channel: 'api', intent: 'refund_request' }))?.scope).toBe('intent');

    expect((await switchOn({ scope: 'intent', value: 'refund_request' })).status).toBe(409);
    expect((await switchOn({ scope: 'channel', value: 'fax' })).status).toBe(400);
    expect((await switchOn({ scope: 'intent', value: 'Refund Request' })).status).toBe(400);
    expect((await switchOn({ scope: 'global', value: 'api' })).status).toBe(400);
    expect((await switchOn({ scope: 'global' }, s.a1.cookie)).status).toBe(403);
    expect((await call(t, 'DELETE', '/api/v1/handoff/kill-switch/nope', { cookie: s.admin.cookie })).status).toBe(404);
    const seen = await call<KillSwitchDto>(t, 'GET', '/api/v1/handoff/kill-switch', { cookie: s.analyst.cookie });
    expect(seen.status).toBe(200);
    expect(seen.body.pauses).toHaveLength(1);
    expect(Number((await q<{ n: string }>(`SELECT count(*) AS n FROM audit_log`))[0].n)).toBe(2); // team.created + one kill_switch.on

    expect((await switchOn({ scope: 'global' })).status).toBe(201);
    expect((await svc.pausedFor(t.db.manager, { channel: 'email' }))?.scope).toBe('global');
  });
});
