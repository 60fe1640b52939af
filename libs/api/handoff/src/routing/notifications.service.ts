import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandoffNotificationDto, HandoffRealtimeEvent } from '@kefu/shared/contracts';
import { AdminGateway, ConversationEvents, ConversationUpdatedPayload } from '@kefu/api/conversations';
import type { AuthUser } from '@kefu/api/identity';
import { isUuid } from '@kefu/api/platform/http';

/** A notification as listed for its reader (the contract's DTO plus whether it was read). */

interface NotificationRow {
  id: string;
  kind: HandoffNotificationDto['kind'];
  conversation_id: string | null;
  team_id: string | null;
  user_id: string | null;
  message: string;
  read_at: Date | null;
  created_at: Date;
}

const MINE = `(n.user_id = $1 OR n.team_id IN (SELECT team_id FROM team_members WHERE user_id = $1))`;

/**
 * Workspace notifications. Rows are written inside the transaction that caused them (a hand-off,
 * an escalation); once it commits (`conversation.updated`) they are claimed and sent over the admin
 * socket, to the team's room or to one user. Claiming first (emitted_at) sends each at most once,
 * whichever process gets there.
 */
@Injectable()
export class NotificationsService {
  private readonly log = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gateway: AdminGateway,
  ) {}

  @OnEvent(ConversationEvents.ConversationUpdated, { async: true, promisify: true, suppressErrors: true })
  async onConversationUpdated(e: ConversationUpdatedPayload): Promise<void> {
    await this.emitPending(e.conversationId).catch((err) => this.log.warn(`notifications not sent: ${(err as Error).message}`));
  }

  /** Sends the notifications not sent yet (of one conversation, or all); returns how many. */
  async emitPending(conversationId?: string): Promise<number> {
    const rows = (await this.db.query(
      `WITH claimed AS (
         UPDATE handoff_notifications SET emitted_at = now()
          WHERE id IN (SELECT id FROM handoff_notifications
                        WHERE emitted_at IS NULL AND ($1::uuid IS NULL OR conversation_id = $1::uuid)
                        ORDER BY created_at LIMIT 500)
            AND emitted_at IS NULL
          RETURNING *)
       SELECT * FROM claimed ORDER BY created_at`,
      [conversationId ?? null],
    )) as NotificationRow[];
    for (const r of rows) {
      const dto = toDto(r);
      if (r.user_id) this.gateway.emitToUser(r.user_id, HandoffRealtimeEvent.Notification, dto);
      else if (r.team_id) this.gateway.emitAbout({ teamId: r.team_id, assigneeId: null }, HandoffRealtimeEvent.Notification, dto);
    }
    return rows.length;
  }

  /** Mine and my teams', newest first (50). */
  async list(user: AuthUser): Promise<HandoffNotificationDto[]> {
    const rows = (await this.db.query(
      `SELECT n.* FROM handoff_notifications n WHERE ${MINE} ORDER BY n.created_at DESC, n.id DESC LIMIT 50`,
      [user.id],
    )) as NotificationRow[];
    return rows.map(toDto);
  }

  async markRead(user: AuthUser, id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundException(`notification ${id} not found`);
    const rows = (await this.db.query(
      `WITH r AS (UPDATE handoff_notifications n SET read_at = COALESCE(n.read_at, now()) WHERE n.id = $2 AND ${MINE} RETURNING n.id)
       SELECT id FROM r`,
      [user.id, id],
    )) as { id: string }[];
    if (!rows.length) throw new NotFoundException(`notification ${id} not found`);
  }
}

function toDto(r: NotificationRow): HandoffNotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    conversationId: r.conversation_id ?? '',
    teamId: r.team_id,
    message: r.message,
    at: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}
