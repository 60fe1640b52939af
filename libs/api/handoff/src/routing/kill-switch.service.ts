import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BotPauseDto, ChannelType, ConversationStatus, HandoffRealtimeEvent, KillSwitchDto, pauseInputSchema, PauseScope } from '@kefu/shared/contracts';
import { parseWith, isUuid } from '@kefu/api/platform/http';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import { AuditService } from '@kefu/api/audit';
import { AdminGateway, appendEvents, Conversation, ConversationEvents, ConversationUpdatedPayload, EventRecord } from '@kefu/api/conversations';
import type { AuthUser } from '@kefu/api/identity';
import { BotPause } from '../entities';
import { HandoffRouter } from './handoff-router.service';

const CHANNELS = Object.values(ChannelType) as string[];
const INTENT = /^[a-z_]{2,60}$/;
const MOVE_BATCH = 1000;

interface PauseRow {
  id: string;
  scope: PauseScope;
  value: string | null;
  reason: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

/**
 * The kill switch: pauses of the bot's automatic replies, globally, per channel or per intent.
 * Switching on hands every bot conversation with messages still queued (in its scope) to humans at
 * once; the kill-switch stage catches the rest as the worker reaches them, and the dialogue stage
 * checks per-intent pauses once the language engine has read the message.
 */
@Injectable()
export class KillSwitchService {
  private readonly log = new Logger(KillSwitchService.name);
  private readonly perTransaction = new WeakMap<EntityManager, Promise<BotPause[]>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: ExclusiveTransactions,
    private readonly router: HandoffRouter,
    private readonly audit: AuditService,
    private readonly gateway: AdminGateway,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * The pause that stops the bot for this channel or intent (global first), or null. Read in the caller's
   * transaction, so a switch takes effect at once, also across processes; the pauses are read once per
   * transaction (the pipeline's kill-switch stage and the dialogue stage ask in the same turn).
   */
  async pausedFor(em: EntityManager, where: { channel: string; intent?: string | null }): Promise<BotPause | null> {
    // Remembered only for a transaction's own manager (a new one per turn); the shared manager always reads.
    const inTransaction = !!em.queryRunner?.isTransactionActive;
    let pauses = inTransaction ? this.perTransaction.get(em) : undefined;
    if (!pauses) {
      // Plain SQL: this runs for every message, and the table holds a handful of rows.
      pauses = em.query(`SELECT id, scope, value, reason, created_by AS "createdBy", created_at AS "createdAt" FROM bot_pauses`) as Promise<BotPause[]>;
      if (inTransaction) this.perTransaction.set(em, pauses);
    }
    const all = await pauses;
    return (
      all.find((p) => p.scope === 'global') ??
      all.find((p) => p.scope === 'channel' && p.value === where.channel) ??
      all.find((p) => p.scope === 'intent' && !!where.intent && p.value === where.intent) ??
      null
    );
  }

  async state(): Promise<KillSwitchDto> {
    const rows = (await this.db.query(
      `SELECT p.*, u.name AS created_by_name FROM bot_pauses p LEFT JOIN users u ON u.id = p.created_by ORDER BY p.created_at, p.id`,
    )) as PauseRow[];
    return { pauses: rows.map(toDto) };
  }

  async switchOn(body: unknown, actor: AuthUser): Promise<KillSwitchDto> {
    const input = parseWith(pauseInputSchema, body);
    const value = input.scope === 'global' ? null : (input.value as string);
    if (input.scope === 'channel' && !CHANNELS.includes(value as string)) {
      throw new BadRequestException({ statusCode: 400, message: `invalid body: value ${value} is not a channel (${CHANNELS.join(', ')})`, issues: [{ path: 'value', message: `one of ${CHANNELS.join(', ')}` }] });
    }
    if (input.scope === 'intent' && !INTENT.test(value as string)) {
      throw new BadRequestException({ statusCode: 400, message: `invalid body: value ${value} is not an intent name (lower_snake_case)`, issues: [{ path: 'value', message: 'intent names are lower_snake_case' }] });
    }
    await this.db
      .transaction(async (em) => {
        const existing = (await em.query(`SELECT id FROM bot_pauses WHERE scope = $1 AND COALESCE(value, '') = COALESCE($2, '')`, [input.scope, value])) as unknown[];
        if (existing.length) throw duplicate(input.scope, value);
        const [row] = (await em.query(`INSERT INTO bot_pauses (scope, value, reason, created_by) VALUES ($1, $2, $3, $4) RETURNING id`, [
          input.scope,
          value,
          input.reason,
          actor.id,
        ])) as { id: string }[];
        await this.audit.record({ actorId: actor.id, action: 'kill_switch.on', targetType: 'bot_pause', targetId: row.id, data: { scope: input.scope, value, reason: input.reason } }, em);
      })
      .catch((err: unknown) => {
        const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
        throw code === '23505' ? duplicate(input.scope, value) : err;
      });
    const moved = input.scope === 'intent' ? [] : await this.moveQueued(input.scope === 'channel' ? value : null);
    const dto = { ...(await this.state()), lastMoved: moved.length };
    this.gateway.emitToAll(HandoffRealtimeEvent.KillSwitchChanged, dto);
    for (const conversationId of moved) this.events.emit(ConversationEvents.ConversationUpdated, { conversationId } satisfies ConversationUpdatedPayload);
    return dto;
  }

  async switchOff(id: string, actor: AuthUser): Promise<KillSwitchDto> {
    if (!isUuid(id)) throw new NotFoundException(`pause ${id} not found`);
    await this.db.transaction(async (em) => {
      const [row] = (await em.query(`SELECT scope, value, reason FROM bot_pauses WHERE id = $1 FOR UPDATE`, [id])) as { scope: string; value: string | null; reason: string }[];
      if (!row) throw new NotFoundException(`pause ${id} not found`);
      await em.query(`DELETE FROM bot_pauses WHERE id = $1`, [id]);
      await this.audit.record({ actorId: actor.id, action: 'kill_switch.off', targetType: 'bot_pause', targetId: id, data: { scope: row.scope, value: row.value, reason: row.reason } }, em);
    });
    const dto = await this.state();
    this.gateway.emitToAll(HandoffRealtimeEvent.KillSwitchChanged, dto);
    return dto;
  }

  /**
   * Hands bot conversations with incoming messages still queued (of one channel, or all) to humans,
   * each in its own short transaction with its row locked; a turn in progress holds the lock and is
   * skipped (its next message meets the kill-switch stage). Returns the moved conversations.
   */
  private async moveQueued(channel: string | null): Promise<string[]> {
    const candidates = (await this.db.query(
      `SELECT DISTINCT c.id FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
        WHERE c.status = 'bot' AND ($1::text IS NULL OR i.channel = $1)
          AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'incoming' AND m.status = 'received')
        LIMIT ${MOVE_BATCH}`,
      [channel],
    )) as { id: string }[];
    const moved: string[] = [];
    for (const { id } of candidates) {
      const ok = await this.tx
        .run(async (em) => {
          const [locked] = (await em.query(`SELECT id FROM conversations WHERE id = $1 AND status = 'bot' FOR UPDATE SKIP LOCKED`, [id])) as unknown[];
          if (!locked) return false;
          const conversation = await em.findOneByOrFail(Conversation, { id });
          const events: EventRecord[] = [];
          const now = new Date();
          await this.router.route(em, conversation, { reason: 'policy', teamId: null, priority: 'normal' }, now, events);
          await em.update(Conversation, { id }, {
            status: conversation.status,
            handoffReason: conversation.handoffReason,
            handoffAt: conversation.handoffAt,
            teamId: conversation.teamId,
            assigneeId: conversation.assigneeId,
            priority: conversation.priority,
            tags: conversation.tags,
            escalatedAt: null,
            firstHumanReplyAt: null,
          });
          await appendEvents(
            em,
            ...events.map((e) => ({ inboxId: conversation.inboxId, conversationId: id, ...e })),
            { type: 'conversation.status_changed', inboxId: conversation.inboxId, conversationId: id, data: { from: ConversationStatus.Bot, to: ConversationStatus.PendingHuman } },
          );
          return true;
        })
        .catch((e: unknown) => (this.log.warn(`conversation ${id} not handed to humans: ${(e as Error).message}`), false));
      if (ok) moved.push(id);
    }
    if (moved.length) this.log.log(`kill switch: handed ${moved.length} queued conversation(s) to humans`);
    return moved;
  }
}

function duplicate(scope: PauseScope, value: string | null): ConflictException {
  return new ConflictException(scope === 'global' ? 'the bot is already paused everywhere' : `the bot is already paused for ${scope} ${value}`);
}

function toDto(r: PauseRow): BotPauseDto {
  return {
    id: r.id,
    scope: r.scope,
    value: r.value,
    reason: r.reason,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
