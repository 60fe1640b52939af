import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HumanEditDto, humanEditsQuerySchema, HumanEditStatus, Page } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { AuditService } from '@kefu/api/audit';
import { HumanEdit } from '../entities';
import { isUuid } from '@kefu/api/platform/http';

interface HumanEditRow {
  id: string;
  conversation_id: string;
  message_id: string;
  question: string | null;
  intent: string | null;
  language: string | null;
  suggested: string;
  edited: string;
  source: HumanEditDto['source'];
  ref: string | null;
  agent_id: string | null;
  agent_name: string | null;
  status: HumanEditStatus;
  target_id: string | null;
  created_at: Date;
}

const SELECT_EDITS = `SELECT h.id, h.conversation_id, h.message_id, h.question, h.intent, h.language, h.suggested, h.edited,
       h.source, h.ref, h.agent_id, u.name AS agent_name, h.status, h.target_id, h.created_at
  FROM human_edits h LEFT JOIN users u ON u.id = h.agent_id`;

export function toHumanEditDto(r: HumanEditRow): HumanEditDto {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    question: r.question,
    intent: r.intent,
    language: r.language,
    suggested: r.suggested,
    edited: r.edited,
    source: r.source,
    ref: r.ref,
    agent: r.agent_id ? { id: r.agent_id, name: r.agent_name ?? '' } : null,
    status: r.status,
    targetId: r.target_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const encodeCursor = (r: HumanEditRow) =>
  Buffer.from(`${new Date(r.created_at).toISOString()}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !isUuid(id))
    throw new BadRequestException('invalid cursor; pass back nextCursor as given');
  return [at, id];
}

/**
 * The human-edit log: suggested replies agents changed before sending, newest first. An edit is
 * `new` until an admin sends it to the knowledge base or to training (helper 5's endpoint calls
 * markSent) or dismisses it; either is final and audited.
 */
@Injectable()
export class HumanEditsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: unknown): Promise<Page<HumanEditDto>> {
    const q = parseWith(humanEditsQuerySchema, query, 'query');
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.status) where.push(`h.status = $${params.push(q.status)}`);
    if (q.cursor) {
      const [at, id] = decodeCursor(q.cursor);
      where.push(`(h.created_at, h.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const rows: HumanEditRow[] = await this.db.query(
      `${SELECT_EDITS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY h.created_at DESC, h.id DESC LIMIT ${q.limit + 1}`,
      params,
    );
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    return {
      items: items.map(toHumanEditDto),
      nextCursor: more ? encodeCursor(items[items.length - 1]) : null,
    };
  }

  /** The stored edit (404 when unknown). */
  async get(id: string, em: EntityManager = this.db.manager): Promise<HumanEdit> {
    const edit = isUuid(id) ? await em.findOneBy(HumanEdit, { id }) : null;
    if (!edit) throw new NotFoundException(`human edit ${id} does not exist`);
    return edit;
  }

  async dto(id: string, em: EntityManager = this.db.manager): Promise<HumanEditDto> {
    const rows: HumanEditRow[] = isUuid(id) ? await em.query(`${SELECT_EDITS} WHERE h.id = $1`, [id]) : [];
    if (!rows.length) throw new NotFoundException(`human edit ${id} does not exist`);
    return toHumanEditDto(rows[0]);
  }

  /**
   * Records what the edit became (an article or a training example). 409 unless it is still `new`.
   * Pass the caller's manager to commit it with the article or example it created.
   */
  async markSent(
    id: string,
    status: Extract<HumanEditStatus, 'sent_to_knowledge' | 'sent_to_training'>,
    targetId: string | null,
    actorId: string | null,
    em?: EntityManager,
  ): Promise<HumanEditDto> {
    const work = (m: EntityManager) => this.finish(m, id, status, targetId, actorId, 'human_edit.sent');
    return em ? work(em) : this.db.transaction(work);
  }

  async dismiss(id: string, actorId: string | null): Promise<HumanEditDto> {
    return this.db.transaction((em) =>
      this.finish(em, id, 'dismissed', null, actorId, 'human_edit.dismissed'),
    );
  }

  private async finish(
    em: EntityManager,
    id: string,
    status: HumanEditStatus,
    targetId: string | null,
    actorId: string | null,
    action: string,
  ): Promise<HumanEditDto> {
    const edit = isUuid(id)
      ? await em.findOne(HumanEdit, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!edit) throw new NotFoundException(`human edit ${id} does not exist`);
    if (edit.status !== 'new') {
      throw new ConflictException(
        edit.status === 'dismissed'
          ? `human edit ${id} was dismissed`
          : `human edit ${id} was already sent (${edit.status.replace(/_/g, ' ')})`,
      );
    }
    await em.update(HumanEdit, { id }, { status, targetId });
    await this.audit.record(
      {
        actorId,
        action,
        targetType: 'human_edit',
        targetId: id,
        data: { conversationId: edit.conversationId, status, targetId },
      },
      em,
    );
    return this.dto(id, em);
  }
}
