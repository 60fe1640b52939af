import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DeliveryFailureDto,
  DeliveryFailureKind,
  DeliveryFailurePageDto,
  listDeliveryFailuresQuerySchema,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';

/** What the reader may see: webhook dead letters need `webhooks.manage`, message previews `conversations.read`. */
export interface FailureView {
  webhooks: boolean;
  preview: boolean;
}

interface FailureRow {
  kind: DeliveryFailureKind;
  id: string;
  failed_at: Date;
  at_text: string;
  error: string | null;
  attempts: number;
  response_status: number | null;
  event: string | null;
  conversation_id: string | null;
  target_id: string;
  target_name: string;
  target_url: string | null;
  target_channel: string | null;
  preview: string | null;
}

const PREVIEW_CHARS = 60;
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** PostgreSQL's text form of a timestamptz, e.g. `2026-11-21 07:40:01.123456+00` (kept to the microsecond). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

const encodeCursor = (r: FailureRow) => Buffer.from(`${r.at_text}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !TIMESTAMP.test(at) || !isUuid(id)) {
    throw new BadRequestException('invalid cursor; pass back nextCursor as given');
  }
  return [at, id];
}

function preview(text: string | null): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat;
}

/**
 * The delivery-failures list: webhook deliveries that gave up (`dead`) and outgoing messages their channel
 * could not deliver (`failed`), newest first, one cursor over both.
 */
@Injectable()
export class DeliveryFailuresService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: unknown, view: FailureView): Promise<DeliveryFailurePageDto> {
    const q = parseWith(listDeliveryFailuresQuerySchema, query, 'query');
    const kinds = (q.kind ? [q.kind] : ['webhook', 'message']).filter(
      (k) => k !== 'webhook' || view.webhooks,
    );
    const params: unknown[] = [];
    let keyset = (_alias: string) => '';
    if (q.cursor) {
      const [at, id] = decodeCursor(q.cursor);
      const a = params.push(at);
      const b = params.push(id);
      keyset = (t) => ` AND (${t}.updated_at, ${t}.id) < ($${a}::timestamptz, $${b}::uuid)`;
    }
    const branches: string[] = [];
    if (kinds.includes('webhook')) {
      branches.push(`
        SELECT 'webhook' AS kind, d.id, d.updated_at AS failed_at, d.last_error AS error, d.attempts, d.response_status,
               d.event, d.conversation_id, w.id AS target_id, w.name AS target_name, w.url AS target_url, NULL::text AS target_channel,
               ${view.preview ? `left(d.payload #>> '{data,message,text}', ${PREVIEW_CHARS * 2})` : 'NULL::text'} AS preview
          FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.status = 'dead'${keyset('d')}`);
    }
    if (kinds.includes('message')) {
      branches.push(`
        SELECT 'message' AS kind, m.id, m.updated_at AS failed_at, m.delivery_error AS error, m.delivery_attempts AS attempts,
               NULL::integer AS response_status, NULL::text AS event, m.conversation_id, i.id AS target_id, i.name AS target_name,
               NULL::text AS target_url, i.channel AS target_channel,
               ${view.preview ? `left(m.text, ${PREVIEW_CHARS * 2})` : 'NULL::text'} AS preview
          FROM messages m JOIN inboxes i ON i.id = m.inbox_id
         WHERE m.status = 'failed' AND m.direction = 'outgoing'${keyset('m')}`);
    }
    if (!branches.length) return { items: [], nextCursor: null, total: 0 };
    const rows: FailureRow[] = await this.db.query(
      `SELECT f.*, f.failed_at::text AS at_text FROM (${branches.join(' UNION ALL ')}) f
        ORDER BY f.failed_at DESC, f.id DESC LIMIT ${q.limit + 1}`,
      params,
    );
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    return {
      items: items.map((r) => this.toDto(r, view)),
      nextCursor: more ? encodeCursor(items[items.length - 1]) : null,
      total: await this.total(kinds),
    };
  }

  private async total(kinds: string[]): Promise<number> {
    const parts = [
      ...(kinds.includes('webhook')
        ? [`(SELECT count(*) FROM webhook_deliveries WHERE status = 'dead')`]
        : []),
      ...(kinds.includes('message')
        ? [`(SELECT count(*) FROM messages WHERE status = 'failed' AND direction = 'outgoing')`]
        : []),
    ];
    const [row]: { n: string }[] = await this.db.query(`SELECT ${parts.join(' + ')} AS n`);
    return Number(row.n);
  }

  private toDto(r: FailureRow, view: FailureView): DeliveryFailureDto {
    return {
      kind: r.kind,
      id: r.id,
      target:
        r.kind === 'webhook'
          ? { type: 'webhook', id: r.target_id, name: r.target_name, url: r.target_url ?? '' }
          : { type: 'inbox', id: r.target_id, name: r.target_name, channel: r.target_channel ?? '' },
      event: r.event,
      conversationId: r.conversation_id,
      error: r.error,
      attempts: Number(r.attempts),
      responseStatus: r.response_status === null ? null : Number(r.response_status),
      failedAt: new Date(r.failed_at).toISOString(),
      ...(view.preview ? { preview: preview(r.preview) } : {}),
    };
  }
}
