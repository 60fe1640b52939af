import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MessageDirection, MessageStatus } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { JobContext, QueueService } from '@kefu/api/platform/queue';
import {
  ConversationEvents,
  ConversationsService,
  DeliveryRecorder,
  InboxesService,
  MessageCreatedPayload,
  toMessageDto,
} from '@kefu/api/conversations';
import { ApiWebhookAdapter } from '../api/api-webhook.adapter';
import { ChannelAdapter } from './channel-adapter';
import { ChannelDeliverJob, ChannelDeliverPayload } from './channel-deliver.job';

/**
 * DESIGN.md step 5. Every outgoing message is handed to its channel by a `channel.deliver` job
 * (job id = message id) with retries and exponential backoff; the outcome is recorded on the
 * message. Outgoing rows still `pending` are the outbox: a sweeper re-enqueues them.
 */
@Injectable()
export class DeliveryService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(DeliveryService.name);
  private readonly adapters = new Map<string, ChannelAdapter>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: QueueService,
    private readonly conversations: ConversationsService,
    private readonly inboxes: InboxesService,
    private readonly recorder: DeliveryRecorder,
    apiWebhook: ApiWebhookAdapter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.register(apiWebhook);
  }

  register(adapter: ChannelAdapter) {
    this.adapters.set(adapter.channel, adapter);
  }

  onModuleInit() {
    this.queue.process(ChannelDeliverJob, (p, ctx) => this.deliver(p, ctx), { concurrency: this.config.WORKER_CONCURRENCY });
  }

  onApplicationBootstrap() {
    if (!this.config.runsWorker) return;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.sweep()
        .catch((e) => this.log.warn(`delivery sweep failed: ${(e as Error).message}`))
        .finally(() => (busy = false));
    }, this.config.SWEEPER_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  @OnEvent(ConversationEvents.MessageCreated, { async: true, promisify: true, suppressErrors: true })
  async onMessageCreated(e: MessageCreatedPayload) {
    if (e.direction === MessageDirection.Outgoing) await this.enqueue(e.messageId);
  }

  async enqueue(messageId: string, jobId = messageId): Promise<boolean> {
    try {
      await this.queue.add(
        ChannelDeliverJob,
        { messageId },
        { jobId, attempts: this.config.WEBHOOK_MAX_ATTEMPTS, backoff: { type: 'exponential', delay: this.config.WEBHOOK_BACKOFF_MS } },
      );
      return true;
    } catch (err) {
      this.log.warn(`message ${messageId} not enqueued for delivery (${(err as Error).message}); the sweeper will retry`);
      return false;
    }
  }

  /** Re-enqueues outgoing messages stranded in `pending`. */
  async sweep(): Promise<number> {
    const ids = await this.conversations.pendingOutgoing(Math.max(this.config.SWEEPER_STALE_MS, 1000), 500);
    let n = 0;
    for (const id of ids) if (await this.enqueue(id)) n++;
    return n;
  }

  async deliver({ messageId }: ChannelDeliverPayload, ctx: JobContext): Promise<void> {
    const message = await this.conversations.message(messageId);
    if (!message || message.status !== MessageStatus.Pending) return;
    const inbox = await this.inboxes.get(message.inboxId);
    const adapter = this.adapters.get(inbox.channel);
    if (!adapter || !adapter.canDeliver(inbox)) {
      await this.recorder.record(messageId, { status: MessageStatus.Sent, attempts: 0 });
      return;
    }
    const attempts = message.deliveryAttempts + 1;
    try {
      const conversation = await this.conversations.get(message.conversationId);
      await adapter.deliver({ inbox, conversation, message: toMessageDto(message) });
      await this.recorder.record(messageId, { status: MessageStatus.Delivered, attempts });
    } catch (err) {
      const error = (err as Error).message;
      await this.recorder.record(messageId, { status: ctx.isLastAttempt ? MessageStatus.Failed : MessageStatus.Pending, attempts, error });
      if (!ctx.isLastAttempt) throw err;
      this.log.warn(`message ${messageId} not delivered after ${attempts} tries: ${error}`);
    }
  }
}
