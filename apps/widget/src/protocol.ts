// The wire contract of the `/widget` socket.io namespace and the uploads endpoint (docs/widget.md).
// Kept here as plain types so the bundle carries no server code; mirrors @kefu/shared/contracts.

export type Locale = 'zh-CN' | 'en' | 'ja';

export interface QuickReply {
  label: string;
  payload: string;
}

export interface OrderSummaryCard {
  type: 'order_summary';
  orderNumber: string;
  status: string;
  items: { name: string; quantity: number }[];
  total?: string;
  carrier?: string;
  trackingNumber?: string;
  eta?: string;
  url?: string;
}

export interface ProductCard {
  type: 'product';
  productId: string;
  title: string;
  price?: string;
  imageUrl?: string;
  url?: string;
  attributes?: Record<string, string>;
  availability?: string;
}

export type ReplyCard = OrderSummaryCard | ProductCard;

export interface MessageContent {
  quickReplies?: QuickReply[];
  cards?: ReplyCard[];
}

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
