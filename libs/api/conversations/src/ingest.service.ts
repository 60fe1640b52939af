import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConversationStatus, IngestResultDto, InboundMessage, MessageDirection, MessageStatus, SenderType } from '@kefu/shared/contracts';
import { MetricsService } from '@kefu/api/platform/http';
import { QueueService } from '@kefu/api/platform/queue';
import { linkVerifiedContact } from './contact-linker';
import { appendEvents } from './events-log';
import { ConversationEvents, ConversationUpdatedPayload, MessageCreatedPayload } from './events/conversation.events';
import { ConversationProcessJob } from './jobs/conversation-process.job';

export const PREVIEW_LENGTH = 140;
export const preview = (text: string, attachments: number) =>
  text.trim() ? text.trim().slice(0, PREVIEW_LENGTH) : attachments ? `[${attachments} attachment${attachments > 1 ? 's' : ''}]` : null;

/**
 * DESIGN.md steps 2–3. One transaction upserts the contact and its identity, finds or opens the
 * conversation and inserts the message as `received` (the outbox). A retried push finds its
 * message by (inbox, external id) and changes nothing. After commit the message is enqueued with
 * its id as job id; if that fails the sweeper enqueues it later.
 */
@Injectable()
export class IngestService {
  private readonly log = new Logger(IngestService.name);
  private readonly ingested;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly events: EventEmitter2,
    metrics: MetricsService,
  ) {
    this.ingested = metrics.counter('kefu_messages_ingested_total', 'Incoming messages stored, by channel and outcome', ['channel', 'outcome']);
  }

  async ingest(msg: InboundMessage): Promise<IngestResultDto> {
    const existing = await this.findExisting(this.db.manager, msg);
    if (existing) {
      this.ingested.inc({ channel: msg.channel, outcome: 'duplicate' });
      return { ...existing, duplicate: true };
    }
    const result = await this.db.transaction((em) => this.store(em, msg));
    if (result.duplicate) {
      this.ingested.inc({ channel: msg.channel, outcome: 'duplicate' });
      return result;
    }
    this.ingested.inc({ channel: msg.channel, outcome: 'stored' });
    this.events.emit(ConversationEvents.MessageCreated, {
      messageId: result.messageId,
      conversationId: result.conversationId,
      inboxId: msg.inboxId,
      direction: 'incoming',
    } satisfies MessageCreatedPayload);
    this.events.emit(ConversationEvents.ConversationUpdated, { conversationId: result.conversationId } satisfies ConversationUpdatedPayload);
    await this.enqueue(result.messageId);
    return result;
  }

  /** Enqueue processing; a failure here is not the caller's problem: the row is the outbox. */
  async enqueue(messageId: string): Promise<boolean> {
    try {
      await this.queue.add(ConversationProcessJob, { messageId }, { jobId: messageId });
      return true;
    } catch (err) {
      this.log.warn(`message ${messageId} stored but not enqueued (${(err as Error).message}); the sweeper will retry`);
      return false;
    }
  }

  private async findExisting(em: EntityManager, msg: InboundMessage) {
    const rows: { id: string; conversation_id: string; contact_id: string }[] = await em.query(
      `SELECT m.id, m.conversation_id, c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.inbox_id = $1 AND m.external_message_id = $2`,
      [msg.inboxId, msg.externalMessageId],
    );
    return rows[0] ? { messageId: rows[0].id, conversationId: rows[0].conversation_id, contactId: rows[0].contact_id } : null;
  }

  private async store(em: EntityManager, msg: InboundMessage): Promise<IngestResultDto> {
    // One round trip: the inbox exists, and the shopper's identity on it if they wrote before.
    const [known]: { inbox_id: string; contact_id: string | null }[] = await em.query(
      `SELECT i.id AS inbox_id, ci.contact_id FROM inboxes i
         LEFT JOIN contact_identities ci ON ci.inbox_id = i.id AND ci.external_id = $2
        WHERE i.id = $1`,
      [msg.inboxId, msg.externalUserId],
    );
    if (!known) throw new NotFoundException(`inbox ${msg.inboxId} does not exist`);

    let contactId = await this.upsertContact(em, msg, known.contact_id);
    if (msg.verified) contactId = await linkVerifiedContact(em, contactId, msg.inboxId, msg.verified);
    const conversation =
      (msg.conversationId && (await this.threadedConversation(em, msg.inboxId, contactId, msg.conversationId))) ||
      (await this.openConversation(em, msg.inboxId, contactId));

    // The message, the conversation's counters and the events-log row in one statement.
    const inserted: { id: string }[] = await em.query(
      `WITH m AS (
         INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, external_message_id, text, attachments, metadata, locale, status, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (inbox_id, external_message_id) DO NOTHING RETURNING id
       ), c AS (
         UPDATE conversations SET message_count = message_count + 1, last_message_at = now(), last_message_preview = $12, updated_at = now()
          WHERE id = $1 AND EXISTS (SELECT 1 FROM m)
       ), e AS (
         INSERT INTO events (type, inbox_id, conversation_id, message_id, data)
         SELECT 'message.received', $2, $1, m.id, $13::jsonb FROM m
       )
       SELECT id FROM m`,
      [
        conversation.id,
        msg.inboxId,
        MessageDirection.Incoming,
        SenderType.Contact,
        msg.externalMessageId,
        msg.text,
        JSON.stringify(msg.attachments),
        JSON.stringify(msg.metadata),
        msg.locale ?? null,
        MessageStatus.Received,
        msg.sentAt,
        preview(msg.text, msg.attachments.length),
        JSON.stringify({ channel: msg.channel, attachments: msg.attachments.length, opened: conversation.opened }),
      ],
    );
    if (!inserted.length) {
      // Lost a race with the same push: report the stored one.
      const existing = await this.findExisting(em, msg);
      if (!existing) throw new Error('message conflict without a stored message');
      return { ...existing, duplicate: true };
    }
    const messageId = inserted[0].id;
    return { messageId, conversationId: conversation.id, contactId, duplicate: false };
  }

  private async upsertContact(em: EntityManager, msg: InboundMessage, knownContactId: string | null): Promise<string> {
    const c = msg.contact ?? {};
    if (knownContactId) {
      const contactId = knownContactId;
      if (c.name || c.email || c.phone) {
        await em.query(
          `UPDATE contacts SET name = COALESCE($2, name), email = COALESCE(email, $3), phone = COALESCE(phone, $4), updated_at = now() WHERE id = $1`,
          [contactId, c.name ?? null, c.email ?? null, c.phone ?? null],
        );
      }
      return contactId;
    }
    const [created]: { id: string }[] = await em.query(`INSERT INTO contacts (name, email, phone) VALUES ($1, $2, $3) RETURNING id`, [
      c.name ?? null,
      c.email ?? null,
      c.phone ?? null,
    ]);
    const linked: { contact_id: string }[] = await em.query(
      `INSERT INTO contact_identities (contact_id, inbox_id, external_id) VALUES ($1, $2, $3)
       ON CONFLICT (inbox_id, external_id) DO NOTHING RETURNING contact_id`,
      [created.id, msg.inboxId, msg.externalUserId],
    );
    if (linked.length) return created.id;
    // Another push for the same new shopper won: use its contact.
    await em.query(`DELETE FROM contacts WHERE id = $1`, [created.id]);
    const [winner]: { contact_id: string }[] = await em.query(
      `SELECT contact_id FROM contact_identities WHERE inbox_id = $1 AND external_id = $2`,
      [msg.inboxId, msg.externalUserId],
    );
    return winner.contact_id;
  }

  /**
   * The conversation a channel threads this message into (an e-mail's In-Reply-To): the sender's own
   * conversation in this inbox. A resolved one is reopened when the sender has no other open one,
   * as a help desk reopens a ticket answered by mail. Someone else's conversation is never joined.
   */
  private async threadedConversation(em: EntityManager, inboxId: string, contactId: string, conversationId: string) {
    if (!/^[0-9a-f-]{36}$/i.test(conversationId)) return null;
    const rows: { id: string; contact_id: string; status: string }[] = await em.query(
      `SELECT id, contact_id, status FROM conversations WHERE id = $1 AND inbox_id = $2 FOR UPDATE`,
      [conversationId, inboxId],
    );
    if (!rows.length || rows[0].contact_id !== contactId) return null;
    if (rows[0].status !== ConversationStatus.Resolved) return { id: rows[0].id, opened: false };
    const open: unknown[] = await em.query(
      `SELECT 1 FROM conversations WHERE inbox_id = $1 AND contact_id = $2 AND status <> 'resolved'`,
      [inboxId, contactId],
    );
    if (open.length) return null;
    await em.query(`UPDATE conversations SET status = $2, updated_at = now() WHERE id = $1`, [rows[0].id, ConversationStatus.Bot]);
    await appendEvents(em, { type: 'conversation.reopened', inboxId, conversationId: rows[0].id, data: { reason: 'reply_to_thread' } });
    return { id: rows[0].id, opened: false };
  }

  private async openConversation(em: EntityManager, inboxId: string, contactId: string): Promise<{ id: string; opened: boolean }> {
    const lockOpen = () =>
      em.query(
        `SELECT id FROM conversations WHERE inbox_id = $1 AND contact_id = $2 AND status <> 'resolved' FOR UPDATE`,
        [inboxId, contactId],
      ) as Promise<{ id: string }[]>;
    const open = await lockOpen();
    if (open.length) return { id: open[0].id, opened: false };
    const created: { id: string }[] = await em.query(
      `INSERT INTO conversations (inbox_id, contact_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (inbox_id, contact_id) WHERE status <> 'resolved' DO NOTHING RETURNING id`,
      [inboxId, contactId, ConversationStatus.Bot],
    );
    if (created.length) return { id: created[0].id, opened: true };
    const raced = await lockOpen();
    return { id: raced[0].id, opened: false };
  }
}
