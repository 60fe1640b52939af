import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Attachment, MessageContent } from '@kefu/shared/contracts';
import type { MessageLike } from './widget.protocol';

/** TypeORM answers UPDATE … RETURNING on PostgreSQL with [rows, count]. */
const rowsOf = <T>(raw: unknown[]): T[] => (Array.isArray(raw[0]) ? (raw[0] as T[]) : (raw as T[]));

interface MessageRow {
  id: string;
  direction: string;
  sender_type: string;
  external_message_id: string | null;
  text: string;
  attachments: Attachment[] | null;
  content: MessageContent | null;
  created_at: Date;
  read_at: Date | null;
  stream_id: string | null;
}

const toLike = (r: MessageRow): MessageLike => ({
  id: r.id,
  direction: r.direction,
  senderType: r.sender_type,
  externalMessageId: r.external_message_id,
  text: r.text,
  attachments: r.attachments,
  content: r.content,
  createdAt: new Date(r.created_at),
  readAt: r.read_at ? new Date(r.read_at) : null,
  metadata: r.stream_id ? { streamId: r.stream_id } : null,
});

/** The conversations of the contact behind identity ($2) on inbox ($1). */
const CONTACT_CONVERSATIONS = `
  SELECT c.id FROM conversations c
   WHERE c.inbox_id = $1 AND c.contact_id = (SELECT contact_id FROM contact_identities WHERE inbox_id = $1 AND external_id = $2)`;

const MESSAGE_COLUMNS = `m.id, m.direction, m.sender_type, m.external_message_id, m.text, m.attachments, m.content, m.created_at, m.read_at,
  m.metadata->>'streamId' AS stream_id`;

/**
 * What the widget reads and writes about one shopper: their history on the inbox (every
 * conversation of their contact, so a verified shopper sees the same on every device), read
 * receipts, the identities a reply goes to, and the contact an upload belongs to.
 * The contact is always found through the identity, so a merge of contacts (verified keys) is followed.
 */
