import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ConversationDto,
  ConversationStatus,
  listConversationsQuerySchema,
  MessageDto,
  MessageStatus,
  Page,
  priorityOfRank,
} from '@kefu/shared/contracts';
import { parseWith, isUuid } from '@kefu/api/platform/http';
import { AccessScope, ConversationAccess } from './access/conversation-access';
import { Message } from './entities/message.entity';


interface ConversationRow {
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
}

const SELECT_CONVERSATION = `
  SELECT c.id, c.inbox_id, i.name AS inbox_name, i.channel, c.status, c.handoff_reason, c.team_id, c.assignee_id, c.priority, c.tags, c.message_count, c.last_message_at, c.last_message_preview, c.created_at,
         k.id AS contact_id, k.name AS contact_name, k.email AS contact_email, k.phone AS contact_phone, k.created_at AS contact_created_at,
         (SELECT ci.external_id FROM contact_identities ci WHERE ci.contact_id = k.id AND ci.inbox_id = c.inbox_id LIMIT 1) AS external_id
  FROM conversations c JOIN inboxes i ON i.id = c.inbox_id JOIN contacts k ON k.id = c.contact_id`;

export function toMessageDto(m: Message): MessageDto {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    senderType: m.senderType,
    text: m.text,
    attachments: m.attachments,
    metadata: m.metadata,
    content: m.content ?? null,
    nlu: (m.nlu as MessageDto['nlu']) ?? null,
    status: m.status,
    deliveryAttempts: m.deliveryAttempts,
    deliveryError: m.deliveryError,
    readAt: m.readAt ? m.readAt.toISOString() : null,
    externalMessageId: m.externalMessageId,
    createdAt: m.createdAt.toISOString(),
  };
}

export function toConversationDto(r: ConversationRow): ConversationDto {
  return {
    id: r.id,
    inboxId: r.inbox_id,
    inboxName: r.inbox_name,
    channel: r.channel,
    status: r.status,
    handoffReason: r.handoff_reason ?? null,
    teamId: r.team_id ?? null,
    assigneeId: r.assignee_id ?? null,
    priority: priorityOfRank(Number(r.priority ?? 2)),
    tags: r.tags ?? [],
    contact: {
      id: r.contact_id,
      name: r.contact_name,
      email: r.contact_email,
      phone: r.contact_phone,
      externalId: r.external_id,
      createdAt: new Date(r.contact_created_at).toISOString(),
    },
    lastMessageAt: new Date(r.last_message_at).toISOString(),
    lastMessagePreview: r.last_message_preview,
    messageCount: Number(r.message_count),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const encodeCursor = (r: ConversationRow) => Buffer.from(`${new Date(r.last_message_at).toISOString()}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !isUuid(id)) throw new BadRequestException('invalid cursor; pass back nextCursor as given');
  return [at, id];
}

/** Reading conversations and messages for the admin and for channels. */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
  ) {}

  /** Conversations newest first; with a scope, only those the viewer may see. */
  async list(query: unknown, scope?: AccessScope): Promise<Page<ConversationDto>> {
    const q = parseWith(listConversationsQuerySchema, query, 'query');
    const where: string[] = [];
    const params: unknown[] = [];
    const scoped = scope ? this.access.sql(scope, params) : null;
    if (scoped) where.push(scoped);
    if (q.status) where.push(`c.status = $${params.push(q.status)}`);
    if (q.inboxId) where.push(`c.inbox_id = $${params.push(q.inboxId)}`);
    if (q.contactId) where.push(`c.contact_id = $${params.push(q.contactId)}`);
    if (q.cursor) {
      const [at, id] = decodeCursor(q.cursor);
      where.push(`(c.last_message_at, c.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const rows: ConversationRow[] = await this.db.query(
      `${SELECT_CONVERSATION} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${q.limit + 1}`,
      params,
    );
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    return { items: items.map(toConversationDto), nextCursor: more ? encodeCursor(items[items.length - 1]) : null };
  }

  /** One conversation; with a scope, 403 when the viewer may not see it. */
  async get(id: string, scope?: AccessScope): Promise<ConversationDto> {
    const rows: ConversationRow[] = isUuid(id) ? await this.db.query(`${SELECT_CONVERSATION} WHERE c.id = $1`, [id]) : [];
    if (!rows.length) throw new NotFoundException(`conversation ${id} does not exist`);
    const dto = toConversationDto(rows[0]);
    if (scope) this.access.assert(scope, dto);
    return dto;
  }

  async messages(conversationId: string, scope?: AccessScope): Promise<MessageDto[]> {
    await this.get(conversationId, scope);
    const rows = await this.db.getRepository(Message).find({ where: { conversationId }, order: { createdAt: 'ASC', id: 'ASC' }, take: 1000 });
    return rows.map(toMessageDto);
  }

  /** The team and assignee of a conversation, for routing live events. */
  async audience(conversationId: string): Promise<{ teamId: string | null; assigneeId: string | null }> {
    const rows: { team_id: string | null; assignee_id: string | null }[] = await this.db.query(
      `SELECT team_id, assignee_id FROM conversations WHERE id = $1`,
      [conversationId],
    );
    return { teamId: rows[0]?.team_id ?? null, assigneeId: rows[0]?.assignee_id ?? null };
  }

  async message(id: string): Promise<Message | null> {
    return isUuid(id) ? this.db.getRepository(Message).findOneBy({ id }) : null;
  }

  /** Outgoing messages still waiting for their channel, oldest first. */
  async pendingOutgoing(olderThanMs: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM messages WHERE status = $1 AND created_at < now() - ($2 || ' milliseconds')::interval ORDER BY created_at LIMIT ${limit}`,
      [MessageStatus.Pending, String(olderThanMs)],
    );
    return rows.map((r) => r.id);
  }
}
