import { NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EmotionLabel, HandoffReason, NluEntity } from '@kefu/shared/contracts';
import { HANDOFF_REASONS } from '@kefu/shared/contracts';
import { isUuid } from '@kefu/api/platform/http';
import { Lang, localeOf, regionOf } from '../engine/vocab';
import type { ProfileTag } from '../profile/contact-profile';
import type { ContactProfileService } from '../profile/contact-profile.service';
import type { DialogueStateStore } from '../state/dialogue-state.store';
import type { Slots } from '../state/slots';
import type { DialogueTemplatesService } from '../templates/dialogue-templates.service';

/** Messages read for a summary, newest kept. */
export const SUMMARY_MESSAGES = 60;

export interface SummaryMessage {
  id: string;
  direction: 'incoming' | 'outgoing';
  sender: 'contact' | 'bot' | 'agent' | 'system';
  text: string;
  /** The language engine's reading of a shopper's message (the parts a summary uses). */
  nlu: {
    intent: string;
    confidence: number;
    language: string | null;
    entities: Pick<NluEntity, 'type' | 'value' | 'text'>[];
    emotion: { label: EmotionLabel; score: number } | null;
  } | null;
}

/** Everything a hand-off summary is written from, in the shopper's language. */
export interface SummaryContext {
  conversationId: string;
  contactId: string;
  channel: string;
  teamId: string | null;
  assigneeId: string | null;
  status: string;
  language: Lang;
  region: string | null;
  handoff: { at: Date | null; reason: HandoffReason | null; intent: string | null };
  /** Oldest first. */
  messages: SummaryMessage[];
  /** The topics the bot handled in this conversation and how each ended, oldest first. */
  outcomes: { messageId: string | null; intent: string; outcome: string; orderNumber: string | null }[];
  state: {
    activeIntent: string | null;
    slots: Slots;
    lastOrderNumber: string | null;
    /** Claude's note for the agent when its turn handed the conversation off. */
    handoffNote?: string | null;
  };
  customer: { tier: string | null; tags: ProfileTag[] };
  /** The `topic.<intent>` phrase of each intent named above, in the shopper's language. */
  topics: Record<string, string>;
}

interface ConversationRow {
  id: string;
  contact_id: string;
  team_id: string | null;
  assignee_id: string | null;
  status: string;
  handoff_at: Date | null;
  handoff_reason: string | null;
  channel: string;
}

interface MessageRow {
  id: string;
  direction: 'incoming' | 'outgoing';
  sender_type: SummaryMessage['sender'];
  text: string | null;
  locale: string | null;
  nlu: Record<string, unknown> | null;
}

/** Read-only: loads a conversation's summary context (nothing here writes). */
export class SummaryContextReader {
  constructor(
    private readonly db: DataSource,
    private readonly store: DialogueStateStore,
    private readonly templates: DialogueTemplatesService,
    private readonly profiles: ContactProfileService,
  ) {}

  /** Who may see the conversation and its hand-off; 404 when unknown. */
  async conversation(id: string): Promise<{
    id: string;
    teamId: string | null;
    assigneeId: string | null;
    status: string;
    handoffAt: Date | null;
  }> {
    const [c] = isUuid(id)
      ? ((await this.db.query(
          `SELECT id, team_id, assignee_id, status, handoff_at FROM conversations WHERE id = $1`,
          [id],
        )) as Pick<ConversationRow, 'id' | 'team_id' | 'assignee_id' | 'status' | 'handoff_at'>[])
      : [];
    if (!c) throw new NotFoundException(`conversation ${id} does not exist`);
    return {
      id: c.id,
      teamId: c.team_id,
      assigneeId: c.assignee_id,
      status: c.status,
      handoffAt: c.handoff_at ? new Date(c.handoff_at) : null,
    };
  }

