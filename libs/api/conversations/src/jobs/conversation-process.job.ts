import { defineJob } from '@kefu/api/platform/queue';

/** Run the bot over one incoming message. Enqueued with jobId = message id. */
export interface ConversationProcessPayload {
  messageId: string;
}

export const ConversationProcessJob = defineJob<ConversationProcessPayload>('conversation.process', {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
});
