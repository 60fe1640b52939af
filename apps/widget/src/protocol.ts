// The wire contract of the `/widget` socket.io namespace and the uploads endpoint (docs/widget.md).
// Reply content types come from @kefu/shared/contracts (type-only imports, erased by esbuild).

export type Locale = 'zh-CN' | 'en' | 'ja';

// Type-only: erased from the bundle, so the widget carries no server code.
import type { MessageContent } from '@kefu/shared/contracts';
export type { MessageContent, OrderSummaryCard, ProductCard, QuickReply, ReplyCard } from '@kefu/shared/contracts';

export interface WidgetAttachment {
  url: string;
  contentType: string;
  name?: string;
}

export type SenderType = 'contact' | 'bot' | 'agent' | 'system';

export interface WidgetMessage {
  id: string;
  clientId: string | null;
  direction: 'incoming' | 'outgoing';
  senderType: SenderType;
  text: string;
  attachments: WidgetAttachment[];
  content: MessageContent | null;
  createdAt: string;
  readAt: string | null;
  /** The reply stream this bot message completes (its first part): it replaces the streamed bubble. */
  streamId?: string;
}

/**
 * `stream`: the next piece of a bot reply while it is written; `seq` counts frames from 1.
 * Then `stream_end` `{ streamId }` (the final `message` with that `streamId` follows) or
 * `stream_reset` `{ streamId }` (withdrawn: the reply comes whole, if at all).
 */
export interface StreamFrame {
  streamId: string;
  conversationId?: string;
  /** The shopper's message being answered. */
  replyTo?: string;
  seq: number;
  delta: string;
}

export interface WidgetSettings {
  title: string;
  color: string;
  locale: 'auto' | Locale;
  /** Largest image the server takes; the client checks it before uploading (optional in the contract). */
  uploadMaxBytes?: number;
}

export interface SessionPayload {
  visitorToken: string;
  verified: boolean;
  conversationId: string | null;
  settings: WidgetSettings;
  messages: WidgetMessage[];
  /** true: `messages` are those after `lastSeenAt` (appended); false: the latest history (replaces). */
  replay?: boolean;
  /** Older history exists (ask with `history`). */
  hasMore?: boolean;
}

export interface Identity {
  userId: string;
  hash: string;
  name?: string;
  email?: string;
}

export interface PageContext {
  productId?: string | null;
  orderId?: string | null;
}

export interface HandshakeAuth {
  inboxId: string;
  visitorToken?: string;
  identity?: Identity;
  lastSeenAt?: string;
  locale?: string;
}

export interface OutgoingMessage {
  clientId: string;
  text: string;
  attachments?: { uploadId: string }[];
  context?: { productId?: string; orderId?: string; pageUrl?: string };
  quickReply?: string;
}

export type MessageAck = { ok: true; message: WidgetMessage } | { ok: false; error: string };
export type HistoryAck =
  { ok: true; messages: WidgetMessage[]; hasMore?: boolean } | { ok: false; error: string };

export interface UploadResult {
  uploadId: string;
  url: string;
  contentType: string;
  size: number;
}

/** Refusals the server sends as `connect_error` messages. */
export const REFUSALS = [
  'unknown_inbox',
  'origin_not_allowed',
  'identity_invalid',
  'identity_required',
  'unavailable',
] as const;
export type Refusal = (typeof REFUSALS)[number];
