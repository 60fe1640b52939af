import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  BusinessHours,
  ConversationStatus,
  EscalationDecision,
  HandoffReason,
  HandoffSettings,
  handoffSettingsSchema,
  DEFAULT_HANDOFF_SETTINGS,
  Priority,
  PRIORITY_RANK,
  priorityOfRank,
  SafetyTrigger,
  AssignmentStrategy,
} from '@kefu/shared/contracts';
import type { Conversation, EventRecord } from '@kefu/api/conversations';
import { AssignmentCandidate, chooseAssignee, expectedWaitMinutes } from './assignment';
import { nextOpening, openAt } from './business-hours';

/** What a caller asks of the router when a conversation goes to humans. */
export interface HandoffRequest {
  reason: HandoffReason;
  /** null: the routing default (the VIP team for VIP shoppers, else the default team, else General). */
  teamId: string | null;
  priority: Priority;
  tags?: string[];
  vip?: boolean;
  ruleId?: string | null;
  safety?: SafetyTrigger | null;
  notify?: EscalationDecision['notify'];
  /** The intent the shopper's message was read as (reports, the `conversation.handoff` webhook). */
  intent?: string | null;
}

/** Where the hand-off went and what the shopper can be told. */
export interface RoutingOutcome {
  teamId: string | null;
  teamName: string | null;
  assigneeId: string | null;
  open: boolean;
  /** When the team opens next (closed teams only). */
  opensAt: Date | null;
  /** The team's business-hours time zone (to show `opensAt` in), null when it has none. */
  timezone?: string | null;
  /** Null while the team is closed. */
  expectedWaitMinutes: number | null;
  queuePosition: number;
}

interface TeamRow {
  id: string;
  name: string;
  assignment: AssignmentStrategy;
  business_hours: BusinessHours | null;
  lead_user_id: string | null;
  last_assigned_user_id: string | null;
}

/** How long a team's business hours are remembered for the per-message open/closed check. */
const HOURS_CACHE_MS = 5_000;

const TEAM_COLUMNS = 'id, name, assignment, business_hours, lead_user_id, last_assigned_user_id';

/**
 * Routes a hand-off: the team (the request's, else the VIP or default team, else General), the
 * priority (never lowered), the tags, and, when the team is open, a member by least load or round
 * robin; the expected wait from the team's queue and its recent answer times.
 */
