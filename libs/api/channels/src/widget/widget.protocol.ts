import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ChannelType, type Attachment, type MessageContent } from '@kefu/shared/contracts';
import { CHANNEL_CAPABILITIES, renderForChannel } from '../delivery/capabilities';

/** The socket.io protocol of the chat widget (docs/widget.md). */
export const WIDGET_NAMESPACE = '/widget';
export const MAX_TEXT = 5_000;
export const HISTORY_LIMIT = 50;
export const REPLAY_LIMIT = 200;

export const WidgetRefusal = {
  UnknownInbox: 'unknown_inbox',
  OriginNotAllowed: 'origin_not_allowed',
  IdentityInvalid: 'identity_invalid',
  IdentityRequired: 'identity_required',
  Unavailable: 'unavailable',
} as const;

const isoTime = z.string().datetime({ offset: true }).max(40);

export const handshakeSchema = z.object({
  inboxId: z.string().uuid(),
  visitorToken: z.string().max(600).nullish().catch(null),
  identity: z
    .object({
      userId: z.string().trim().min(1).max(200),
      hash: z.string().max(128),
      // Profile data: a bad value is dropped, it does not refuse the shopper.
      name: z.string().trim().max(200).nullish().catch(null),
      email: z.string().trim().email().max(320).nullish().catch(null),
      /** hex HMAC-SHA256(inbox secret, lower-cased email): makes the e-mail a verified key too. */
      emailHash: z.string().max(128).optional().nullable(),
    })
    .optional()
    .nullable(),
  lastSeenAt: z.string().max(40).nullish().catch(null),
  locale: z.string().max(35).nullish().catch(null),
});
export type WidgetHandshake = z.infer<typeof handshakeSchema>;

const optionalId = z.string().trim().max(200).optional().nullable();

export const incomingMessageSchema = z
  .object({
    clientId: z.string().trim().min(1, 'clientId is required (a unique id per message, reused on resend)').max(100),
    text: z.string().max(MAX_TEXT, `text is longer than ${MAX_TEXT} characters`).default(''),
    attachments: z
      .array(z.object({ uploadId: z.string().uuid('uploadId must be the id the upload endpoint answered') }))
      .max(10, 'at most 10 attachments per message')
      .default([]),
    context: z
      .object({ productId: optionalId, orderId: optionalId, pageUrl: z.string().trim().max(2048).optional().nullable() })
      .optional()
      .nullable(),
    quickReply: z.string().max(200).optional().nullable(),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, { message: 'a message needs text or an attachment', path: ['text'] });

export const readSchema = z.object({ upTo: z.string().min(1).max(80) });
export const typingSchema = z.object({ typing: z.boolean() });
export const historySchema = z.object({
  before: isoTime.optional().nullable(),
  /** The oldest message id the page shows: exact paging (preferred over `before`). */
  beforeId: z.string().uuid().optional().nullable(),
  limit: z.number().int().min(1).max(HISTORY_LIMIT).default(HISTORY_LIMIT),
});

/** The first problem of a payload, as a sentence a widget developer can act on. */
export function payloadError(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.join('.');
  return issue.code === 'invalid_type' && /received undefined/.test(issue.message) && path
    ? `${path} is required`
    : `${path ? `${path}: ` : ''}${issue.message}`;
}

export interface WidgetMessage {
  id: string;
  clientId: string | null;
  direction: 'incoming' | 'outgoing';
  senderType: 'contact' | 'bot' | 'agent' | 'system';
  text: string;
  attachments: { url: string; contentType: string; name?: string }[];
  content: MessageContent | null;
  createdAt: string;
  readAt: string | null;
  /**
   * The reply stream this message completes (first part only): the widget replaces the bubble it
   * streamed with this message instead of showing the reply twice. Absent on other messages.
   */
  streamId?: string;
}

/** The fields of a stored message (entity or DTO) the widget shows. */
export interface MessageLike {
  id: string;
  direction: string;
  senderType: string;
  externalMessageId: string | null;
  text: string;
  attachments: Attachment[] | null;
  content: MessageContent | null;
  createdAt: Date | string;
  readAt?: Date | string | null;
  /** Only `streamId` is read (the reply stream a bot reply completes). */
  metadata?: Readonly<Record<string, unknown>> | null;
}

const streamIdOf = (m: MessageLike): string | null => {
  const id = m.metadata?.streamId;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
};

const iso = (d: Date | string | null | undefined) => (d == null ? null : typeof d === 'string' ? d : d.toISOString());

/**
 * A stored message as the widget shows it: outgoing replies through `renderForChannel` with the
 * widget's capabilities (quick replies and cards kept; a text over 5,000 characters becomes several
 * messages `<id>`, `<id>#2`, …, the structure on the last; the first carries the `streamId` of the
 * reply stream it completes). Text stays plain text.
 */
export function toWidgetMessages(m: MessageLike): WidgetMessage[] {
  const base = {
    clientId: m.direction === 'incoming' ? clientIdOf(m.externalMessageId) : null,
    direction: m.direction as WidgetMessage['direction'],
    senderType: m.senderType as WidgetMessage['senderType'],
    createdAt: iso(m.createdAt) as string,
    readAt: iso(m.readAt),
  };
  const attachments = (m.attachments ?? []).map((a) => ({ url: a.url, contentType: a.contentType, ...(a.name ? { name: a.name } : {}) }));
  if (m.direction === 'incoming') return [{ id: m.id, ...base, text: m.text, attachments, content: null }];
  const rendered = renderForChannel({ text: m.text, content: m.content }, CHANNEL_CAPABILITIES[ChannelType.Widget]);
  const texts = rendered.texts.length ? rendered.texts : [''];
  const streamId = streamIdOf(m);
  return texts.map((text, i) => ({
    id: i === 0 ? m.id : `${m.id}#${i + 1}`,
    ...base,
    text,
    attachments: i === texts.length - 1 ? attachments : [],
    content: i === texts.length - 1 ? rendered.content : null,
    ...(i === 0 && streamId ? { streamId } : {}),
  }));
}

/** `<uuid>` or `<uuid>#n` (a split reply's later part): the stored message id. */
export const storedMessageId = (id: string) => id.split('#')[0];

/**
 * The external message id of a widget message: the client's id scoped to the shopper's identity, so
 * a resend is stored once and two shoppers whose widgets pick the same client id never collide.
 */
export function externalMessageIdFor(externalUserId: string, clientId: string): string {
  return `${createHash('sha256').update(externalUserId).digest('base64url').slice(0, 16)}:${clientId}`;
}

export const clientIdOf = (externalMessageId: string | null): string | null =>
  externalMessageId == null ? null : externalMessageId.slice(externalMessageId.indexOf(':') + 1);
