import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationStatus, MessageDirection, MessageStatus, SenderType } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { QueueService } from '@kefu/api/platform/queue';
import { Conversation } from './entities/conversation.entity';
import { Inbox } from './entities/inbox.entity';
import { Message } from './entities/message.entity';
import { appendEvents, EventRecord } from './events-log';
import { ConversationEvents, ConversationUpdatedPayload, MessageCreatedPayload, MessageUpdatedPayload } from './events/conversation.events';
import { preview } from './ingest.service';
import { ConversationProcessJob, ConversationProcessPayload } from './jobs/conversation-process.job';
import { ProcessingPipeline, StaleTurnError } from './processing-pipeline';

/** How often a turn is prepared again when another turn of the conversation got in first. */
const STALE_RETRIES = 5;

/**
 * DESIGN.md step 4. A conversation's messages are processed oldest first: the job of a message
 * first processes any older message of its conversation still waiting. Each message is prepared
 * outside any transaction (the stages' reads and calls to other systems), then written in one
 * transaction that reloads the message under a lock and stops quietly when it was already
 * processed (a retried or swept job). A conversation owned by a human gets no bot reply.
 * The replies, the new state and the events are written together; domain events fire after commit.
 */
@Injectable()
export class ConversationProcessor implements OnModuleInit {
  private readonly log = new Logger(ConversationProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly pipeline: ProcessingPipeline,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.queue.process(ConversationProcessJob, (p) => this.handle(p), { concurrency: this.config.WORKER_CONCURRENCY });
  }

  async handle({ messageId }: ConversationProcessPayload): Promise<void> {
    const message = await this.db.getRepository(Message).findOneBy({ id: messageId });
    if (!message || message.status !== MessageStatus.Received) return;
    const older: { id: string }[] = await this.db.query(
      `SELECT id FROM messages
        WHERE conversation_id = $1 AND direction = 'incoming' AND status = 'received'
          AND (created_at, id) < ($2, $3)
        ORDER BY created_at, id LIMIT 50`,
      [message.conversationId, message.createdAt, message.id],
    );
    for (const o of older) await this.processWithRetries(o.id);
    await this.processWithRetries(messageId);
  }

