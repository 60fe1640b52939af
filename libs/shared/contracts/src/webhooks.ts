import { z } from 'zod';
import type { Page } from './conversation';

/**
 * The events an outbound webhook can subscribe to. Every POST carries `{ id, event, createdAt, data }`,
 * signed like the API channel's callbacks (X-Kefu-Timestamp, X-Kefu-Signature; X-Kefu-Delivery = id).
 */
export const WEBHOOK_EVENTS = [
  'message.created',
  'conversation.handoff',
  'conversation.status_changed',
  'conversation.resolved',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent by "send test event" only; not subscribable. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** Also sent with every webhook POST, so receivers can route without parsing the body first. */
export const EVENT_HEADER = 'x-kefu-event';

const isHttpUrl = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

const webhookUrl = z
  .string()
  .trim()
  .min(1, 'enter the URL Kefu should POST to')
  .max(2048)
  .refine(
    isHttpUrl,
    'must be a full URL starting with http:// or https://, e.g. https://shop.example.com/kefu/events',
  );

const webhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `unknown event; use ${WEBHOOK_EVENTS.join(', ')}` }))
  .min(1, 'choose at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((list) => WEBHOOK_EVENTS.filter((e) => list.includes(e)));

const webhookFields = {
  name: z.string().trim().min(1, 'give the webhook a name').max(120),
  url: webhookUrl,
  events: webhookEvents,
};

export const createWebhookSchema = z
  .object({ ...webhookFields, enabled: z.boolean().default(true) })
  .strict();
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

/** Only the fields given change (no defaults here: `{ name }` must not re-enable a webhook). */
export const updateWebhookSchema = z
  .object({ ...webhookFields, enabled: z.boolean() })
  .partial()
  .strict();
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

export interface WebhookDto {
  id: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  /** The signing secret: only in the answer that created or rotated it. */
  secret?: string;
  /** The secret masked (`••••••••ab12`), in every answer. */
  secretHint: string;
  /** Deliveries waiting or being retried, dead letters, and the last successful delivery. */
  deliveries: { pending: number; dead: number; lastDeliveredAt: string | null };
  createdAt: string;
  updatedAt: string;
}

/** What "send test event" got back from the receiver. */
export interface WebhookTestResultDto {
  ok: boolean;
  /** The receiver's HTTP status; null when it could not be reached or did not answer in time. */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** `webhook`: a webhook delivery that gave up (dead). `message`: an outgoing message its channel could not deliver. */
export const DELIVERY_FAILURE_KINDS = ['webhook', 'message'] as const;
export type DeliveryFailureKind = (typeof DELIVERY_FAILURE_KINDS)[number];

export type DeliveryFailureTarget =
  | { type: 'webhook'; id: string; name: string; url: string }
  | { type: 'inbox'; id: string; name: string; channel: string };

export interface DeliveryFailureDto {
  kind: DeliveryFailureKind;
  id: string;
  target: DeliveryFailureTarget;
  /** The webhook event (`message.created`, …); null for messages. */
  event: string | null;
  conversationId: string | null;
  error: string | null;
  attempts: number;
  /** The receiver's last HTTP status, when it answered. */
  responseStatus: number | null;
  failedAt: string;
  /** The first characters of the message text; only for readers with `conversations.read`. */
  preview?: string | null;
}

export interface DeliveryFailurePageDto extends Page<DeliveryFailureDto> {
  /** Every failure matching the filter, all pages together. */
  total: number;
}

export const listDeliveryFailuresQuerySchema = z.object({
  kind: z.enum(DELIVERY_FAILURE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(300).optional(),
});
export type ListDeliveryFailuresQuery = z.input<typeof listDeliveryFailuresQuerySchema>;

export const deliveryFailureRefSchema = z.object({
  kind: z.enum(DELIVERY_FAILURE_KINDS),
  id: z.string().uuid('not a delivery or message id'),
});
export type DeliveryFailureRef = z.infer<typeof deliveryFailureRefSchema>;

/** Most items one bulk replay takes; the admin sends longer lists in chunks (and shows the progress). */
export const REPLAY_BATCH_MAX = 100;

export const replayDeliveryFailuresSchema = z
  .object({ items: z.array(deliveryFailureRefSchema).min(1, 'list what to replay').max(REPLAY_BATCH_MAX) })
  .strict();
export type ReplayDeliveryFailuresInput = z.infer<typeof replayDeliveryFailuresSchema>;

/**
 * `queued`: back in the queue. `conflict`: nothing to replay (already delivered, already queued, its webhook
 * disabled). `not_found`: no such failure. `unavailable`: the queue could not be reached; nothing changed.
 */
export type ReplayOutcome = 'queued' | 'conflict' | 'not_found' | 'unavailable';

export interface ReplayResultDto extends DeliveryFailureRef {
  outcome: ReplayOutcome;
  message: string;
}

export interface BulkReplayResultDto {
  queued: number;
  results: ReplayResultDto[];
}
