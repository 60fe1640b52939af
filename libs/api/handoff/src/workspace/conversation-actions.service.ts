import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import {
  assignSchema,
  ConversationStatus,
  QueueItemDto,
  tagsSchema,
  transferSchema,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { AuthUser } from '@kefu/api/identity';
import { HandoffRouter } from '../routing/handoff-router.service';
import { ActionContext, WorkspaceTx } from './workspace-tx.service';

const RESOLVED_HINT = 'it is resolved; the shopper’s next message opens a new conversation';

/** Tags as typed, trimmed, without repeats (compared case-insensitively; the first spelling wins). */
export function normaliseTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

function refuseResolved(ctx: ActionContext, what: string): void {
  if (ctx.statusBefore === ConversationStatus.Resolved) {
    throw new ConflictException(`cannot ${what} conversation ${ctx.conversation.id}: ${RESOLVED_HINT}`);
  }
}

/**
 * What an agent does to a conversation in the workspace: take it over, assign it, hand it back to the
 * bot, resolve it, transfer it to another team, tag it. Each action is one transaction (see WorkspaceTx),
 * audited with ids only.
 */
@Injectable()
export class ConversationActionsService {
  constructor(
    private readonly tx: WorkspaceTx,
    private readonly router: HandoffRouter,
  ) {}

  /** The conversation becomes the caller's: status human, assignee me (also from another agent). */
  async takeover(id: string, user: AuthUser): Promise<QueueItemDto> {
    const { item } = await this.tx.run(id, user, async (ctx) => {
      refuseResolved(ctx, 'take over');
      const c = ctx.conversation;
      if (c.status === ConversationStatus.Human && c.assigneeId === user.id) return; // already mine
      const from = c.assigneeId;
      c.status = ConversationStatus.Human;
      c.assigneeId = user.id;
      c.handoffAt ??= ctx.now;
      ctx.events.push({ type: 'conversation.takeover', data: { agentId: user.id, from } });
      await ctx.audit('conversation.takeover', { from, to: user.id, statusBefore: ctx.statusBefore });
    });
    return item;
  }

  /** Assigns (or unassigns) without changing the status; the assignee is notified. */
  async assign(id: string, body: unknown, user: AuthUser): Promise<QueueItemDto> {
    const { userId } = parseWith(assignSchema, body);
    const { item } = await this.tx.run(id, user, async (ctx) => {
      refuseResolved(ctx, 'assign');
      if (userId) {
        const rows: { role: string }[] = await ctx.em.query(`SELECT role FROM users WHERE id = $1`, [userId]);
        if (!rows.length)
          throw new BadRequestException({
            message: `user ${userId} does not exist`,
            issues: [{ path: 'userId', message: 'unknown user' }],
          });
        if (rows[0].role !== 'admin' && rows[0].role !== 'agent') {
          throw new BadRequestException({
            message: `user ${userId} is not an agent or admin; only they work conversations`,
            issues: [{ path: 'userId', message: 'not an agent' }],
          });
        }
      }
      const c = ctx.conversation;
      if (c.assigneeId === userId) return;
      const from = c.assigneeId;
      c.assigneeId = userId;
      ctx.events.push({ type: 'conversation.assigned', data: { from, to: userId, by: user.id } });
      await ctx.audit('conversation.assigned', { from, to: userId });
      if (userId && userId !== user.id)
        await ctx.notify({
          kind: 'assigned',
          userId,
          message: `${user.name} assigned a conversation to you`,
        });
    });
    return item;
  }

  /** Back to the bot: it answers the shopper's next message. Team and tags stay. */
  async handback(id: string, user: AuthUser): Promise<QueueItemDto> {
    const { item } = await this.tx.run(id, user, async (ctx) => {
      refuseResolved(ctx, 'hand back');
      const c = ctx.conversation;
      if (c.status === ConversationStatus.Bot) {
        throw new ConflictException(
          `conversation ${id} is already with the bot; take it over first if a human should answer`,
        );
      }
      const from = c.assigneeId;
      c.status = ConversationStatus.Bot;
      c.assigneeId = null;
      c.handoffReason = null;
      await ctx.audit('conversation.handback', { from });
    });
    return item;
  }

  async resolve(id: string, user: AuthUser): Promise<QueueItemDto> {
    const { item } = await this.tx.run(id, user, async (ctx) => {
      if (ctx.statusBefore === ConversationStatus.Resolved)
        throw new ConflictException(`conversation ${id} is already resolved`);
      ctx.conversation.status = ConversationStatus.Resolved;
      await ctx.audit('conversation.resolved', {
        assignee: ctx.conversation.assigneeId,
        statusBefore: ctx.statusBefore,
      });
    });
    return item;
  }

  /**
   * To another team (and optionally one of its members): waiting for a human again, assigned to the
   * member named or picked by the team's routing (possibly nobody). The note is kept as an internal note.
   */
  async transfer(id: string, body: unknown, user: AuthUser): Promise<QueueItemDto> {
    const input = parseWith(transferSchema, body);
    const { item } = await this.tx.run(id, user, async (ctx) => {
      refuseResolved(ctx, 'transfer');
      const { em, conversation: c } = ctx;
      const team: { name: string }[] = await em.query(`SELECT name FROM teams WHERE id = $1`, [input.teamId]);
      if (!team.length)
        throw new BadRequestException({
          message: `team ${input.teamId} does not exist`,
          issues: [{ path: 'teamId', message: 'unknown team' }],
        });
      if (input.userId) {
        const member: unknown[] = await em.query(
          `SELECT 1 FROM team_members WHERE team_id = $1 AND user_id = $2`,
          [input.teamId, input.userId],
        );
        if (!member.length) {
          throw new BadRequestException({
            message: `user ${input.userId} is not a member of team ${team[0].name}`,
            issues: [{ path: 'userId', message: 'not a member of that team' }],
          });
        }
      }
      const fromTeam = c.teamId;
      const fromAssignee = c.assigneeId;
      const toAssignee = input.userId ?? (await this.router.pickAssignee(em, input.teamId));
      c.status = ConversationStatus.PendingHuman;
      c.teamId = input.teamId;
      c.assigneeId = toAssignee;
      c.handoffAt ??= ctx.now;
      if (input.note) {
        await em.query(
          `INSERT INTO conversation_notes (conversation_id, author_id, text) VALUES ($1, $2, $3)`,
          [id, user.id, input.note],
        );
      }
      ctx.events.push({
        type: 'conversation.transferred',
        data: { fromTeam, toTeam: input.teamId, fromAssignee, toAssignee },
      });
      if (toAssignee)
        ctx.events.push({
          type: 'conversation.assigned',
          data: { from: fromAssignee, to: toAssignee, by: user.id },
        });
      await ctx.audit('conversation.transfer', { fromTeam, toTeam: input.teamId, fromAssignee, toAssignee });
      await ctx.notify({
        kind: 'transfer',
        teamId: input.teamId,
        userId: toAssignee,
        message: `${user.name} transferred a conversation to ${team[0].name}`,
      });
    });
    return item;
  }

  /** Replaces the tags. */
  async setTags(id: string, body: unknown, user: AuthUser): Promise<QueueItemDto> {
    const { tags } = parseWith(tagsSchema, body);
    const { item } = await this.tx.run(id, user, async (ctx) => {
      ctx.conversation.tags = normaliseTags(tags);
    });
    return item;
  }
}
