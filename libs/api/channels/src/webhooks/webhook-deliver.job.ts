import { defineJob } from '@kefu/api/platform/queue';

/**
 * POST one webhook delivery. Enqueued with jobId = delivery id (a replay or a re-enqueue gets a new one);
 * attempts and exponential backoff from WEBHOOK_MAX_ATTEMPTS / WEBHOOK_BACKOFF_MS at enqueue.
 */
export interface WebhookDeliverPayload {
  deliveryId: string;
}

export const WebhookDeliverJob = defineJob<WebhookDeliverPayload>('webhook.deliver');
