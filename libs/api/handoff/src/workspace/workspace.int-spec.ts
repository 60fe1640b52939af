import { io, Socket } from 'socket.io-client';
import { InboxDto, MessageDto, NoteDto, QueueItemDto } from '@kefu/shared/contracts';
import { createTestApp, FakeHttpServer, TestApp, waitFor } from '@kefu/api/platform/testing';
// The whole application, as production wires it (the workspace needs channels, the bot and routing).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule } from '../../../../../apps/api/src/app.module';
import {
  call,
  count,
  createInbox,
  people,
  Person,
  push,
  resetApp,
  settled,
  team,
} from './testing/workspace-test-kit';

describe('agent workspace (PostgreSQL + Redis)', () => {
  let t: TestApp;
  const receiver = new FakeHttpServer();
  let callbackUrl: string;
  let staff: Awaited<ReturnType<typeof people>>;
  let inbox: InboxDto;
  let returns: string;
  let vip: string;
  let conv: string;
  let firstMessage: string;

  beforeAll(async () => {
    callbackUrl = await receiver.start();
    t = await createTestApp((c) => AppModule.forRoot(c));
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await resetApp(t);
    staff = await people(t);
    returns = await team(t, 'Returns', [staff.alice.id]);
    vip = await team(t, 'VIP', [staff.bob.id, staff.carol.id], [staff.bob.id]);
    inbox = await createInbox(t, staff.admin.cookie, callbackUrl);
    const pushed = await push(t, inbox, 'm-1', 'I want to return my shoes, they are too small');
    conv = pushed.conversationId;
    firstMessage = pushed.messageId;
    await settled(t, pushed.messageId);
    // Handed to the Returns team (how it got there is the routing's business).
    await t.db.query(
      `UPDATE conversations SET status = 'pending_human', team_id = $2, handoff_reason = 'customer_request', handoff_at = now() - interval '90 seconds', priority = 3 WHERE id = $1`,
      [conv, returns],
    );
    receiver.requests.length = 0;
  });

  const act = <T = QueueItemDto>(who: Person, method: string, path: string, body?: unknown) =>
    call<T>(t, method, `/api/v1/conversations/${conv}${path}`, who.cookie, body);
  const queue = (who: Person, qs = '') =>
    call<QueueItemDto[]>(t, 'GET', `/api/v1/handoff/queue${qs}`, who.cookie);
  const state = async () =>
    (
      (await t.db.query(
        `SELECT status, team_id, assignee_id, handoff_reason, first_human_reply_at, tags FROM conversations WHERE id = $1`,
        [conv],
      )) as Record<string, unknown>[]
    )[0];
  const audits = (action: string) =>
    t.db.query(`SELECT actor_id, data FROM audit_log WHERE action = $1 AND target_id = $2`, [
      action,
      conv,
    ]) as Promise<{ actor_id: string; data: Record<string, unknown> }[]>;

  it("lists a handed-off conversation in its team's queue, with the team, priority and waiting time", async () => {
    const res = await queue(staff.alice, '?view=waiting');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      id: conv,
      status: 'pending_human',
      teamId: returns,
      teamName: 'Returns',
      priority: 'high',
      assignee: null,
      handoffReason: 'customer_request',
    });
    expect(res.body[0].waitingSeconds).toBeGreaterThanOrEqual(89);
    expect((await queue(staff.alice, '?view=mine')).body).toHaveLength(0);
    expect((await queue(staff.alice, `?teamId=${vip}`)).body).toHaveLength(0);
    expect((await queue(staff.admin)).body.map((c) => c.id)).toEqual([conv]);
    expect((await queue(staff.alice, '?view=nope')).status).toBe(400);
  });

  it('keeps the conversation from an agent of another team: absent from lists, 403 on reading and on every action', async () => {
    expect((await queue(staff.bob)).body).toHaveLength(0);
    const list = await call<{ items: { id: string }[] }>(t, 'GET', '/api/v1/conversations', staff.bob.cookie);
    expect(list.body.items).toHaveLength(0);
    expect((await act(staff.bob, 'GET', '')).status).toBe(403);
    expect((await act(staff.bob, 'GET', '/messages')).status).toBe(403);
    const attempts: [string, string, unknown?][] = [
      ['POST', '/takeover'],
      ['POST', '/assign', { userId: staff.bob.id }],
      ['POST', '/reply', { text: 'hello' }],
      ['GET', '/notes'],
      ['POST', '/notes', { text: 'psst' }],
      ['POST', '/handback'],
      ['POST', '/resolve'],
      ['POST', '/transfer', { teamId: vip }],
      ['PUT', '/tags', { tags: ['x'] }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await act(staff.bob, method, path, body);
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect(await state()).toMatchObject({ status: 'pending_human', assignee_id: null, tags: [] });
    expect(await count(t, `SELECT count(*) FROM messages WHERE sender_type = 'agent'`)).toBe(0);
  });

  it('lets an analyst read the conversation but not work it', async () => {
    expect((await act(staff.analyst, 'GET', '')).status).toBe(200);
    expect((await act(staff.analyst, 'GET', '/notes')).status).toBe(200);
    expect((await queue(staff.analyst)).status).toBe(403);
    for (const path of ['/takeover', '/reply', '/resolve', '/handback'])
      expect((await act(staff.analyst, 'POST', path, { text: 'hi' })).status).toBe(403);
    expect(await state()).toMatchObject({ status: 'pending_human' });
  });

  it('takes over: status human, assigned to me, audited, the status change logged for webhooks', async () => {
    const res = await act(staff.alice, 'POST', '/takeover');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'human', assignee: { id: staff.alice.id, name: 'Alice' } });
    expect((await queue(staff.alice, '?view=mine')).body.map((c) => c.id)).toEqual([conv]);
    expect(await audits('conversation.takeover')).toEqual([
      { actor_id: staff.alice.id, data: expect.objectContaining({ from: null, to: staff.alice.id }) },
    ]);
    const changes = await t.db.query(
      `SELECT data FROM events WHERE type = 'conversation.status_changed' AND conversation_id = $1`,
      [conv],
    );
    expect(changes.map((r: { data: unknown }) => r.data)).toContainEqual({
      from: 'pending_human',
      to: 'human',
    });
    // The admin takes it from Alice: the previous owner is recorded.
    const again = await act(staff.admin, 'POST', '/takeover');
    expect(again.body.assignee?.id).toBe(staff.admin.id);
    expect((await audits('conversation.takeover'))[1].data).toMatchObject({
      from: staff.alice.id,
      to: staff.admin.id,
    });
  });

  it('sends a reply to the shopper once even when the agent retries it, taking the conversation over', async () => {
    const first = await act<MessageDto>(staff.alice, 'POST', '/reply', {
      text: 'Sorry about that! I will start the return.',
      clientId: 'c-1',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      direction: 'outgoing',
      senderType: 'agent',
      text: 'Sorry about that! I will start the return.',
    });
    const retry = await act<MessageDto>(staff.alice, 'POST', '/reply', {
      text: 'Sorry about that! I will start the return.',
      clientId: 'c-1',
    });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);

    await waitFor(() => receiver.requests.length >= 1);
    await waitFor(
      async () =>
        (await count(t, `SELECT count(*) FROM messages WHERE id = $1 AND status = 'delivered'`, [
          first.body.id,
        ])) === 1,
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.parse(receiver.requests[0].body)).toMatchObject({
      event: 'message.created',
      message: { id: first.body.id, senderType: 'agent' },
    });
    expect(await count(t, `SELECT count(*) FROM messages WHERE sender_type = 'agent'`)).toBe(1);

    const s = await state();
    expect(s).toMatchObject({ status: 'human', assignee_id: staff.alice.id });
    expect(s['first_human_reply_at']).not.toBeNull();
    expect((await audits('conversation.takeover'))[0].data).toMatchObject({ implicit: true });
    expect(
      await count(t, `SELECT count(*) FROM events WHERE type = 'agent.replied' AND message_id = $1`, [
        first.body.id,
      ]),
    ).toBe(1);
    const [item] = (await queue(staff.alice)).body;
    expect(item).toMatchObject({
      waitingSeconds: null,
      messageCount: 3,
      lastMessagePreview: 'Sorry about that! I will start the return.',
    });
  });

  it('keeps a suggestion the agent edited with the question, and ignores whitespace-only changes', async () => {
    const suggestion = {
      text: 'You can return items within 7 days.',
      source: 'template',
      ref: 'return_policy',
    };
    await act(staff.alice, 'POST', '/reply', {
      text: '  You can return items   within 7 days. ',
      suggestion,
    });
    expect(await count(t, 'SELECT count(*) FROM human_edits')).toBe(0);
    const sent = await act<MessageDto>(staff.alice, 'POST', '/reply', {
      text: 'You can return them within 30 days, free of charge.',
      suggestion,
    });
    const rows = await t.db.query(`SELECT * FROM human_edits`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      conversation_id: conv,
      message_id: sent.body.id,
      agent_id: staff.alice.id,
      question: 'I want to return my shoes, they are too small',
      suggested: suggestion.text,
      edited: 'You can return them within 30 days, free of charge.',
      source: 'template',
      ref: 'return_policy',
      status: 'new',
    });
    expect(rows[0].language).toBe('en');
  });

  it('keeps internal notes that never reach the shopper', async () => {
    const added = await act<NoteDto>(staff.alice, 'POST', '/notes', {
      text: 'Customer is a repeat buyer, be generous',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ conversationId: conv, author: { id: staff.alice.id, name: 'Alice' } });
    const listed = await act<NoteDto[]>(staff.alice, 'GET', '/notes');
    // Agents' notes only (the hand-off summary Kefu writes may be there too).
    expect(listed.body.filter((n) => !n.kind).map((n) => n.text)).toEqual(['Customer is a repeat buyer, be generous']);
    expect((await act(staff.alice, 'POST', '/notes', { text: '   ' })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests).toHaveLength(0);
    expect(
      await count(
        t,
        `SELECT count(*) FROM messages WHERE direction = 'outgoing' AND text LIKE 'Customer is%'`,
      ),
    ).toBe(0);
  });

  it('tells the team live about a new note and the conversation taken over, and nobody outside it', async () => {
    const listen = async (who: Person) => {
      const socket: Socket = io(`${t.url}/admin`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { cookie: who.cookie },
      });
      const heard: {
        event: string;
        payload: { conversationId?: string; conversation?: QueueItemDto; note?: NoteDto };
      }[] = [];
      socket.onAny((event, payload) => heard.push({ event, payload }));
      await new Promise<void>((resolve, reject) => socket.on('connect', resolve).on('connect_error', reject));
      await new Promise((r) => setTimeout(r, 300)); // the server joins the rooms after connecting
      return { socket, heard };
    };
    const alice = await listen(staff.alice);
    const bob = await listen(staff.bob);
    try {
      await act(staff.alice, 'POST', '/notes', { text: 'calling the warehouse' });
      await act(staff.alice, 'POST', '/takeover');
      await waitFor(
        () =>
          alice.heard.some((h) => h.event === 'note.created' && !h.payload.note?.kind) &&
          alice.heard.some(
            (h) => h.event === 'conversation.updated' && h.payload.conversation?.status === 'human',
          ),
      );
      expect(alice.heard.find((h) => h.event === 'note.created' && !h.payload.note?.kind)?.payload).toMatchObject({
        conversationId: conv,
        note: { text: 'calling the warehouse' },
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(
        bob.heard.filter((h) => h.event === 'note.created' || h.event === 'conversation.updated'),
      ).toEqual([]);
    } finally {
      alice.socket.close();
      bob.socket.close();
    }
  });

  it('lets an agent added to a team hear its conversations live without reconnecting, and stop when removed', async () => {
    const socket: Socket = io(`${t.url}/admin`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie: staff.bob.cookie },
    });
    const heard: { event: string; payload: { conversation?: QueueItemDto } }[] = [];
    socket.onAny((event, payload) => heard.push({ event, payload }));
    await new Promise<void>((resolve, reject) => socket.on('connect', resolve).on('connect_error', reject));
    await new Promise((r) => setTimeout(r, 300));
    const members = (ids: string[]) => ({ name: 'Returns', members: ids.map((userId) => ({ userId, capacity: 5 })) });
    try {
      const added = await call(t, 'PUT', `/api/v1/handoff/teams/${returns}`, staff.admin.cookie, members([staff.alice.id, staff.bob.id]));
      expect(added.status).toBe(200);
      await act(staff.alice, 'POST', '/notes', { text: 'for the new member' });
      await act(staff.alice, 'POST', '/takeover');
      await waitFor(() => heard.some((h) => h.event === 'conversation.updated' && h.payload.conversation?.id === conv));
      expect(heard.some((h) => h.event === 'note.created')).toBe(true);

      const removed = await call(t, 'PUT', `/api/v1/handoff/teams/${returns}`, staff.admin.cookie, members([staff.alice.id]));
      expect(removed.status).toBe(200);
      heard.length = 0;
      await act(staff.alice, 'POST', '/notes', { text: 'after the removal' });
      await new Promise((r) => setTimeout(r, 300));
      expect(heard.filter((h) => h.event === 'note.created')).toEqual([]);
    } finally {
      socket.close();
    }
  });

  it('transfers to another team: its online member gets it, the note is kept, and the first agent loses access', async () => {
    await act(staff.alice, 'POST', '/takeover');
    const res = await act(staff.alice, 'POST', '/transfer', {
      teamId: vip,
      note: 'VIP customer, please handle',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'pending_human',
      teamId: vip,
      teamName: 'VIP',
      assignee: { id: staff.bob.id },
    });
    expect((await act(staff.alice, 'GET', '')).status).toBe(403);
    expect((await act(staff.alice, 'POST', '/reply', { text: 'still here?' })).status).toBe(403);
    expect((await queue(staff.bob, '?view=mine')).body.map((c) => c.id)).toEqual([conv]);
    expect((await act<NoteDto[]>(staff.bob, 'GET', '/notes')).body.filter((n) => !n.kind).map((n) => n.text)).toEqual([
      'VIP customer, please handle',
    ]);
    expect((await audits('conversation.transfer'))[0].data).toEqual({
      fromTeam: returns,
      toTeam: vip,
      fromAssignee: staff.alice.id,
      toAssignee: staff.bob.id,
    });
    expect(
      await count(t, `SELECT count(*) FROM handoff_notifications WHERE kind = 'transfer' AND team_id = $1`, [
        vip,
      ]),
    ).toBe(1);
    // To a named member of the team.
    const named = await act(staff.bob, 'POST', '/transfer', { teamId: vip, userId: staff.carol.id });
    expect(named.body.assignee?.id).toBe(staff.carol.id);
  });

  it('refuses a bad transfer or assignment with 400 and changes nothing', async () => {
    const before = await state();
    const ghost = '00000000-0000-4000-8000-000000000000';
    const unknownTeam = await act(staff.alice, 'POST', '/transfer', { teamId: ghost });
    expect(unknownTeam.status).toBe(400);
    expect(unknownTeam.body.message).toMatch(/team .* does not exist/);
    const notMember = await act(staff.alice, 'POST', '/transfer', { teamId: vip, userId: staff.alice.id });
    expect(notMember.status).toBe(400);
    expect(notMember.body.message).toMatch(/not a member of team VIP/);
    expect((await act(staff.alice, 'POST', '/transfer', { teamId: 'nope' })).status).toBe(400);
    const analyst = await act(staff.alice, 'POST', '/assign', { userId: staff.analyst.id });
    expect(analyst.status).toBe(400);
    expect(analyst.body.message).toMatch(/not an agent/);
    expect((await act(staff.alice, 'POST', '/reply', { text: '' })).status).toBe(400);
    expect((await act(staff.alice, 'PUT', '/tags', { tags: 'vip' })).status).toBe(400);
    expect(await state()).toEqual(before);
    expect(await count(t, 'SELECT count(*) FROM audit_log')).toBe(0);
  });

  it('assigns to an agent, who is notified, and unassigns', async () => {
    const res = await act(staff.admin, 'POST', '/assign', { userId: staff.alice.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending_human', assignee: { id: staff.alice.id } });
    expect(
      await count(t, `SELECT count(*) FROM handoff_notifications WHERE kind = 'assigned' AND user_id = $1`, [
        staff.alice.id,
      ]),
    ).toBe(1);
    expect((await audits('conversation.assigned'))[0].data).toEqual({ from: null, to: staff.alice.id });
    expect((await act(staff.alice, 'POST', '/assign', { userId: null })).body.assignee).toBeNull();
  });

  it('replaces tags, trimmed and without repeats', async () => {
    const res = await act(staff.alice, 'PUT', '/tags', { tags: [' refund ', 'VIP', 'vip', 'refund'] });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(['refund', 'VIP']);
  });

  it('hands back to the bot, which answers the next shopper message', async () => {
    await act(staff.alice, 'POST', '/takeover');
    const res = await act(staff.alice, 'POST', '/handback');
    expect(res.status).toBe(200);
    expect(await state()).toMatchObject({
      status: 'bot',
      assignee_id: null,
      handoff_reason: null,
      team_id: returns,
    });
    expect(await audits('conversation.handback')).toHaveLength(1);
    const again = await act(staff.alice, 'POST', '/handback');
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already with the bot/);

    const before = await count(t, `SELECT count(*) FROM messages WHERE sender_type = 'bot'`);
    const next = await push(t, inbox, 'm-2', 'what is your return policy?');
    await settled(t, next.messageId);
    expect(await count(t, `SELECT count(*) FROM messages WHERE sender_type = 'bot'`)).toBeGreaterThan(before);
    expect(firstMessage).not.toBe(next.messageId);
  });

  it('resolves, and refuses what a resolved conversation cannot take with 409', async () => {
    const res = await act(staff.alice, 'POST', '/resolve');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('resolved');
    expect(await audits('conversation.resolved')).toHaveLength(1);
    const changes = await t.db.query(
      `SELECT data FROM events WHERE type = 'conversation.status_changed' AND conversation_id = $1`,
      [conv],
    );
    expect(changes.map((r: { data: unknown }) => r.data)).toContainEqual({
      from: 'pending_human',
      to: 'resolved',
    });
    for (const [path, body] of [
      ['/takeover'],
      ['/reply', { text: 'hello?' }],
      ['/resolve'],
      ['/handback'],
      ['/transfer', { teamId: vip }],
    ] as [string, unknown?][]) {
      const r = await act(staff.alice, 'POST', path, body);
      expect([path, r.status]).toEqual([path, 409]);
    }
    expect((await act(staff.alice, 'POST', '/takeover')).body.message).toMatch(/resolved/);
    expect((await queue(staff.alice, '?view=all')).body.map((c) => c.id)).toEqual([conv]);
    expect((await queue(staff.alice)).body).toHaveLength(0);
  });

  it('answers unknown conversations with 404', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect((await call(t, 'POST', `/api/v1/conversations/${id}/takeover`, staff.admin.cookie)).status).toBe(
        404,
      );
      expect((await call(t, 'GET', `/api/v1/conversations/${id}/notes`, staff.admin.cookie)).status).toBe(
        404,
      );
      expect(
        (await call(t, 'POST', `/api/v1/conversations/${id}/reply`, staff.admin.cookie, { text: 'hi' }))
          .status,
      ).toBe(404);
    }
  });
});
