import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Attachment, MessageContent } from '@kefu/shared/contracts';

/** An outgoing message as the WeChat channel sends it. */
export interface OutgoingRow {
  id: string;
  text: string;
  content: MessageContent | null;
  attachments: Attachment[];
  status: string;
  deliveryAttempts: number;
  /** The language the engine read in the message it answers (for the flattened words), if known. */
  language: string | null;
  /** How long the passive reply of the push it answers may still claim it (0: not at all). */
  waitMs: number;
}

interface OutgoingDbRow {
  id: string;
  text: string;
  content: MessageContent | null;
  attachments: Attachment[];
  status: string;
  delivery_attempts: number;
  language: string | null;
  wait_ms: string | number | null;
}

const toRow = (r: OutgoingDbRow): OutgoingRow => ({
  id: r.id,
  text: r.text,
  content: r.content,
  attachments: r.attachments ?? [],
  status: r.status,
  deliveryAttempts: Number(r.delivery_attempts),
  language: r.language,
  waitMs: Math.max(0, Math.ceil(Number(r.wait_ms ?? 0))),
});

/** TypeORM answers UPDATE … RETURNING on PostgreSQL with [rows, count]. */
const updatedRows = (raw: unknown[]): unknown[] => (Array.isArray(raw[0]) ? (raw[0] as unknown[]) : raw);

/**
 * The WeChat channel's reads of the conversation tables, small and indexed. How a reply is tied to
 * the message it answers: the worker writes an incoming message's `message.processed` event and a
 * `bot.replied` event per reply in one transaction, so they share that transaction's `now()` as
 * `created_at` (the append-only events table never changes it afterwards).
 */
@Injectable()
export class WechatReplyStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The structured content (quick replies) of the last message the shopper was sent in their open
   * conversation in this inbox: what a bare "2" or a menu key answers.
   */
  async lastOffered(inboxId: string, openId: string): Promise<MessageContent | null> {
    const rows: { content: MessageContent | null }[] = await this.db.query(
      `SELECT m.content FROM contact_identities ci
         JOIN conversations c ON c.inbox_id = ci.inbox_id AND c.contact_id = ci.contact_id AND c.status <> 'resolved'
         JOIN LATERAL (SELECT content FROM messages WHERE conversation_id = c.id AND direction = 'outgoing'
                        ORDER BY created_at DESC, id DESC LIMIT 1) m ON true
        WHERE ci.inbox_id = $1 AND ci.external_id = $2
        LIMIT 1`,
      [inboxId, openId],
    );
    return rows[0]?.content ?? null;
  }

  /**
   * The bot's replies to an incoming message once the worker has processed it (`null` while it
   * waits), oldest first. Cheap to poll: one primary-key read until the message is processed.
   */
  async repliesTo(incomingId: string): Promise<OutgoingRow[] | null> {
    const state: { status: string; conversation_id: string; language: string | null }[] = await this.db.query(
      `SELECT status, conversation_id, nlu->>'language' AS language FROM messages WHERE id = $1`,
      [incomingId],
    );
    if (!state.length || state[0].status !== 'processed') return null;
    const rows: OutgoingDbRow[] = await this.db.query(
      `SELECT o.id, o.text, o.content, o.attachments, o.status, o.delivery_attempts, $3::text AS language, 0 AS wait_ms
         FROM events p
         JOIN events b ON b.conversation_id = p.conversation_id AND b.type = 'bot.replied' AND b.created_at = p.created_at
         JOIN messages o ON o.id = b.message_id
        WHERE p.conversation_id = $2 AND p.type = 'message.processed' AND p.message_id = $1
        ORDER BY o.created_at, o.id`,
      [incomingId, state[0].conversation_id, state[0].language],
    );
    return rows.map(toRow);
  }

  /**
   * The conversation's outgoing messages still waiting for delivery, up to and including `messageId`,
   * oldest first; each with how long the passive reply of the push it answers may still take it
   * (`passiveMs` after that push was stored, by the database's clock).
   */
  async pendingUpTo(messageId: string, passiveMs: number): Promise<OutgoingRow[]> {
    const rows: OutgoingDbRow[] = await this.db.query(
      `SELECT o.id, o.text, o.content, o.attachments, o.status, o.delivery_attempts, i.language,
              CASE WHEN i.created_at IS NULL OR $2 = 0 THEN 0
                   ELSE GREATEST(0, EXTRACT(EPOCH FROM (i.created_at - clock_timestamp())) * 1000 + $2) END AS wait_ms
         FROM messages r
         JOIN messages o ON o.conversation_id = r.conversation_id AND o.direction = 'outgoing' AND o.status = 'pending'
                        AND (o.created_at, o.id) <= (r.created_at, r.id)
         LEFT JOIN LATERAL (
           SELECT m.created_at, m.nlu->>'language' AS language
             FROM events b
             JOIN events p ON p.conversation_id = b.conversation_id AND p.type = 'message.processed' AND p.created_at = b.created_at
             JOIN messages m ON m.id = p.message_id
            WHERE b.conversation_id = o.conversation_id AND b.type = 'bot.replied' AND b.message_id = o.id
            LIMIT 1) i ON true
        WHERE r.id = $1
        ORDER BY o.created_at, o.id`,
      [messageId, passiveMs],
    );
    return rows.map(toRow);
  }

  /** Which of these incoming messages the worker has processed (one query for every waiting push). */
  async processedAmong(incomingIds: string[]): Promise<string[]> {
    if (!incomingIds.length) return [];
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM messages WHERE id = ANY($1::uuid[]) AND status <> 'received'`,
      [incomingIds],
    );
    return rows.map((r) => r.id);
  }

  async isPending(messageId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM messages WHERE id = $1 AND status = 'pending'`,
      [messageId],
    );
    return rows.length > 0;
  }

  /** Puts a message this channel claimed but could not send back to `pending`, for the retry. */
  async release(messageId: string): Promise<boolean> {
    const raw: unknown[] = await this.db.query(
      `UPDATE messages SET status = 'pending', delivered_at = NULL, updated_at = now() WHERE id = $1 AND status = 'delivered' RETURNING id`,
      [messageId],
    );
    return updatedRows(raw).length > 0;
  }

  /** Whether the shopper is known in this inbox, and the unionid their contact is linked by, if any. */
  async knownContact(inboxId: string, openId: string): Promise<{ known: boolean; unionId: string | null }> {
    const rows: { unionid: string | null }[] = await this.db.query(
      `SELECT k.value AS unionid FROM contact_identities ci
         LEFT JOIN contact_keys k ON k.contact_id = ci.contact_id AND k.kind = 'wechat_unionid'
        WHERE ci.inbox_id = $1 AND ci.external_id = $2
        LIMIT 1`,
      [inboxId, openId],
    );
    return { known: rows.length > 0, unionId: rows[0]?.unionid ?? null };
  }
}
