import { NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { MessageMetadata } from '@kefu/shared/contracts';
import { ChannelType } from '@kefu/shared/contracts';
import type { DialogueStateStore } from '../state/dialogue-state.store';
import type { DialogueState } from '../state/slots';
import { isUuid } from '@kefu/api/platform/http';


/** Channels whose pushes are signed by the shop's own systems (as the dialogue stage trusts them). */
const TRUSTED_IDENTITY_CHANNELS = new Set<string>([ChannelType.Api]);

export interface AssistConversation {
  id: string;
  inboxId: string;
  contactId: string;
  teamId: string | null;
  assigneeId: string | null;
  channel: string;
  greetingEnabled: boolean;
}

export interface AssistMessage {
  id: string;
  conversationId: string;
  direction: 'incoming' | 'outgoing';
  text: string;
  locale: string | null;
  metadata: MessageMetadata;
  nlu: Record<string, unknown> | null;
  sentAt: Date;
}

interface ConversationRow {
  id: string;
  inbox_id: string;
  contact_id: string;
  team_id: string | null;
  assignee_id: string | null;
  channel: string;
  greeting_enabled: boolean;
}
interface MessageRow {
  id: string;
  conversation_id: string;
  direction: 'incoming' | 'outgoing';
  text: string;
  locale: string | null;
  metadata: MessageMetadata | null;
  nlu: Record<string, unknown> | null;
  sent_at: Date;
}

const toMessage = (r: MessageRow): AssistMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  direction: r.direction,
  text: r.text ?? '',
  locale: r.locale,
  metadata: r.metadata ?? {},
  nlu: r.nlu,
  sentAt: new Date(r.sent_at),
});

const MESSAGE_COLUMNS = `id, conversation_id, direction, text, locale, metadata, nlu, sent_at`;

/** Read-only lookups the assist endpoints share (nothing here writes). */
export class AssistReader {
  constructor(
    private readonly db: DataSource,
    private readonly store: DialogueStateStore,
  ) {}

  /** The conversation with its inbox's channel; 404 when unknown. */
  async conversation(id: string): Promise<AssistConversation> {
    const rows = isUuid(id)
      ? ((await this.db.query(
          `SELECT c.id, c.inbox_id, c.contact_id, c.team_id, c.assignee_id, i.channel, i.greeting_enabled
             FROM conversations c JOIN inboxes i ON i.id = c.inbox_id WHERE c.id = $1`,
          [id],
        )) as ConversationRow[])
      : [];
    const r = rows[0];
    if (!r) throw new NotFoundException(`conversation ${id} does not exist`);
    return {
      id: r.id,
      inboxId: r.inbox_id,
      contactId: r.contact_id,
      teamId: r.team_id,
      assigneeId: r.assignee_id,
      channel: r.channel,
      greetingEnabled: !!r.greeting_enabled,
    };
  }

  /** One message; 404 when unknown. */
  async message(id: string): Promise<AssistMessage> {
    const rows = isUuid(id) ? ((await this.db.query(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = $1`, [id])) as MessageRow[]) : [];
    if (!rows[0]) throw new NotFoundException(`message ${id} does not exist`);
    return toMessage(rows[0]);
  }

  /** The shopper's latest message with some text, or null. */
  async lastIncoming(conversationId: string): Promise<AssistMessage | null> {
    const rows = (await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages
        WHERE conversation_id = $1 AND direction = 'incoming' AND btrim(text) <> ''
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [conversationId],
    )) as MessageRow[];
    return rows[0] ? toMessage(rows[0]) : null;
  }

  /** The dialogue state as saved (a fresh one when the bot never talked here); never locks or saves. */
  state(conversationId: string): Promise<DialogueState> {
    return this.store.load(this.db.manager, conversationId);
  }

  /** The shop customer the shopper is: a verified login on a trusted channel, else the contact's. */
  async customerRef(conversation: AssistConversation, message: AssistMessage | null): Promise<string | null> {
    const rows = (await this.db.query(`SELECT customer_ref FROM contacts WHERE id = $1`, [conversation.contactId])) as { customer_ref: string | null }[];
    const claimed = typeof message?.metadata?.['customerRef'] === 'string' ? (message.metadata['customerRef'] as string) : null;
    return (TRUSTED_IDENTITY_CHANNELS.has(conversation.channel) ? claimed : null) ?? rows[0]?.customer_ref ?? null;
  }
}