  /** 404 for an unknown conversation. */
  async load(conversationId: string): Promise<SummaryContext> {
    const [c] = isUuid(conversationId)
      ? ((await this.db.query(
          `SELECT c.id, c.contact_id, c.team_id, c.assignee_id, c.status, c.handoff_at, c.handoff_reason, i.channel
             FROM conversations c JOIN inboxes i ON i.id = c.inbox_id WHERE c.id = $1`,
          [conversationId],
        )) as ConversationRow[])
      : [];
    if (!c) throw new NotFoundException(`conversation ${conversationId} does not exist`);

    const [rows, outcomes, handoffEvents, state] = await Promise.all([
      this.db.query(
        `SELECT id, direction, sender_type, text, locale, nlu FROM messages
          WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${SUMMARY_MESSAGES}`,
        [c.id],
      ) as Promise<MessageRow[]>,
      // dialogue_outcomes is indexed by contact; the conversation narrows it down.
      this.db.query(
        `SELECT message_id, intent, outcome, order_number FROM dialogue_outcomes
          WHERE contact_id = $1 AND conversation_id = $2 ORDER BY created_at DESC, id DESC LIMIT 30`,
        [c.contact_id, c.id],
      ) as Promise<
        { message_id: string | null; intent: string; outcome: string; order_number: string | null }[]
      >,
      this.db.query(
        `SELECT data FROM events WHERE conversation_id = $1 AND type = 'conversation.handoff' ORDER BY id DESC LIMIT 1`,
        [c.id],
      ) as Promise<{ data: Record<string, unknown> | null }[]>,
      this.store.load(this.db.manager, c.id),
    ]);
    rows.reverse();
    outcomes.reverse();
    const messages = rows.map(toMessage);

    const lastIncoming = [...rows].reverse().find((m) => m.direction === 'incoming');
    const language =
      state.context.language ?? detectedLanguage(messages) ?? langOfLocale(lastIncoming?.locale ?? null);
    const region = regionOf(lastIncoming?.locale ?? null, language);

    const event = handoffEvents[0]?.data ?? {};
    const reason = (HANDOFF_REASONS as readonly string[]).includes(c.handoff_reason ?? '')
      ? (c.handoff_reason as HandoffReason)
      : null;
    const handoff = {
      at: c.handoff_at ? new Date(c.handoff_at) : null,
      reason,
      intent: typeof event['intent'] === 'string' ? event['intent'] : null,
    };

    let customer: SummaryContext['customer'] = { tier: null, tags: [] };
    try {
      const p = await this.profiles.profile(c.contact_id);
      customer = { tier: p.customer?.tier ?? null, tags: p.tags };
    } catch {
      // The profile is a nice-to-have here: the summary is written without it.
    }

    const intents = new Set<string>(
      [
        handoff.intent,
        state.activeIntent,
        ...outcomes.map((o) => o.intent),
        ...messages.map((m) => m.nlu?.intent),
      ].filter((i): i is string => !!i),
    );
    const topics: Record<string, string> = {};
    await Promise.all(
      [...intents].map(async (intent) => {
        try {
          const r = await this.templates.render(
            `topic.${intent}`,
            {},
            { locale: localeOf(language), region },
          );
          if (r.text.trim()) topics[intent] = r.text.trim();
        } catch {
          // An intent without a topic phrase (an admin's own) is shown by its name.
        }
      }),
    );

    return {
      conversationId: c.id,
      contactId: c.contact_id,
      channel: c.channel,
      teamId: c.team_id,
      assigneeId: c.assignee_id,
      status: c.status,
      language,
      region,
      handoff,
      messages,
      outcomes: outcomes.map((o) => ({
        messageId: o.message_id,
        intent: o.intent,
        outcome: o.outcome,
        orderNumber: o.order_number,
      })),
      state: {
        activeIntent: state.activeIntent,
        slots: state.slots ?? {},
        lastOrderNumber: state.lastOrderNumber,
        handoffNote: state.context.handoffNote ?? null,
      },
      customer,
      topics,
    };
  }
}

function toMessage(r: MessageRow): SummaryMessage {
  const n = r.nlu;
  const emotion = n?.['emotion'] as { label?: EmotionLabel; score?: number } | undefined;
  return {
    id: r.id,
    direction: r.direction,
    sender: r.sender_type,
    text: r.text ?? '',
    nlu:
      n && typeof n['intent'] === 'string'
        ? {
            intent: n['intent'] as string,
            confidence: typeof n['confidence'] === 'number' ? (n['confidence'] as number) : 0,
            language: typeof n['language'] === 'string' ? (n['language'] as string) : null,
            entities: Array.isArray(n['entities'])
              ? (n['entities'] as NluEntity[])
                  .filter((e) => e && typeof e.type === 'string' && typeof e.value === 'string')
                  .map((e) => ({
                    type: e.type,
                    value: e.value,
                    text: typeof e.text === 'string' ? e.text : e.value,
                  }))
              : [],
            emotion: emotion?.label ? { label: emotion.label, score: emotion.score ?? 0 } : null,
          }
        : null,
  };
}

function detectedLanguage(messages: SummaryMessage[]): Lang | null {
  for (const m of [...messages].reverse()) {
    const l = m.direction === 'incoming' ? m.nlu?.language : null;
    if (l === 'zh' || l === 'en' || l === 'ja') return l;
  }
  return null;
}

function langOfLocale(locale: string | null): Lang {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('en')) return 'en';
  if (l.startsWith('ja')) return 'ja';
  return 'zh';
}