  private async processWithRetries(messageId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.processOne(messageId);
      } catch (err) {
        if (!(err instanceof StaleTurnError) || attempt > STALE_RETRIES) throw err;
        this.log.debug(`message ${messageId}: ${err.message}; preparing the turn again`);
      }
    }
  }

  private async processOne(messageId: string): Promise<void> {
    const snapshot = await this.db.getRepository(Message).findOneBy({ id: messageId });
    if (!snapshot || snapshot.status !== MessageStatus.Received) return;
    const [conversationSnapshot, inbox] = await Promise.all([
      this.db.getRepository(Conversation).findOneBy({ id: snapshot.conversationId }),
      this.db.getRepository(Inbox).findOneBy({ id: snapshot.inboxId }),
    ]);
    if (!conversationSnapshot || !inbox) return;
    const now = new Date();
    const botOwned = conversationSnapshot.status === ConversationStatus.Bot;
    const input = { inbox, conversation: conversationSnapshot, message: snapshot, now };
    const prepared = botOwned ? await this.pipeline.prepare(input) : new Map<string, unknown>();
    // A human owns it: the bot does not answer, but the agent sees how the message reads.
    const observed = botOwned || conversationSnapshot.status === ConversationStatus.Resolved ? null : await this.pipeline.observe(input);

    const outcome = await this.db.transaction(async (em) => {
      const message = await em.findOne(Message, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      if (!message || message.status !== MessageStatus.Received) return null;
      const conversation = await em.findOne(Conversation, { where: { id: message.conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) return null;
      const statusBefore = conversation.status;
      if (statusBefore === ConversationStatus.Bot && !botOwned) {
        throw new StaleTurnError(`conversation ${conversation.id} was handed back to the bot meanwhile`);
      }

      const events: EventRecord[] = [];
      const drafts =
        statusBefore === ConversationStatus.Bot
          ? await this.pipeline.run({ em, inbox, conversation, message, now, replies: [], prepared, events })
          : [];
      if (!drafts.length && observed?.nlu && !message.nlu) message.nlu = observed.nlu;

      await em.query(`UPDATE messages SET status = $2, nlu = $3::jsonb, updated_at = now() WHERE id = $1`, [
        message.id,
        MessageStatus.Processed,
        message.nlu ? JSON.stringify(message.nlu) : null,
      ]);
      const replies: Message[] = [];
      for (const d of drafts) {
        replies.push(
          await em.save(
            em.create(Message, {
              conversationId: conversation.id,
              inboxId: inbox.id,
              direction: MessageDirection.Outgoing,
              senderType: SenderType.Bot,
              text: d.text,
              attachments: [],
              metadata: d.metadata ?? {},
              content: d.content ?? null,
              autoReplyKind: d.autoReplyKind ?? null,
              status: MessageStatus.Pending,
              sentAt: now,
            }),
          ),
        );
      }
      if (replies.length) {
        const last = replies[replies.length - 1];
        conversation.messageCount += replies.length;
        conversation.lastMessageAt = last.createdAt;
        conversation.lastMessagePreview = preview(last.text, 0);
      }
      // The fields a stage may change; an UPDATE rather than save(), which would read the row again.
      await em.update(Conversation, { id: conversation.id }, {
        status: conversation.status,
        handoffReason: conversation.handoffReason,
        handoffAt: conversation.handoffAt,
        teamId: conversation.teamId,
        assigneeId: conversation.assigneeId,
        priority: conversation.priority,
        tags: conversation.tags,
        firstHumanReplyAt: conversation.firstHumanReplyAt,
        escalatedAt: conversation.escalatedAt,
        greetedAt: conversation.greetedAt,
        awaySentAt: conversation.awaySentAt,
        messageCount: conversation.messageCount,
        lastMessageAt: conversation.lastMessageAt,
        lastMessagePreview: conversation.lastMessagePreview,
      });
      await appendEvents(
        em,
        { type: 'message.processed', inboxId: inbox.id, conversationId: conversation.id, messageId, data: { status: conversation.status, replies: replies.length } },
        ...replies.map((r) => ({
          type: 'bot.replied',
          inboxId: inbox.id,
          conversationId: conversation.id,
          messageId: r.id,
          data: { autoReplyKind: r.autoReplyKind },
        })),
        // A stage event is caused by this message unless it names another (webhook dedupe keys use it).
        ...events.map((e) => ({ inboxId: inbox.id, conversationId: conversation.id, messageId, ...e })),
        // Outbound webhooks fan out `conversation.status_changed` (and `.resolved`) from this row.
        ...(conversation.status !== statusBefore
          ? [{ type: 'conversation.status_changed', inboxId: inbox.id, conversationId: conversation.id, messageId, data: { from: statusBefore, to: conversation.status } }]
          : []),
      );
      return { conversation, replies, statusChanged: conversation.status !== statusBefore };
    });
    if (!outcome) return;
    for (const r of outcome.replies) {
      this.events.emit(ConversationEvents.MessageCreated, {
        messageId: r.id,
        conversationId: r.conversationId,
        inboxId: r.inboxId,
        direction: 'outgoing',
      } satisfies MessageCreatedPayload);
    }
    this.events.emit(ConversationEvents.MessageUpdated, {
      messageId,
      conversationId: outcome.conversation.id,
      inboxId: outcome.conversation.inboxId,
      direction: 'incoming',
    } satisfies MessageUpdatedPayload);
    if (outcome.replies.length || outcome.statusChanged) {
      this.events.emit(ConversationEvents.ConversationUpdated, {
        conversationId: outcome.conversation.id,
        status: outcome.conversation.status,
      } satisfies ConversationUpdatedPayload);
    }
  }
}
