import { ConflictException, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import {
  AgentReplyInput,
  agentReplySchema,
  ConversationStatus,
  MessageDirection,
  MessageDto,
  MessageStatus,
  SenderType,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { AuthUser } from '@kefu/api/identity';
import {
  ConversationEvents,
  Message,
  MessageCreatedPayload,
  preview,
  toMessageDto,
} from '@kefu/api/conversations';
import { ActionContext, WorkspaceTx } from './workspace-tx.service';

/** Whitespace differences are not edits. */
export const normaliseReply = (text: string) => text.trim().replace(/\s+/g, ' ');

/** Whether the agent changed the suggestion they started from (so the pair is worth keeping). */
export const isEdited = (suggested: string, sent: string) =>
  normaliseReply(suggested) !== normaliseReply(sent);

export interface AgentReplyResult {
  message: MessageDto;
  /** A resend with a clientId already stored: nothing was inserted. */
  duplicate: boolean;
}

/**
 * An agent's reply: an outgoing message (sender agent, `pending`) the channel delivers like the bot's.
 * Replying to a conversation waiting for a human (or still with the bot) takes it over. A suggested
 * reply the agent changed is kept in the human-edit log with the shopper's question.
 */
@Injectable()
export class AgentReplyService {
  constructor(
    private readonly tx: WorkspaceTx,
    private readonly bus: EventEmitter2,
  ) {}

  async reply(id: string, body: unknown, user: AuthUser): Promise<AgentReplyResult> {
    const input = parseWith(agentReplySchema, body);
    const { value } = await this.tx.run(id, user, (ctx) => this.write(ctx, input));
    if (!value.duplicate) {
      this.bus.emit(ConversationEvents.MessageCreated, {
        messageId: value.message.id,
        conversationId: value.message.conversationId,
        inboxId: value.inboxId,
        direction: 'outgoing',
      } satisfies MessageCreatedPayload);
    }
    return { message: value.message, duplicate: value.duplicate };
  }

  private async write(
    ctx: ActionContext,
    input: AgentReplyInput,
  ): Promise<AgentReplyResult & { inboxId: string }> {
    const { em, conversation: c, user, now } = ctx;
    if (input.clientId) {
      // The conversation row is locked: a concurrent retry waits here and then finds this one.
      const found: { id: string }[] = await em.query(
        `SELECT id FROM messages WHERE conversation_id = $1 AND sender_type = $2 AND metadata->>'clientId' = $3 LIMIT 1`,
        [c.id, SenderType.Agent, input.clientId],
      );
      const stored = found.length ? await em.findOneBy(Message, { id: found[0].id }) : null;
      if (stored) return { message: toMessageDto(stored), duplicate: true, inboxId: c.inboxId };
    }
    if (ctx.statusBefore === ConversationStatus.Resolved) {
      throw new ConflictException(
        `cannot reply in conversation ${c.id}: it is resolved; the shopper’s next message opens a new conversation`,
      );
    }
    if (c.status !== ConversationStatus.Human) {
      // Implicit takeover.
      const from = c.assigneeId;
      c.status = ConversationStatus.Human;
      c.assigneeId = user.id;
      c.handoffAt ??= now;
      ctx.events.push({ type: 'conversation.takeover', data: { agentId: user.id, from, implicit: true } });
      await ctx.audit('conversation.takeover', {
        from,
        to: user.id,
        statusBefore: ctx.statusBefore,
        implicit: true,
      });
    } else if (!c.assigneeId) {
      c.assigneeId = user.id;
    }
    const message = await em.save(
      em.create(Message, {
        conversationId: c.id,
        inboxId: c.inboxId,
        direction: MessageDirection.Outgoing,
        senderType: SenderType.Agent,
        senderId: user.id,
        text: input.text,
        attachments: [],
        metadata: { agentId: user.id, ...(input.clientId ? { clientId: input.clientId } : {}) },
        content: null,
        status: MessageStatus.Pending,
        sentAt: now,
      }),
    );
    c.messageCount += 1;
    c.lastMessageAt = message.createdAt;
    c.lastMessagePreview = preview(message.text, 0);
    c.firstHumanReplyAt ??= now;
    // `<sender>.replied` rows are what outbound webhooks send as `message.created`.
    ctx.events.push({
      type: 'agent.replied',
      messageId: message.id,
      data: { messageId: message.id, agentId: user.id },
    });
    if (input.suggestion && isEdited(input.suggestion.text, input.text)) {
      await this.recordEdit(em, c.id, message.id, user.id, input.suggestion, input.text);
    }
    return { message: toMessageDto(message), duplicate: false, inboxId: c.inboxId };
  }

  private async recordEdit(
    em: EntityManager,
    conversationId: string,
    messageId: string,
    agentId: string,
    suggestion: NonNullable<AgentReplyInput['suggestion']>,
    edited: string,
  ): Promise<void> {
    const [question]: {
      text: string;
      locale: string | null;
      nlu: { intent?: string; language?: string } | null;
    }[] = await em.query(
      `SELECT text, locale, nlu FROM messages
        WHERE conversation_id = $1 AND direction = 'incoming' AND id <> $2
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [conversationId, messageId],
    );
    await em.query(
      `INSERT INTO human_edits (conversation_id, message_id, agent_id, question, intent, language, suggested, edited, source, ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        conversationId,
        messageId,
        agentId,
        question?.text ?? null,
        question?.nlu?.intent ?? null,
        question?.nlu?.language ?? question?.locale ?? null,
        suggestion.text,
        edited,
        suggestion.source,
        suggestion.ref,
      ],
    );
  }
}
