import { Role, TeamDto } from '@kefu/shared/contracts';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { Conversation, ConversationAccess, EventRecord } from '@kefu/api/conversations';
import { HandoffRequest, HandoffRouter, RoutingOutcome } from './handoff-router.service';
import { NotificationsService } from './notifications.service';
import { SlaEscalationService } from './sla-escalation.service';
import { seedDefaultTeams } from './teams-seed';
import { call, conversation, inbox, routingRoot, staff } from './testing/routing-test-kit';

const hours = (open: string, close: string) => ({ enabled: true, timezone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open, close })) });

describe('teams, routing and time limits (PostgreSQL)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let inboxId: string;
  const count = async (sql: string, params: unknown[] = []) => Number(((await t.db.query(sql, params)) as { n: string }[])[0].n);
  const online = (...ids: string[]) =>
    t.db.query(`INSERT INTO agent_presence (user_id, availability) SELECT unnest($1::uuid[]), 'online' ON CONFLICT (user_id) DO UPDATE SET availability = 'online'`, [ids]);
  const createTeam = async (body: Record<string, unknown>) => {
    const res = await call<TeamDto>(t, 'POST', '/api/v1/handoff/teams', { cookie: s.admin.cookie, body });
    if (res.status !== 201) throw new Error(`team not created: ${res.status} ${res.body.message}`);
    return res.body;
  };
  /** Hands a conversation off the way a turn does: route() in a transaction, then the row saved. */
  const handOff = (id: string, req: Partial<HandoffRequest> = {}, now = new Date()) =>
    t.db.transaction(async (em) => {
      const c = await em.findOneOrFail(Conversation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const events: EventRecord[] = [];
      const out: RoutingOutcome = await t.app.get(HandoffRouter).route(em, c, { reason: 'low_confidence', teamId: null, priority: 'normal', ...req }, now, events);
      await em.update(Conversation, { id }, { status: c.status, handoffReason: c.handoffReason, handoffAt: c.handoffAt, teamId: c.teamId, assigneeId: c.assigneeId, priority: c.priority, tags: c.tags });
      return { out, events, c };
    });

  beforeAll(async () => {
    t = await createTestApp(routingRoot);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.db);
    s = await staff(t);
    inboxId = await inbox(t);
  });

  describe('teams API', () => {
    it('creates, lists, updates and deletes a team, each change audited with its actor', async () => {
      const team = await createTeam({ name: 'Returns', members: [{ userId: s.a1.id, capacity: 3 }], escalateAfterMinutes: 10, leadUserId: s.a1.id });
      expect(team).toMatchObject({ name: 'Returns', assignment: 'least_load', waiting: 0, openNow: true, leadUserId: s.a1.id });
      expect(team.members).toEqual([expect.objectContaining({ userId: s.a1.id, capacity: 3, availability: 'offline', load: 0, role: 'agent' })]);

      const agentView = await call<TeamDto[]>(t, 'GET', '/api/v1/handoff/teams', { cookie: s.a2.cookie });
      expect(agentView.status).toBe(200);
      expect(agentView.body.map((x) => x.name)).toEqual(['Returns']);

      const put = await call<TeamDto>(t, 'PUT', `/api/v1/handoff/teams/${team.id}`, {
        cookie: s.admin.cookie,
        body: { name: 'Returns & refunds', assignment: 'round_robin', members: [{ userId: s.a2.id }, { userId: s.admin.id, capacity: 2 }] },
      });
      expect(put.status).toBe(200);
      expect(put.body.members.map((m) => m.userId).sort()).toEqual([s.a2.id, s.admin.id].sort());
      expect(put.body).toMatchObject({ name: 'Returns & refunds', assignment: 'round_robin' });

      expect((await call(t, 'DELETE', `/api/v1/handoff/teams/${team.id}`, { cookie: s.admin.cookie })).status).toBe(204);
      const audit = (await t.db.query(`SELECT action, actor_id FROM audit_log WHERE target_id = $1 ORDER BY id`, [team.id])) as { action: string; actor_id: string }[];
      expect(audit).toEqual([
        { action: 'team.created', actor_id: s.admin.id },
        { action: 'team.updated', actor_id: s.admin.id },
        { action: 'team.deleted', actor_id: s.admin.id },
      ]);
    });

    it('refuses bad members, duplicate names, agents writing, and deleting a team with open conversations', async () => {
      const bad = async (body: Record<string, unknown>) => call(t, 'POST', '/api/v1/handoff/teams', { cookie: s.admin.cookie, body });
      const analyst = await bad({ name: 'X', members: [{ userId: s.analyst.id }] });
      expect(analyst.status).toBe(400);
      expect(analyst.body.message).toContain(s.analyst.id);
      const ghost = '00000000-0000-4000-8000-000000000001';
      expect((await bad({ name: 'X', members: [{ userId: ghost }] })).body.message).toContain(ghost);
      expect((await bad({ name: '' })).status).toBe(400);
      expect((await bad({ name: 'X', businessHours: { enabled: true, timezone: 'Mars/Base', days: [] } })).status).toBe(400);
      expect(await count(`SELECT count(*) AS n FROM teams`)).toBe(0);

      const team = await createTeam({ name: 'General' });
      expect((await bad({ name: 'general' })).status).toBe(409);
      expect((await call(t, 'POST', '/api/v1/handoff/teams', { cookie: s.a1.cookie, body: { name: 'Mine' } })).status).toBe(403);
      expect((await call(t, 'GET', '/api/v1/handoff/teams/not-a-uuid', { cookie: s.admin.cookie })).status).toBe(404);

      await conversation(t, inboxId, { status: 'pending_human', teamId: team.id, handoffAt: new Date() });
      const del = await call(t, 'DELETE', `/api/v1/handoff/teams/${team.id}`, { cookie: s.admin.cookie });
      expect(del.status).toBe(409);
      expect(await count(`SELECT count(*) AS n FROM teams`)).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'team.deleted'`)).toBe(0);
    });

    it('lists who can work (admins and agents), and each agent sets their availability', async () => {
      const agents = await call<{ id: string; role: string }[]>(t, 'GET', '/api/v1/handoff/agents', { cookie: s.a1.cookie });
      expect(agents.body.map((a) => a.role).sort()).toEqual(['admin', 'agent', 'agent', 'agent']);
      const team = await createTeam({ name: 'VIP', members: [{ userId: s.a1.id }] });
      const set = await call(t, 'PUT', '/api/v1/handoff/me/availability', { cookie: s.a1.cookie, body: { availability: 'online' } });
      expect(set.body).toEqual({ availability: 'online', teams: [{ id: team.id, name: 'VIP' }], unread: 0 });
      expect((await call(t, 'PUT', '/api/v1/handoff/me/availability', { cookie: s.a1.cookie, body: { availability: 'away' } })).status).toBe(400);
      expect((await call(t, 'GET', '/api/v1/handoff/me', { cookie: s.analyst.cookie })).status).toBe(403);
    });

    it('gives agents the conversations of their teams (ConversationAccess)', async () => {
      const team = await createTeam({ name: 'General', members: [{ userId: s.a1.id }] });
      const access = t.app.get(ConversationAccess);
      expect(await access.scopeOf({ id: s.a1.id, role: Role.Agent })).toEqual({ all: false, userId: s.a1.id, teamIds: [team.id] });
      expect((await access.scopeOf({ id: s.a2.id, role: Role.Agent })).teamIds).toEqual([]);
    });
  });

  describe('HandoffRouter', () => {
    it('assigns the online member with the least load under capacity; skips offline and full members', async () => {
      const team = await createTeam({ name: 'General', members: [{ userId: s.a1.id, capacity: 1 }, { userId: s.a2.id }, { userId: s.a3.id }] });
      await online(s.a1.id, s.a2.id);
      await conversation(t, inboxId, { status: 'human', assigneeId: s.a1.id, teamId: team.id }); // a1 is full
      await conversation(t, inboxId, { status: 'human', assigneeId: s.a2.id, teamId: team.id });
      const first = await handOff(await conversation(t, inboxId), { tags: ['refund'] });
      expect(first.out).toMatchObject({ teamId: team.id, teamName: 'General', assigneeId: s.a2.id, open: true, queuePosition: 1, expectedWaitMinutes: 2 }); // 1 × 3 min ÷ 2 online
      expect(first.c).toMatchObject({ status: 'pending_human', handoffReason: 'low_confidence', tags: ['refund'], priority: 2 });
      expect(first.events.map((e) => e.type)).toEqual(['conversation.handoff', 'conversation.assigned']);
      expect(first.events[1].data).toEqual({ assigneeId: s.a2.id, teamId: team.id, by: 'auto' });

      await t.db.query(`UPDATE agent_presence SET availability = 'busy' WHERE user_id = $1`, [s.a2.id]);
      const second = await handOff(await conversation(t, inboxId));
      expect(second.out.assigneeId).toBeNull(); // a1 full, a2 busy, a3 offline
      expect(second.out.queuePosition).toBe(2);
      expect(await count(`SELECT count(*) AS n FROM handoff_notifications WHERE kind = 'assigned' AND user_id = $1`, [s.a2.id])).toBe(1);
    });

    it('does not over-assign when hand-offs to one team run at once (the team row is locked)', async () => {
      await createTeam({ name: 'General', members: [{ userId: s.a1.id, capacity: 2 }] });
      await online(s.a1.id);
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => conversation(t, inboxId)));
      const outs = await Promise.all(ids.map((id) => handOff(id)));
      expect(outs.filter((o) => o.out.assigneeId === s.a1.id)).toHaveLength(2);
      expect(await count(`SELECT count(*) AS n FROM conversations WHERE assignee_id = $1`, [s.a1.id])).toBe(2);
    });

    it('round robin rotates through the online members', async () => {
      const team = await createTeam({ name: 'General', assignment: 'round_robin', members: [{ userId: s.a1.id }, { userId: s.a2.id }, { userId: s.a3.id }] });
      await online(s.a1.id, s.a2.id, s.a3.id);
      const picks: (string | null)[] = [];
      for (let i = 0; i < 4; i++) picks.push((await handOff(await conversation(t, inboxId))).out.assigneeId);
      const order = [s.a1.id, s.a2.id, s.a3.id].sort();
      expect(picks).toEqual([order[0], order[1], order[2], order[0]]);
      expect(((await t.db.query(`SELECT last_assigned_user_id FROM teams WHERE id = $1`, [team.id])) as { last_assigned_user_id: string }[])[0].last_assigned_user_id).toBe(order[0]);
    });

    it('a closed team gets no assignee, says when it opens, and the priority never goes down', async () => {
      const now = new Date('2025-03-05T22:00:00Z');
      const team = await createTeam({ name: 'General', businessHours: hours('09:00', '21:00'), members: [{ userId: s.a1.id }] });
      await online(s.a1.id);
      const id = await conversation(t, inboxId, { priority: 3 });
      const { out, c } = await handOff(id, { priority: 'low' }, now);
      expect(out).toMatchObject({ teamId: team.id, assigneeId: null, open: false, expectedWaitMinutes: null });
      expect(out.opensAt?.toISOString()).toBe('2025-03-06T09:00:00.000Z');
      expect(c.priority).toBe(3);
      expect(await t.app.get(HandoffRouter).isTeamOpen(team.id, now)).toBe(false);
      expect(await t.app.get(HandoffRouter).isTeamOpen(null, new Date('2025-03-06T10:00:00Z'))).toBe(true);
    });

    it('VIP shoppers go to the VIP team and urgent ones go first in the queue; the wait follows recent answers', async () => {
      const teams = await t.db.transaction((em) => seedDefaultTeams(em, { memberUserIds: [s.a1.id] }));
      expect(await t.db.transaction((em) => seedDefaultTeams(em, { memberUserIds: [s.a1.id] }))).toEqual(teams);
      const now = new Date();
      // Two answered hand-offs of the VIP team: 4 and 8 minutes → 6 minutes on average.
      for (const minutes of [4, 8]) {
        await conversation(t, inboxId, { status: 'resolved', teamId: teams.vip, handoffAt: new Date(now.getTime() - 60 * 60_000), firstHumanReplyAt: new Date(now.getTime() - (60 - minutes) * 60_000) });
      }
      await conversation(t, inboxId, { status: 'pending_human', teamId: teams.vip, priority: 2, handoffAt: new Date(now.getTime() - 10 * 60_000) });
      const urgent = await handOff(await conversation(t, inboxId), { vip: true, priority: 'urgent', reason: 'negative_emotion' }, now);
      expect(urgent.out).toMatchObject({ teamId: teams.vip, teamName: 'VIP', queuePosition: 1, expectedWaitMinutes: 6 });
      const normal = await handOff(await conversation(t, inboxId), { vip: true }, now);
      expect(normal.out.queuePosition).toBe(3);
      expect(normal.out.expectedWaitMinutes).toBe(18);
      const preview = await t.app.get(HandoffRouter).preview({ id: '00000000-0000-4000-8000-000000000009', teamId: null }, { reason: 'customer_request', teamId: null, priority: 'high' }, now);
      expect(preview).toMatchObject({ teamId: teams.general, teamName: 'General' });
    });

    it('sends rule notifications to a team, its lead or a user, over the socket once', async () => {
      const team = await createTeam({ name: 'Senior', leadUserId: s.a3.id });
      const id = await conversation(t, inboxId);
      await handOff(id, {
        teamId: team.id,
        notify: [
          { target: 'team', teamId: null, userId: null, message: 'angry VIP' },
          { target: 'team_lead', teamId: null, userId: null, message: 'look' },
          { target: 'user', teamId: null, userId: s.a2.id, message: 'fyi' },
        ],
      });
      const rows = (await t.db.query(`SELECT team_id, user_id, message FROM handoff_notifications WHERE conversation_id = $1 ORDER BY message`, [id])) as unknown[];
      expect(rows).toEqual([
        { team_id: team.id, user_id: null, message: 'angry VIP' },
        { team_id: null, user_id: s.a2.id, message: 'fyi' },
        { team_id: null, user_id: s.a3.id, message: 'look' },
      ]);
      const service = t.app.get(NotificationsService);
      expect(await service.emitPending(id)).toBe(3);
      expect(await service.emitPending()).toBe(0);
      const mine = await call<{ id: string; message: string; readAt: string | null }[]>(t, 'GET', '/api/v1/handoff/notifications', { cookie: s.a2.cookie });
      expect(mine.body.map((n) => n.message)).toEqual(['fyi']);
      expect((await call(t, 'POST', `/api/v1/handoff/notifications/${mine.body[0].id}/read`, { cookie: s.a2.cookie })).status).toBe(204);
      expect((await call(t, 'POST', `/api/v1/handoff/notifications/${mine.body[0].id}/read`, { cookie: s.a1.cookie })).status).toBe(404);
      expect((await call<{ unread: number }>(t, 'GET', '/api/v1/handoff/me', { cookie: s.a2.cookie })).body.unread).toBe(0);
    });
  });

  describe('time-based escalation', () => {
    it('reassigns to another available member after the limit, once per limit, and audits it', async () => {
      const team = await createTeam({ name: 'General', escalateAfterMinutes: 10, escalationAction: 'reassign', members: [{ userId: s.a1.id }, { userId: s.a2.id }] });
      await online(s.a1.id);
      const start = new Date();
      const id = await conversation(t, inboxId);
      expect((await handOff(id, {}, start)).out.assigneeId).toBe(s.a1.id);
      await online(s.a2.id);
      const sla = t.app.get(SlaEscalationService);
      expect(await sla.runOnce(new Date(start.getTime() + 9 * 60_000))).toBe(0);
      expect(await sla.runOnce(new Date(start.getTime() + 11 * 60_000))).toBe(1);
      expect(await sla.runOnce(new Date(start.getTime() + 12 * 60_000))).toBe(0);
      const [c] = (await t.db.query(`SELECT assignee_id, escalated_at FROM conversations WHERE id = $1`, [id])) as { assignee_id: string; escalated_at: Date }[];
      expect(c.assignee_id).toBe(s.a2.id);
      const [event] = (await t.db.query(`SELECT data FROM events WHERE type = 'conversation.escalated' AND conversation_id = $1`, [id])) as { data: unknown }[];
      expect(event.data).toEqual({ teamId: team.id, action: 'reassign', from: s.a1.id, to: s.a2.id });
      expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'conversation.escalated' AND actor_id IS NULL AND target_id = $1`, [id])).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM handoff_notifications WHERE kind = 'escalation' AND user_id = $1`, [s.a2.id])).toBe(1);
    });

    it('notifies the lead (or the team without one); nobody free to reassign to falls back to the lead; answered ones are left alone', async () => {
      const vip = await createTeam({ name: 'VIP', escalateAfterMinutes: 5, leadUserId: s.a3.id, members: [{ userId: s.a1.id }] });
      const gen = await createTeam({ name: 'General', escalateAfterMinutes: 5, escalationAction: 'reassign', members: [{ userId: s.a1.id }] });
      const old = new Date(Date.now() - 6 * 60_000);
      const a = await conversation(t, inboxId, { status: 'pending_human', teamId: vip.id, handoffAt: old });
      const b = await conversation(t, inboxId, { status: 'pending_human', teamId: gen.id, handoffAt: old });
      await conversation(t, inboxId, { status: 'human', teamId: vip.id, handoffAt: old, firstHumanReplyAt: new Date() });
      expect(await t.app.get(SlaEscalationService).runOnce()).toBe(2);
      const rows = (await t.db.query(`SELECT conversation_id, user_id, team_id FROM handoff_notifications WHERE kind = 'escalation'`)) as { conversation_id: string; user_id: string | null; team_id: string | null }[];
      expect(rows).toEqual(expect.arrayContaining([
        { conversation_id: a, user_id: s.a3.id, team_id: null },
        { conversation_id: b, user_id: null, team_id: gen.id },
      ]));
      const [ev] = (await t.db.query(`SELECT data FROM events WHERE type = 'conversation.escalated' AND conversation_id = $1`, [b])) as { data: { action: string } }[];
      expect(ev.data.action).toBe('notify_lead');
    });
  });
});
