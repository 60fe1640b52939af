import { BadRequestException, ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AgentAvailability,
  availabilitySchema,
  BusinessHours,
  Role,
  TeamDto,
  TeamInput,
  teamInputSchema,
  TeamMemberDto,
} from '@kefu/shared/contracts';
import { parseWith, isUuid } from '@kefu/api/platform/http';
import { AdminGateway, ConversationAccess } from '@kefu/api/conversations';
import { AuditService } from '@kefu/api/audit';
import { HandoffRouter } from './handoff-router.service';
import type { AuthUser } from '@kefu/api/identity';
import { ALWAYS_OPEN, openAt } from './business-hours';

/** A staff member who can work conversations (for member pickers). */
export interface AgentDto {
  id: string;
  name: string;
  role: string;
  availability: AgentAvailability;
  load: number;
  teamIds: string[];
}

export interface MyHandoffDto {
  availability: AgentAvailability;
  teams: { id: string; name: string }[];
  unread: number;
}

interface TeamRow {
  id: string;
  name: string;
  description: string;
  assignment: TeamDto['assignment'];
  business_hours: BusinessHours | null;
  escalate_after_minutes: number | null;
  escalation_action: TeamDto['escalationAction'];
  lead_user_id: string | null;
  created_at: Date;
  updated_at: Date;
  waiting: number;
}

const WORKING_ROLES: string[] = [Role.Admin, Role.Agent];

/** Conversations a user is working: assigned and waiting for or owned by a human. */
const LOAD_SQL = `(SELECT count(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status IN ('pending_human','human'))::int`;

/**
 * Teams with their members (capacity), hours and time limits; agents' availability. Registers team
 * membership with `ConversationAccess`, so an agent sees their teams' conversations.
 */
