import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '@kefu/shared/contracts';

/** One row of the events log, as the dispatcher reads it. */
export interface EventRow {
  id: string;
  type: string;
  inbox_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
}

/** A webhook event an events-log row stands for, and its key: the same key is delivered once per webhook. */
export interface MappedEvent {
  event: WebhookEvent;
  key: string;
}

/**
 * Which webhook events an events-log row stands for:
 * - `message.received` (a shopper's message) and every `<sender>.replied` row (`bot.replied`, `agent.replied`,
 *   `system.replied`) → `message.created`, keyed by the message: a message logged twice is sent once;
 * - `conversation.handoff` → `conversation.handoff`;
 * - `conversation.status_changed` → `conversation.status_changed`, and `conversation.resolved` when it ends in `resolved`.
 */
export function webhookEventsFor(row: EventRow): MappedEvent[] {
  const conv = row.conversation_id;
  if (!conv) return [];
  const cause = row.message_id ?? `e${row.id}`;
  if (row.type === 'message.received' || /^[a-z]+\.replied$/.test(row.type)) {
    return row.message_id ? [{ event: 'message.created', key: `message.created:${row.message_id}` }] : [];
  }
  if (row.type === 'conversation.handoff') {
    return [{ event: 'conversation.handoff', key: `conversation.handoff:${conv}:${cause}` }];
  }
  if (row.type === 'conversation.status_changed') {
    const { from, to } = row.data ?? {};
    if (typeof from !== 'string' || typeof to !== 'string' || from === to) return [];
    const changed: MappedEvent = {
      event: 'conversation.status_changed',
      key: `conversation.status_changed:${conv}:${cause}:${from}>${to}`,
    };
    return to === 'resolved'
      ? [changed, { event: 'conversation.resolved', key: `conversation.resolved:${conv}:${cause}` }]
      : [changed];
  }
  return [];
}

/** What the dispatcher loaded about a conversation. */
export interface ConversationRow {
  id: string;
  inbox_id: string;
  inbox_name: string;
  channel: string;
  status: string;
  handoff_reason: string | null;
  contact_id: string;
  external_id: string | null;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  direction: string;
  sender_type: string;
  sender_id: string | null;
  text: string;
  attachments: unknown[];
  content: unknown;
  metadata: Record<string, unknown>;
  locale: string | null;
  created_at: Date;
}

/** The subscribed, enabled webhooks; an event older than the webhook is not sent to it. */
export interface WebhookTarget {
  id: string;
  events: string[];
  created_at: Date;
}

export interface DeliveryDraft {
  id: string;
  webhookId: string;
  event: WebhookEvent;
  eventKey: string;
  conversationId: string;
  payload: WebhookEnvelope;
}

/** The JSON body of every webhook POST. */
export interface WebhookEnvelope {
  id: string;
  event: string;
  createdAt: string;
  data: Record<string, unknown>;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function conversationOf(c: ConversationRow) {
  return {
    conversation: {
      id: c.id,
      inboxId: c.inbox_id,
      inboxName: c.inbox_name,
      channel: c.channel,
      status: c.status,
    },
    contact: { id: c.contact_id, externalId: c.external_id },
  };
}

function messageOf(m: MessageRow) {
  return {
    id: m.id,
    direction: m.direction,
    senderType: m.sender_type,
    senderId: m.sender_id,
    text: m.text,
    attachments: m.attachments ?? [],
    content: m.content ?? null,
    metadata: m.metadata ?? {},
    locale: m.locale,
    createdAt: iso(m.created_at),
  };
}

/** The `data` of one event, or null when what it is about is gone (erased meanwhile). */
export function eventData(
  event: WebhookEvent,
  row: EventRow,
  conversation: ConversationRow | undefined,
  message: MessageRow | undefined,
): Record<string, unknown> | null {
  if (!conversation) return null;
  const base = conversationOf(conversation);
  switch (event) {
    case 'message.created':
      return message ? { ...base, message: messageOf(message) } : null;
    case 'conversation.handoff':
      return {
        ...base,
        reason: (row.data?.['reason'] as string | undefined) ?? conversation.handoff_reason,
        intent: (row.data?.['intent'] as string | undefined) ?? null,
        teamId: (row.data?.['teamId'] as string | undefined) ?? null,
        priority: (row.data?.['priority'] as string | undefined) ?? null,
        messageId: row.message_id,
      };
    case 'conversation.status_changed':
      return { ...base, from: row.data?.['from'], to: row.data?.['to'], messageId: row.message_id };
    case 'conversation.resolved':
      return { ...base, messageId: row.message_id };
  }
}

/** One delivery per (subscribed webhook, event) for these rows, in log order. */
export function fanOut(
  rows: EventRow[],
  webhooks: WebhookTarget[],
  conversations: Map<string, ConversationRow>,
  messages: Map<string, MessageRow>,
  newId: () => string = randomUUID,
): DeliveryDraft[] {
  const drafts: DeliveryDraft[] = [];
  for (const row of rows) {
    for (const { event, key } of webhookEventsFor(row)) {
      const targets = webhooks.filter(
        (w) => w.events.includes(event) && new Date(w.created_at) <= new Date(row.created_at),
      );
      if (!targets.length) continue;
      const data = eventData(
        event,
        row,
        conversations.get(row.conversation_id as string),
        row.message_id ? messages.get(row.message_id) : undefined,
      );
      if (!data) continue;
      for (const w of targets) {
        const id = newId();
        drafts.push({
          id,
          webhookId: w.id,
          event,
          eventKey: key,
          conversationId: row.conversation_id as string,
          payload: { id, event, createdAt: iso(row.created_at), data },
        });
      }
    }
  }
  return drafts;
}

/** The POST body, fields in a fixed order (the stored jsonb does not keep key order). */
export function envelopeBody(p: WebhookEnvelope): string {
  return JSON.stringify({ id: p.id, event: p.event, createdAt: p.createdAt, data: p.data });
}