@Injectable()
export class WidgetStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async contactOf(inboxId: string, externalUserId: string): Promise<string | null> {
    const rows: { contact_id: string }[] = await this.db.query(
      `SELECT contact_id FROM contact_identities WHERE inbox_id = $1 AND external_id = $2`,
      [inboxId, externalUserId],
    );
    return rows[0]?.contact_id ?? null;
  }

  /** The identity's open conversation on the inbox, if any. */
  async openConversation(inboxId: string, externalUserId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(`${CONTACT_CONVERSATIONS} AND c.status <> 'resolved' LIMIT 1`, [inboxId, externalUserId]);
    return rows[0]?.id ?? null;
  }

  /**
   * The latest `limit` messages (oldest first), optionally older than a message (exact) or than
   * a time (inclusive of that millisecond: the page may repeat messages the widget shows; it dedupes by id).
   */
  async history(
    inboxId: string,
    externalUserId: string,
    opts: { limit: number; beforeId?: string | null; before?: string | null },
  ): Promise<{ messages: MessageLike[]; hasMore: boolean }> {
    const params: unknown[] = [inboxId, externalUserId];
    let where = '';
    if (opts.beforeId) {
      where = `AND (m.created_at, m.id) < (SELECT created_at, id FROM messages WHERE id = $${params.push(opts.beforeId)})`;
    } else if (opts.before) {
      where = `AND date_trunc('milliseconds', m.created_at) <= $${params.push(opts.before)}::timestamptz`;
    }
    const rows: MessageRow[] = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m
        WHERE m.conversation_id IN (${CONTACT_CONVERSATIONS}) ${where}
        ORDER BY m.created_at DESC, m.id DESC LIMIT ${opts.limit + 1}`,
      params,
    );
    return { messages: rows.slice(0, opts.limit).reverse().map(toLike), hasMore: rows.length > opts.limit };
  }

  /**
   * Every message from `since` on (that millisecond included), oldest first; null when there are
   * more than `limit` (the widget then gets the latest history instead of a replay).
   */
  async since(inboxId: string, externalUserId: string, since: string, limit: number): Promise<MessageLike[] | null> {
    const rows: MessageRow[] = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m
        WHERE m.conversation_id IN (${CONTACT_CONVERSATIONS}) AND date_trunc('milliseconds', m.created_at) >= $3::timestamptz
        ORDER BY m.created_at, m.id LIMIT ${limit + 1}`,
      [inboxId, externalUserId, since],
    );
    return rows.length > limit ? null : rows.map(toLike);
  }

  /**
   * Marks the outgoing messages of the conversation of `upTo` read, up to and including it. Null
   * when `upTo` is not a message of this shopper; otherwise the ids newly marked.
   */
  async markRead(inboxId: string, externalUserId: string, upTo: string): Promise<{ conversationId: string; ids: string[] } | null> {
    const target: { conversation_id: string }[] = await this.db.query(
      `SELECT m.conversation_id FROM messages m WHERE m.id = $3 AND m.conversation_id IN (${CONTACT_CONVERSATIONS})`,
      [inboxId, externalUserId, upTo],
    );
    if (!target.length) return null;
    // The bound is read in SQL: a JavaScript Date would drop the microseconds.
    const raw: unknown[] = await this.db.query(
      `UPDATE messages SET read_at = now(), updated_at = now()
        WHERE conversation_id = $1 AND direction = 'outgoing' AND read_at IS NULL
          AND (created_at, id) <= (SELECT created_at, id FROM messages WHERE id = $2)
        RETURNING id`,
      [target[0].conversation_id, upTo],
    );
    return { conversationId: target[0].conversation_id, ids: rowsOf<{ id: string }>(raw).map((r) => r.id) };
  }

  /** The widget identities of a contact on an inbox: a reply goes to each of their rooms. */
  async identitiesOf(inboxId: string, contactId: string): Promise<string[]> {
    const rows: { external_id: string }[] = await this.db.query(
      `SELECT external_id FROM contact_identities WHERE inbox_id = $1 AND contact_id = $2`,
      [inboxId, contactId],
    );
    return rows.map((r) => r.external_id);
  }

  /**
   * Whether the bot answers this shopper's next message: their open conversation on the inbox is
   * the bot's, or they have none (a new one starts with the bot).
   */
  async botAnswers(inboxId: string, externalUserId: string): Promise<boolean> {
    const rows: { status: string }[] = await this.db.query(
      `SELECT c.status FROM conversations c
        WHERE c.inbox_id = $1 AND c.status <> 'resolved'
          AND c.contact_id = (SELECT contact_id FROM contact_identities WHERE inbox_id = $1 AND external_id = $2) LIMIT 1`,
      [inboxId, externalUserId],
    );
    return !rows.length || rows[0].status === 'bot';
  }

  /**
   * For an incoming widget message just processed: its conversation's contact and whether replies
   * still wait for delivery. Null for anything else (another channel, an outgoing message, not processed).
   */
  async processedWidgetMessage(messageId: string): Promise<{ inboxId: string; contactId: string; pending: number } | null> {
    const rows: { inbox_id: string; contact_id: string; pending: string }[] = await this.db.query(
      `SELECT m.inbox_id, c.contact_id,
              (SELECT count(*) FROM messages p WHERE p.conversation_id = m.conversation_id AND p.direction = 'outgoing' AND p.status = 'pending') AS pending
         FROM messages m JOIN inboxes i ON i.id = m.inbox_id JOIN conversations c ON c.id = m.conversation_id
        WHERE m.id = $1 AND m.direction = 'incoming' AND m.status = 'processed' AND i.channel = 'widget'`,
      [messageId],
    );
    return rows[0] ? { inboxId: rows[0].inbox_id, contactId: rows[0].contact_id, pending: Number(rows[0].pending) } : null;
  }

  /** How many outgoing messages of the conversation still wait for delivery, besides `except`. */
  async pendingReplies(conversationId: string, except?: string): Promise<number> {
    const rows: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND direction = 'outgoing' AND status = 'pending' AND id <> $2`,
      [conversationId, except ?? '00000000-0000-0000-0000-000000000000'],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * The contact of an identity, created when the shopper uploads before their first message (the
   * same race-safe upsert as ingest: the identity's unique key decides, a losing insert is undone).
   */
  async ensureContact(inboxId: string, externalUserId: string, profile: { name?: string | null; email?: string | null } = {}): Promise<string> {
    const found = await this.contactOf(inboxId, externalUserId);
    if (found) return found;
    return this.db.transaction(async (em) => {
      const [created]: { id: string }[] = await em.query(`INSERT INTO contacts (name, email) VALUES ($1, $2) RETURNING id`, [
        profile.name ?? null,
        profile.email ?? null,
      ]);
      const linked: { contact_id: string }[] = await em.query(
        `INSERT INTO contact_identities (contact_id, inbox_id, external_id) VALUES ($1, $2, $3)
         ON CONFLICT (inbox_id, external_id) DO NOTHING RETURNING contact_id`,
        [created.id, inboxId, externalUserId],
      );
      if (linked.length) return created.id;
      await em.query(`DELETE FROM contacts WHERE id = $1`, [created.id]);
      const [winner]: { contact_id: string }[] = await em.query(
        `SELECT contact_id FROM contact_identities WHERE inbox_id = $1 AND external_id = $2`,
        [inboxId, externalUserId],
      );
      return winner.contact_id;
    });
  }

  /** The uploads among `ids` that belong to this shopper on this inbox (others are simply absent). */
  async ownUploads(inboxId: string, externalUserId: string, ids: string[]) {
    if (!ids.length) return [];
    const rows: { id: string; content_type: string; name: string | null; size: number }[] = await this.db.query(
      `SELECT u.id, u.content_type, u.name, u.size FROM uploads u
        WHERE u.id = ANY($3::uuid[]) AND u.inbox_id = $1
          AND u.contact_id = (SELECT contact_id FROM contact_identities WHERE inbox_id = $1 AND external_id = $2)`,
      [inboxId, externalUserId, ids],
    );
    return rows.map((r) => ({ id: r.id, contentType: r.content_type, name: r.name, size: Number(r.size) }));
  }
}
