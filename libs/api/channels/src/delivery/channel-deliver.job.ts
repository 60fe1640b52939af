import { defineJob } from '@kefu/api/platform/queue';

/** Hand one outgoing message to its channel. Enqueued with jobId = message id. */
export interface ChannelDeliverPayload {
  messageId: string;
}

/** Attempts and backoff come from config (WEBHOOK_MAX_ATTEMPTS, WEBHOOK_BACKOFF_MS) at enqueue. */
export const ChannelDeliverJob = defineJob<ChannelDeliverPayload>('channel.deliver');
