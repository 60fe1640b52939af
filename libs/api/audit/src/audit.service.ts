import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntryDto, AuditPage, auditQuerySchema } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';

/** What happened, by whom, to what. `data` holds ids, codes and settings, never message text. */
export interface AuditRecord {
  /** The staff member; null for the system. */
  actorId: string | null;
  /** e.g. rule.updated, kill_switch.on, conversation.takeover. */
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  data: Record<string, unknown>;
}

/**
 * The append-only audit log. Record inside the transaction that makes the change (pass its manager),
 * so a change and its audit line commit together; the table refuses UPDATE and DELETE.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: AuditRecord, em: EntityManager = this.db.manager): Promise<void> {
    await em.query(`INSERT INTO audit_log (actor_id, action, target_type, target_id, data) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
      entry.actorId,
      entry.action,
      entry.targetType,
      entry.targetId ?? null,
      JSON.stringify(entry.data ?? {}),
    ]);
  }

  /** Newest first, filtered by action (prefix with `*`, e.g. `kill_switch.*`), target type and id. */
  async list(query: unknown): Promise<AuditPage> {
    const q = parseWith(auditQuerySchema, query, 'query');
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.action) {
      if (q.action.endsWith('*')) where.push(`a.action LIKE $${params.push(`${q.action.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%`)}`);
      else where.push(`a.action = $${params.push(q.action)}`);
    }
    if (q.targetType) where.push(`a.target_type = $${params.push(q.targetType)}`);
    if (q.targetId) where.push(`a.target_id = $${params.push(q.targetId)}`);
    if (q.cursor) {
      if (!/^\d{1,19}$/.test(q.cursor)) throw new BadRequestException('invalid cursor; pass back nextCursor as given');
      where.push(`a.id < $${params.push(q.cursor)}::bigint`);
    }
    const rows: AuditRow[] = await this.db.query(
      `SELECT a.id, a.at, a.actor_id, u.name AS actor_name, a.action, a.target_type, a.target_id, a.data
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC LIMIT ${q.limit + 1}`,
      params,
    );
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit).map(toAuditDto);
    return { items, nextCursor: more ? items[items.length - 1].id : null };
  }
}

function toAuditDto(r: AuditRow): AuditEntryDto {
  return {
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    data: r.data ?? {},
  };
}
