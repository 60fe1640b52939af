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
import { appendEvents } from './events-log';
import { ConversationEvents, MessageCreatedPayload } from './events/conversation.events';
import { preview } from './ingest.service';
import { ConversationProcessJob, ConversationProcessPayload } from './jobs/conversation-process.job';
import { ProcessingPipeline } from './processing-pipeline';

/**
 * DESIGN.md step 4. Reloads the message under a lock and stops quietly when it was already
 * processed (a retried or swept job). A conversation owned by a human gets no bot reply.
 * The replies and the new state are written in one transaction; events fire after commit.
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
    const outcome = await this.db.transaction(async (em) => {
      const message = await em.findOne(Message, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      if (!message || message.status !== MessageStatus.Received) return null;
      const conversation = await em.findOne(Conversation, { where: { id: message.conversationId }, lock: { mode: 'pessimistic_write' } });
      const inbox = await em.findOneBy(Inbox, { id: message.inboxId });
      if (!conversation || !inbox) return null;

      const now = new Date();
      const drafts =
        conversation.status === ConversationStatus.Bot
          ? await this.pipeline.run({ em, inbox, conversation, message, now, replies: [] })
          : [];

      await em.update(Message, { id: message.id }, { status: MessageStatus.Processed });
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
      await em.save(conversation);
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
      );
      return { conversation, replies };
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
    this.events.emit(ConversationEvents.MessageUpdated, { messageId, conversationId: outcome.conversation.id });
    if (outcome.replies.length) this.events.emit(ConversationEvents.ConversationUpdated, { conversationId: outcome.conversation.id });
  }
}