@Injectable()
export class HandoffRouter {
  private readonly hoursCache = new Map<string, { hours: BusinessHours | null; found: boolean; at: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inside the caller's transaction (the conversation row locked by the caller). Changes the
   * conversation in memory (the caller saves it), pushes events and writes notification rows.
   */
  async route(em: EntityManager, conversation: Conversation, req: HandoffRequest, now: Date, events: EventRecord[]): Promise<RoutingOutcome> {
    const settings = await settingsOf(em);
    // The team row locked: concurrent hand-offs to one team assign one after the other.
    const team = await this.resolveTeam(em, req, settings, true);
    const rank = Math.max(conversation.priority ?? PRIORITY_RANK.normal, PRIORITY_RANK[req.priority]);
    conversation.status = ConversationStatus.PendingHuman;
    conversation.handoffReason = req.reason;
    conversation.handoffAt = now;
    conversation.teamId = team?.id ?? null;
    conversation.priority = rank;
    conversation.tags = [...new Set([...(conversation.tags ?? []), ...(req.tags ?? [])])];
    conversation.assigneeId = null;
    conversation.escalatedAt = null;
    conversation.firstHumanReplyAt = null;

    const open = team ? openAt(team.business_hours, now) : true;
    let assigneeId: string | null = null;
    if (team && open) {
      assigneeId = await this.choose(em, team, []);
      conversation.assigneeId = assigneeId;
    }
    events.push({
      type: 'conversation.handoff',
      data: { reason: req.reason, intent: req.intent ?? null, teamId: team?.id ?? null, priority: priorityOfRank(rank), ruleId: req.ruleId ?? null, safety: req.safety ?? null },
    });
    if (assigneeId) {
      events.push({ type: 'conversation.assigned', data: { assigneeId, teamId: team?.id ?? null, by: 'auto' } });
      await insertNotification(em, { kind: 'assigned', conversationId: conversation.id, userId: assigneeId, message: `handed off: ${req.reason}` });
    }
    for (const n of req.notify ?? []) await this.notify(em, conversation.id, team, n);

    const position = await queuePosition(em, team?.id ?? null, conversation.id, rank, now);
    return {
      teamId: team?.id ?? null,
      teamName: team?.name ?? null,
      assigneeId,
      open,
      opensAt: open ? null : team ? nextOpening(team.business_hours, now) : null,
      timezone: team?.business_hours?.timezone ?? null,
      expectedWaitMinutes: open ? await this.expectedWait(em, team?.id ?? null, position) : null,
      queuePosition: position,
    };
  }

  /** What route() would decide, without writing anything (for the shopper's message before the turn's transaction). */
  async preview(conversation: { id: string; teamId: string | null }, req: HandoffRequest, now: Date): Promise<RoutingOutcome> {
    const em = this.db.manager;
    const team = await this.resolveTeam(em, req, await settingsOf(em), false);
    const open = team ? openAt(team.business_hours, now) : true;
    const position = await queuePosition(em, team?.id ?? null, conversation.id, PRIORITY_RANK[req.priority], now);
    return {
      teamId: team?.id ?? null,
      teamName: team?.name ?? null,
      assigneeId: null,
      open,
      opensAt: open ? null : team ? nextOpening(team.business_hours, now) : null,
      timezone: team?.business_hours?.timezone ?? null,
      expectedWaitMinutes: open ? await this.expectedWait(em, team?.id ?? null, position) : null,
      queuePosition: position,
    };
  }

  /**
   * An online member under capacity (by the team's strategy), or null. Locks the team row for the
   * rest of the caller's transaction and moves its round-robin cursor.
   */
  async pickAssignee(em: EntityManager, teamId: string, opts: { exclude?: string[] } = {}): Promise<string | null> {
    const [team] = (await em.query(`SELECT ${TEAM_COLUMNS} FROM teams WHERE id = $1 FOR UPDATE`, [teamId])) as TeamRow[];
    return team ? this.choose(em, team, opts.exclude ?? []) : null;
  }

  /** Whether the team (null: the default team) is within its business hours at `at`. */
  /**
   * Whether the team (or the routing default) is within its business hours. Asked for every message the bot
   * reads (the rules' business_hours condition), so the team's hours are remembered for a few seconds.
   */
  async isTeamOpen(teamId: string | null, at: Date): Promise<boolean> {
    const key = teamId ?? '';
    let hit = this.hoursCache.get(key);
    if (!hit || Date.now() - hit.at > HOURS_CACHE_MS) {
      const em = this.db.manager;
      const team = await this.resolveTeam(em, { teamId }, await settingsOf(em), false);
      hit = { hours: team ? team.business_hours : null, found: !!team, at: Date.now() };
      this.hoursCache.set(key, hit);
    }
    return hit.found ? openAt(hit.hours, at) : true;
  }

  /** Forget the remembered hours (a team or the settings changed). */
  forgetHours(): void {
    this.hoursCache.clear();
  }

  private async choose(em: EntityManager, team: TeamRow, exclude: string[]): Promise<string | null> {
    const members = (await em.query(
      `SELECT m.user_id, m.capacity, COALESCE(p.availability, 'offline') AS availability,
              (SELECT count(*) FROM conversations c WHERE c.assignee_id = m.user_id AND c.status IN ('pending_human','human'))::int AS load,
              (SELECT max(c.handoff_at) FROM conversations c WHERE c.assignee_id = m.user_id) AS last_assigned_at
         FROM team_members m LEFT JOIN agent_presence p ON p.user_id = m.user_id
        WHERE m.team_id = $1`,
      [team.id],
    )) as { user_id: string; capacity: number; availability: AssignmentCandidate['availability']; load: number; last_assigned_at: Date | null }[];
    const picked = chooseAssignee(
      members.map((m) => ({
        userId: m.user_id,
        capacity: Number(m.capacity),
        availability: m.availability,
        load: Number(m.load),
        lastAssignedAt: m.last_assigned_at ? new Date(m.last_assigned_at) : null,
      })),
      team.assignment,
      team.last_assigned_user_id,
      exclude,
    );
    if (picked) {
      await em.query(`UPDATE teams SET last_assigned_user_id = $2 WHERE id = $1`, [team.id, picked]);
      team.last_assigned_user_id = picked;
    }
    return picked;
  }

  private async resolveTeam(em: EntityManager, req: Pick<HandoffRequest, 'teamId' | 'vip'>, settings: HandoffSettings, lock: boolean): Promise<TeamRow | null> {
    const forUpdate = lock ? ' FOR UPDATE' : '';
    for (const id of [req.teamId, req.vip ? settings.vipTeamId : null, settings.defaultTeamId]) {
      if (!id) continue;
      const [row] = (await em.query(`SELECT ${TEAM_COLUMNS} FROM teams WHERE id = $1${forUpdate}`, [id])) as TeamRow[];
      if (row) return row;
    }
    const [general] = (await em.query(`SELECT ${TEAM_COLUMNS} FROM teams WHERE lower(name) = 'general'${forUpdate}`)) as TeamRow[];
    return general ?? null;
  }

  private async expectedWait(em: EntityManager, teamId: string | null, position: number): Promise<number> {
    if (!teamId) return expectedWaitMinutes(position, null, 1);
    const [row] = (await em.query(
      `SELECT (SELECT avg(extract(epoch FROM first_human_reply_at - handoff_at)) / 60
                 FROM (SELECT first_human_reply_at, handoff_at FROM conversations
                        WHERE team_id = $1 AND handoff_at IS NOT NULL AND first_human_reply_at IS NOT NULL
                        ORDER BY first_human_reply_at DESC LIMIT 50) answered) AS avg_minutes,
              (SELECT count(*) FROM team_members m JOIN agent_presence p ON p.user_id = m.user_id
                WHERE m.team_id = $1 AND p.availability = 'online')::int AS online`,
      [teamId],
    )) as { avg_minutes: string | null; online: number }[];
    return expectedWaitMinutes(position, row?.avg_minutes === null || row?.avg_minutes === undefined ? null : Number(row.avg_minutes), Number(row?.online ?? 0));
  }

  private async notify(em: EntityManager, conversationId: string, team: TeamRow | null, n: EscalationDecision['notify'][number]): Promise<void> {
    const teamId = n.teamId ?? team?.id ?? null;
    if (n.target === 'user') {
      if (n.userId) await insertNotification(em, { kind: 'rule', conversationId, userId: n.userId, message: n.message });
      return;
    }
    if (!teamId) return;
    if (n.target === 'team_lead') {
      const [row] = (await em.query(`SELECT lead_user_id FROM teams WHERE id = $1`, [teamId])) as { lead_user_id: string | null }[];
      if (!row) return;
      if (row.lead_user_id) return insertNotification(em, { kind: 'rule', conversationId, userId: row.lead_user_id, message: n.message });
    }
    await insertNotification(em, { kind: 'rule', conversationId, teamId, message: n.message });
  }
}

/** The hand-off settings, read through the caller's manager (defaults for anything unset or invalid). */
export async function settingsOf(em: EntityManager): Promise<HandoffSettings> {
  const [row] = (await em.query(`SELECT settings FROM handoff_settings WHERE id = 1`)) as { settings: unknown }[];
  const parsed = handoffSettingsSchema.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : DEFAULT_HANDOFF_SETTINGS;
}

/** 1-based place among the team's unanswered hand-offs (priority first, then the longest waiting). */
async function queuePosition(em: EntityManager, teamId: string | null, conversationId: string, rank: number, handoffAt: Date): Promise<number> {
  const [row] = (await em.query(
    `SELECT count(*)::int AS ahead FROM conversations
      WHERE team_id IS NOT DISTINCT FROM $1::uuid AND status = 'pending_human' AND first_human_reply_at IS NULL AND id <> $2
        AND (priority > $3 OR (priority = $3 AND handoff_at <= $4))`,
    [teamId, conversationId, rank, handoffAt],
  )) as { ahead: number }[];
  return Number(row?.ahead ?? 0) + 1;
}

/** A workspace notification, sent over the admin socket after the transaction commits. */
export async function insertNotification(
  em: EntityManager,
  n: { kind: 'rule' | 'escalation' | 'assigned' | 'transfer'; conversationId: string | null; teamId?: string | null; userId?: string | null; message?: string },
): Promise<void> {
  await em.query(`INSERT INTO handoff_notifications (kind, conversation_id, team_id, user_id, message) VALUES ($1, $2, $3, $4, $5)`, [
    n.kind,
    n.conversationId,
    n.teamId ?? null,
    n.userId ?? null,
    n.message ?? '',
  ]);
}
