import { Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConversationStatus, QueueItemDto } from '@kefu/shared/contracts';
import { AuditService } from '@kefu/api/audit';
import { AuthUser } from '@kefu/api/identity';
import {
  appendEvents,
  Conversation,
  ConversationAccess,
  ConversationEvents,
  ConversationUpdatedPayload,
  EventRecord,
} from '@kefu/api/conversations';
import { isUuid } from '@kefu/api/platform/http';
import { loadQueueItem } from './queue-items';
import { insertNotification } from '../routing/handoff-router.service';

/** What an action sees and may add to inside its transaction. */
export interface ActionContext {
  em: EntityManager;
  /** Locked (FOR UPDATE); change its fields, the runner writes them. */
  conversation: Conversation;
  statusBefore: ConversationStatus;
  user: AuthUser;
  now: Date;
  /** Events-log rows (inbox and conversation filled in by the runner). */
  events: EventRecord[];
  /** An audit line about this conversation, in the same transaction. */
  audit(action: string, data?: Record<string, unknown>): Promise<void>;
  /** A workspace notification row; sent over the admin socket after commit (NotificationsService hears `conversation.updated`). */
  notify(n: {
    kind: 'assigned' | 'transfer';
    teamId?: string | null;
    userId?: string | null;
    message: string;
  }): Promise<void>;
}

/** The fields a workspace action may change; written with one UPDATE. */
const WRITABLE = [
  'status',
  'assigneeId',
  'handoffReason',
  'handoffAt',
  'teamId',
  'priority',
  'tags',
  'firstHumanReplyAt',
  'messageCount',
  'lastMessageAt',
  'lastMessagePreview',
] as const;

/**
 * Runs one workspace action on one conversation: 404 for an unknown id, 403 outside the viewer's
 * scope, then one transaction with the conversation row locked. The new state, the events-log rows
 * (with `conversation.status_changed` when the status moved), the audit line and any notification
 * commit together; the admin hears about it after commit.
 */
@Injectable()
export class WorkspaceTx {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly auditLog: AuditService,
    private readonly bus: EventEmitter2,
  ) {}

  async run<T>(
    id: string,
    user: AuthUser,
    work: (ctx: ActionContext) => Promise<T>,
  ): Promise<{ value: T; item: QueueItemDto }> {
    if (!isUuid(id)) throw new NotFoundException(`conversation ${id} does not exist`);
    // Resolved before the transaction: the embedded database has one connection.
    const scope = await this.access.scopeOf(user);
    const outcome = await this.db.transaction(async (em) => {
      const conversation = await em.findOne(Conversation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!conversation) throw new NotFoundException(`conversation ${id} does not exist`);
      this.access.assert(scope, conversation);
      const statusBefore = conversation.status;
      const ctx: ActionContext = {
        em,
        conversation,
        statusBefore,
        user,
        now: new Date(),
        events: [],
        audit: (action, data = {}) =>
          this.auditLog.record(
            { actorId: user.id, action, targetType: 'conversation', targetId: id, data },
            em,
          ),
        notify: (n) => insertNotification(em, { ...n, conversationId: id }),
      };
      const value = await work(ctx);
      const fields: Partial<Conversation> = {};
      for (const k of WRITABLE) (fields as Record<string, unknown>)[k] = conversation[k];
      await em.update(Conversation, { id }, fields);
      const changed = conversation.status !== statusBefore;
      await appendEvents(
        em,
        ...ctx.events.map((e) => ({
          inboxId: conversation.inboxId,
          conversationId: id,
          actorId: user.id,
          ...e,
        })),
        // Outbound webhooks fan out `conversation.status_changed` (and `.resolved`) from this row.
        ...(changed
          ? [
              {
                type: 'conversation.status_changed',
                inboxId: conversation.inboxId,
                conversationId: id,
                actorId: user.id,
                data: { from: statusBefore, to: conversation.status },
              },
            ]
          : []),
      );
      return { value, item: await loadQueueItem(em, id) };
    });
    // The admin reloads the conversation; NotificationsService sends the notification rows it finds.
    this.bus.emit(ConversationEvents.ConversationUpdated, {
      conversationId: id,
    } satisfies ConversationUpdatedPayload);
    return outcome;
  }
}