@Injectable()
export class TeamsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly audit: AuditService,
    private readonly router: HandoffRouter,
    private readonly gateway: AdminGateway,
  ) {}

  onModuleInit() {
    this.access.useTeams(async (userId) => {
      const rows = (await this.db.query(`SELECT team_id FROM team_members WHERE user_id = $1`, [userId])) as { team_id: string }[];
      return rows.map((r) => r.team_id);
    });
  }

  async list(now = new Date()): Promise<TeamDto[]> {
    return this.dtos(null, now);
  }

  async get(id: string, now = new Date()): Promise<TeamDto> {
    if (!isUuid(id)) throw new NotFoundException(`team ${id} not found`);
    const [dto] = await this.dtos(id, now);
    if (!dto) throw new NotFoundException(`team ${id} not found`);
    return dto;
  }

  async create(body: unknown, actor: AuthUser): Promise<TeamDto> {
    const input = parseWith(teamInputSchema, body);
    const id = await this.db.transaction(async (em) => {
      await this.validate(em, input, null);
      const [row] = (await em.query(
        `INSERT INTO teams (name, description, assignment, business_hours, escalate_after_minutes, escalation_action, lead_user_id)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
        [input.name, input.description, input.assignment, JSON.stringify(input.businessHours), input.escalateAfterMinutes, input.escalationAction, input.leadUserId],
      )) as { id: string }[];
      await this.writeMembers(em, row.id, input.members);
      await this.audit.record({ actorId: actor.id, action: 'team.created', targetType: 'team', targetId: row.id, data: summary(input) }, em);
      return row.id;
    }).catch(uniqueNameConflict(input.name));
    this.router.forgetHours();
    this.gateway.syncTeamRoom(id, input.members.map((m) => m.userId), []);
    return this.get(id);
  }

  async update(id: string, body: unknown, actor: AuthUser): Promise<TeamDto> {
    if (!isUuid(id)) throw new NotFoundException(`team ${id} not found`);
    const input = parseWith(teamInputSchema, body);
    let previous: string[] = [];
    await this.db.transaction(async (em) => {
      const [before] = (await em.query(`SELECT name, assignment, escalate_after_minutes, escalation_action, lead_user_id FROM teams WHERE id = $1 FOR UPDATE`, [id])) as Record<string, unknown>[];
      if (!before) throw new NotFoundException(`team ${id} not found`);
      await this.validate(em, input, id);
      await em.query(
        `UPDATE teams SET name = $2, description = $3, assignment = $4, business_hours = $5::jsonb, escalate_after_minutes = $6,
                escalation_action = $7, lead_user_id = $8, updated_at = now() WHERE id = $1`,
        [id, input.name, input.description, input.assignment, JSON.stringify(input.businessHours), input.escalateAfterMinutes, input.escalationAction, input.leadUserId],
      );
      const keep = input.members.map((m) => m.userId);
      previous = ((await em.query(`SELECT user_id FROM team_members WHERE team_id = $1`, [id])) as { user_id: string }[]).map((r) => r.user_id);
      await em.query(`DELETE FROM team_members WHERE team_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [id, keep]);
      await this.writeMembers(em, id, input.members);
      await this.audit.record({ actorId: actor.id, action: 'team.updated', targetType: 'team', targetId: id, data: { before, after: summary(input) } }, em);
    }).catch(uniqueNameConflict(input.name));
    this.router.forgetHours();
    const now = input.members.map((m) => m.userId);
    this.gateway.syncTeamRoom(id, now.filter((u) => !previous.includes(u)), previous.filter((u) => !now.includes(u)));
    return this.get(id);
  }

  /** Refused (409) while conversations of the team wait for or are owned by a human. */
  async remove(id: string, actor: AuthUser): Promise<void> {
    if (!isUuid(id)) throw new NotFoundException(`team ${id} not found`);
    await this.db.transaction(async (em) => {
      const [team] = (await em.query(`SELECT name FROM teams WHERE id = $1 FOR UPDATE`, [id])) as { name: string }[];
      if (!team) throw new NotFoundException(`team ${id} not found`);
      const [{ open }] = (await em.query(`SELECT count(*)::int AS open FROM conversations WHERE team_id = $1 AND status IN ('pending_human','human')`, [id])) as { open: number }[];
      if (Number(open) > 0) {
        throw new ConflictException(`team ${team.name} still has ${open} open conversation(s); transfer or resolve them first`);
      }
      await em.query(`DELETE FROM teams WHERE id = $1`, [id]);
      await this.audit.record({ actorId: actor.id, action: 'team.deleted', targetType: 'team', targetId: id, data: { name: team.name } }, em);
    });
    this.router.forgetHours();
  }

  /** Staff who can work conversations (admins and agents), for member pickers. */
  async agents(): Promise<AgentDto[]> {
    const rows = (await this.db.query(
      `SELECT u.id, u.name, u.role, COALESCE(p.availability, 'offline') AS availability, ${LOAD_SQL} AS load,
              COALESCE((SELECT array_agg(m.team_id::text) FROM team_members m WHERE m.user_id = u.id), '{}') AS team_ids
         FROM users u LEFT JOIN agent_presence p ON p.user_id = u.id
        WHERE u.role = ANY($1::text[])
        ORDER BY u.name, u.id`,
      [WORKING_ROLES],
    )) as { id: string; name: string; role: string; availability: AgentAvailability; load: number; team_ids: string[] }[];
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, availability: r.availability, load: Number(r.load), teamIds: r.team_ids ?? [] }));
  }

  async me(user: AuthUser): Promise<MyHandoffDto> {
    const [presence] = (await this.db.query(`SELECT availability FROM agent_presence WHERE user_id = $1`, [user.id])) as { availability: AgentAvailability }[];
    const teams = (await this.db.query(
      `SELECT t.id, t.name FROM teams t JOIN team_members m ON m.team_id = t.id WHERE m.user_id = $1 ORDER BY t.name`,
      [user.id],
    )) as { id: string; name: string }[];
    const [{ unread }] = (await this.db.query(
      `SELECT count(*)::int AS unread FROM handoff_notifications
        WHERE read_at IS NULL AND (user_id = $1 OR team_id IN (SELECT team_id FROM team_members WHERE user_id = $1))`,
      [user.id],
    )) as { unread: number }[];
    return { availability: presence?.availability ?? 'offline', teams, unread: Number(unread) };
  }

  async setAvailability(user: AuthUser, body: unknown): Promise<MyHandoffDto> {
    const { availability } = parseWith(availabilitySchema, body);
    await this.db.query(
      `INSERT INTO agent_presence (user_id, availability, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET availability = EXCLUDED.availability, updated_at = now()`,
      [user.id, availability],
    );
    return this.me(user);
  }

  /** Members and the lead must be admins or agents; a 400 names the first that is not. */
  private async validate(em: EntityManager, input: TeamInput, selfId: string | null): Promise<void> {
    const ids = input.members.map((m) => m.userId);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw badField('members', `user ${dup} is listed twice`);
    const wanted = [...new Set([...ids, ...(input.leadUserId ? [input.leadUserId] : [])])];
    if (wanted.length) {
      const rows = (await em.query(`SELECT id, role FROM users WHERE id = ANY($1::uuid[])`, [wanted])) as { id: string; role: string }[];
      const roleOf = new Map(rows.map((r) => [r.id, r.role]));
      for (const [i, id] of ids.entries()) {
        if (!roleOf.has(id)) throw badField(`members.${i}.userId`, `user ${id} does not exist`);
        if (!WORKING_ROLES.includes(roleOf.get(id) as string)) throw badField(`members.${i}.userId`, `user ${id} is a ${roleOf.get(id)}; only admins and agents can work conversations`);
      }
      const lead = input.leadUserId;
      if (lead && !roleOf.has(lead)) throw badField('leadUserId', `user ${lead} does not exist`);
      if (lead && !WORKING_ROLES.includes(roleOf.get(lead) as string)) throw badField('leadUserId', `user ${lead} is a ${roleOf.get(lead)}; a team lead must be an admin or an agent`);
    }
    const clash = (await em.query(`SELECT id FROM teams WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [input.name, selfId])) as { id: string }[];
    if (clash.length) throw new ConflictException(`a team named ${input.name} already exists`);
  }

  private async writeMembers(em: EntityManager, teamId: string, members: TeamInput['members']): Promise<void> {
    for (const m of members) {
      await em.query(
        `INSERT INTO team_members (team_id, user_id, capacity) VALUES ($1, $2, $3)
         ON CONFLICT (team_id, user_id) DO UPDATE SET capacity = EXCLUDED.capacity`,
        [teamId, m.userId, m.capacity],
      );
    }
  }

  private async dtos(id: string | null, now: Date): Promise<TeamDto[]> {
    const teams = (await this.db.query(
      `SELECT t.*, (SELECT count(*) FROM conversations c WHERE c.team_id = t.id AND c.status = 'pending_human')::int AS waiting
         FROM teams t WHERE $1::uuid IS NULL OR t.id = $1::uuid ORDER BY lower(t.name)`,
      [id],
    )) as TeamRow[];
    if (!teams.length) return [];
    const members = (await this.db.query(
      `SELECT m.team_id, m.user_id, m.capacity, u.name, u.role, COALESCE(p.availability, 'offline') AS availability, ${LOAD_SQL} AS load
         FROM team_members m JOIN users u ON u.id = m.user_id LEFT JOIN agent_presence p ON p.user_id = m.user_id
        WHERE m.team_id = ANY($1::uuid[]) ORDER BY u.name, u.id`,
      [teams.map((t) => t.id)],
    )) as { team_id: string; user_id: string; capacity: number; name: string; role: string; availability: TeamMemberDto['availability']; load: number }[];
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      assignment: t.assignment,
      businessHours: t.business_hours ?? ALWAYS_OPEN,
      escalateAfterMinutes: t.escalate_after_minutes,
      escalationAction: t.escalation_action,
      leadUserId: t.lead_user_id,
      members: members
        .filter((m) => m.team_id === t.id)
        .map((m) => ({ userId: m.user_id, name: m.name, role: m.role, capacity: Number(m.capacity), availability: m.availability, load: Number(m.load) })),
      waiting: Number(t.waiting),
      openNow: openAt(t.business_hours, now),
      createdAt: new Date(t.created_at).toISOString(),
      updatedAt: new Date(t.updated_at).toISOString(),
    }));
  }
}

function summary(input: TeamInput): Record<string, unknown> {
  return {
    name: input.name,
    assignment: input.assignment,
    escalateAfterMinutes: input.escalateAfterMinutes,
    escalationAction: input.escalationAction,
    leadUserId: input.leadUserId,
    members: input.members.map((m) => ({ userId: m.userId, capacity: m.capacity })),
    businessHours: input.businessHours,
  };
}

function badField(path: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `invalid body: ${path} ${message}`, issues: [{ path, message }] });
}

/** Two creates racing for one name: the unique index answers; make it the same 409. */
function uniqueNameConflict(name: string) {
  return (err: unknown): never => {
    const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
    if (code === '23505') throw new ConflictException(`a team named ${name} already exists`);
    throw err;
  };
}
