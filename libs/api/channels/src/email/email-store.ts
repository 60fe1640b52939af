import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MessageContent } from '@kefu/shared/contracts';
import type { UploadRow } from './email-attachments';
import { messageIds, ourMessageUuid } from './threading';

export interface ThreadMatch {
  conversationId: string;
  /** The message the mail answers. */
  messageId: string;
  direction: 'incoming' | 'outgoing';
}

export interface ReplyContext {
  /** The shopper's last mail before this reply: its Message-ID (null for one that had none), subject, References, sender. */
  parentId: string | null;
  subject: string | null;
  parentReferences: string[];
  replyTo: string | null;
  /** The reply's language: its own, else the language the engine read in the shopper's mail, else the mail's Content-Language. */
  locale: string | null;
}

/**
 * The few queries the e-mail channel runs on messages and uploads: threading by Message-ID, the
 * context of a reply, and the uploads of a mail's attachments. Uses the `(inbox_id,
 * external_message_id)` unique index and the messages' conversation index.
 */
@Injectable()
export class EmailStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The message of this inbox that `candidates` (In-Reply-To first, then References newest first)
   * answers: a shopper mail by its Message-ID, or one of our replies by the Message-ID we gave it.
   */
  async findThread(
    inboxId: string,
    candidates: string[],
    supportAddress: string,
  ): Promise<ThreadMatch | null> {
    if (!candidates.length) return null;
    const ours = candidates.map((c) => ourMessageUuid(c, supportAddress)).filter((u): u is string => !!u);
    const rows: {
      id: string;
      conversation_id: string;
      direction: 'incoming' | 'outgoing';
      external_message_id: string | null;
    }[] = await this.db.query(
      `SELECT id, conversation_id, direction, external_message_id FROM messages
        WHERE inbox_id = $1 AND (external_message_id = ANY($2::text[]) OR (id = ANY($3::uuid[]) AND direction = 'outgoing'))`,
      [inboxId, candidates, ours],
    );
    for (const candidate of candidates) {
      const uuid = ourMessageUuid(candidate, supportAddress);
      const row = rows.find((r) => r.external_message_id === candidate || (uuid !== null && r.id === uuid));
      if (row) return { conversationId: row.conversation_id, messageId: row.id, direction: row.direction };
    }
    return null;
  }

  /** The open conversation of the sender's identity in this inbox, if any. */
  async openConversationOf(inboxId: string, externalUserId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT c.id FROM contact_identities ci
         JOIN conversations c ON c.contact_id = ci.contact_id AND c.inbox_id = ci.inbox_id AND c.status <> 'resolved'
        WHERE ci.inbox_id = $1 AND ci.external_id = $2 LIMIT 1`,
      [inboxId, externalUserId],
    );
    return rows[0]?.id ?? null;
  }

  /** Quick replies offered by one outgoing message (the mail the shopper answered), if it is the sender's own conversation. */
  async offeredBy(
    messageId: string,
    inboxId: string,
    externalUserId: string,
  ): Promise<MessageContent | null> {
    const rows: { content: MessageContent | null }[] = await this.db.query(
      `SELECT m.content FROM messages m
         JOIN conversations c ON c.id = m.conversation_id
         JOIN contact_identities ci ON ci.contact_id = c.contact_id AND ci.inbox_id = c.inbox_id
        WHERE m.id = $1 AND m.direction = 'outgoing' AND ci.inbox_id = $2 AND ci.external_id = $3`,
      [messageId, inboxId, externalUserId],
    );
    return rows[0]?.content ?? null;
  }

  /** Quick replies of the last outgoing message in the sender's conversation. */
  async lastOffered(
    conversationId: string,
    inboxId: string,
    externalUserId: string,
  ): Promise<MessageContent | null> {
    const rows: { content: MessageContent | null }[] = await this.db.query(
      `SELECT m.content FROM conversations c
         JOIN contact_identities ci ON ci.contact_id = c.contact_id AND ci.inbox_id = c.inbox_id AND ci.external_id = $3
         JOIN LATERAL (SELECT content FROM messages WHERE conversation_id = c.id AND direction = 'outgoing' ORDER BY created_at DESC LIMIT 1) m ON true
        WHERE c.id = $1 AND c.inbox_id = $2`,
      [conversationId, inboxId, externalUserId],
    );
    return rows[0]?.content ?? null;
  }

  /** What a reply needs to thread: the shopper's last mail before `messageId` in its conversation. */
  async replyContext(conversationId: string, messageId: string): Promise<ReplyContext> {
    const rows: {
      external_message_id: string | null;
      subject: string | null;
      refs: string | null;
      reply_to: string | null;
      locale: string | null;
    }[] = await this.db.query(
      `SELECT p.external_message_id, p.metadata->>'subject' AS subject, p.metadata->>'references' AS refs, p.metadata->>'from' AS reply_to,
                COALESCE((SELECT locale FROM messages WHERE id = $2), p.nlu->>'language', p.locale) AS locale
           FROM (SELECT 1) one
           LEFT JOIN LATERAL (
             SELECT external_message_id, metadata, nlu, locale FROM messages
              WHERE conversation_id = $1 AND direction = 'incoming'
                AND created_at <= COALESCE((SELECT created_at FROM messages WHERE id = $2), now())
              ORDER BY created_at DESC LIMIT 1) p ON true`,
      [conversationId, messageId],
    );
    const r = rows[0];
    const parentId =
      r?.external_message_id && r.external_message_id.startsWith('<') ? r.external_message_id : null;
    return {
      parentId,
      subject: r?.subject ?? null,
      parentReferences: messageIds(r?.refs),
      replyTo: r?.reply_to ?? null,
      locale: r?.locale ?? null,
    };
  }

  /** Records the Message-ID an outgoing mail was sent with, so the shopper's answer threads back to it. */
  async setSentMessageId(messageId: string, mailMessageId: string): Promise<void> {
    await this.db.query(
      `UPDATE messages SET external_message_id = $2 WHERE id = $1 AND direction = 'outgoing' AND external_message_id IS DISTINCT FROM $2`,
      [messageId, mailMessageId],
    );
  }

  /** Stores a mail's files; ids are derived from the mail, so a second call for the same mail changes nothing. */
  async saveUploads(inboxId: string, contactId: string, uploads: UploadRow[]): Promise<void> {
    for (const u of uploads) {
      await this.db.query(
        `INSERT INTO uploads (id, inbox_id, contact_id, content_type, name, size, sha256, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [u.id, inboxId, contactId, u.contentType, u.name, u.size, u.sha256, u.data],
      );
    }
  }

  /** Files of our own uploads table that an outgoing message references, to attach them to the mail. */
  async uploadFiles(
    ids: string[],
  ): Promise<{ id: string; contentType: string; name: string | null; data: Buffer }[]> {
    if (!ids.length) return [];
    const rows: { id: string; content_type: string; name: string | null; data: Buffer }[] =
      await this.db.query(`SELECT id, content_type, name, data FROM uploads WHERE id = ANY($1::uuid[])`, [
        ids,
      ]);
    return rows.map((r) => ({ id: r.id, contentType: r.content_type, name: r.name, data: r.data }));
  }
}
