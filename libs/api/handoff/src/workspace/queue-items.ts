import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConversationStatus, QueueItemDto } from '@kefu/shared/contracts';
import { toConversationDto } from '@kefu/api/conversations';
import { isUuid } from '@kefu/api/platform/http';


/** The conversation columns toConversationDto reads, plus the queue's own. */
export interface QueueItemRow {
  id: string;
  inbox_id: string;
  inbox_name: string;
  channel: string;
  status: ConversationStatus;
  handoff_reason: string | null;
  team_id: string | null;
  assignee_id: string | null;
  priority: number;
  tags: string[];
  message_count: number;
  last_message_at: Date;
  last_message_preview: string | null;
  created_at: Date;
  contact_id: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_created_at: Date;
  external_id: string | null;
  team_name: string | null;
  assignee_name: string | null;
  handoff_at: Date | null;
  first_human_reply_at: Date | null;
  escalated_at: Date | null;
}

/** One query with joins: inbox, contact, team and assignee (no query per row). */
export const SELECT_QUEUE_ITEM = `
  SELECT c.id, c.inbox_id, i.name AS inbox_name, i.channel, c.status, c.handoff_reason, c.team_id, c.assignee_id,
         c.priority, c.tags, c.message_count, c.last_message_at, c.last_message_preview, c.created_at,
         c.handoff_at, c.first_human_reply_at, c.escalated_at,
         k.id AS contact_id, k.name AS contact_name, k.email AS contact_email, k.phone AS contact_phone, k.created_at AS contact_created_at,
         (SELECT ci.external_id FROM contact_identities ci WHERE ci.contact_id = k.id AND ci.inbox_id = c.inbox_id LIMIT 1) AS external_id,
         t.name AS team_name, u.name AS assignee_name
    FROM conversations c
    JOIN inboxes i ON i.id = c.inbox_id
    JOIN contacts k ON k.id = c.contact_id
    LEFT JOIN teams t ON t.id = c.team_id
    LEFT JOIN users u ON u.id = c.assignee_id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const OPEN: string[] = [ConversationStatus.PendingHuman, ConversationStatus.Human];

export function toQueueItemDto(r: QueueItemRow, now: Date = new Date()): QueueItemDto {
  const base = toConversationDto(r);
  const waiting = r.handoff_at && !r.first_human_reply_at && OPEN.includes(r.status);
  return {
    ...base,
    teamId: r.team_id ?? null,
    teamName: r.team_name ?? null,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    handoffAt: iso(r.handoff_at),
    waitingSeconds: waiting
      ? Math.max(0, Math.floor((now.getTime() - new Date(r.handoff_at as Date).getTime()) / 1000))
      : null,
    firstHumanReplyAt: iso(r.first_human_reply_at),
    escalatedAt: iso(r.escalated_at),
  };
}

/** One conversation as the queue shows it, read through the given manager (inside or outside a transaction). */
export async function loadQueueItem(em: EntityManager, id: string): Promise<QueueItemDto> {
  const rows: QueueItemRow[] = isUuid(id) ? await em.query(`${SELECT_QUEUE_ITEM} WHERE c.id = $1`, [id]) : [];
  if (!rows.length) throw new NotFoundException(`conversation ${id} does not exist`);
  return toQueueItemDto(rows[0]);
}
