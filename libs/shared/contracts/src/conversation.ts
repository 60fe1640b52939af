import { z } from 'zod';
import { ConversationStatus, MessageDirection, MessageStatus, SenderType } from './enums';
import type { Attachment, MessageMetadata } from './inbound-message';
import type { NluResult } from './nlu';

/** A quick reply button: the label shown and what the channel sends back when tapped. */
export interface QuickReply {
  label: string;
  /** What the channel sends back when the shopper taps it (an intent name, a slot value, `confirm:yes`). */
  payload: string;
}

export interface OrderSummaryCard {
  type: 'order_summary';
  orderNumber: string;
  /** Already localised, e.g. 已发货 / Shipped / 発送済み. */
  status: string;
  items: { name: string; quantity: number }[];
  /** Already formatted in the shopper's locale and currency. */
  total?: string;
  carrier?: string;
  trackingNumber?: string;
  /** Already formatted date. */
  eta?: string;
  url?: string;
}

export interface ProductCard {
  type: 'product';
  productId: string;
  title: string;
  /** Already formatted price. */
  price?: string;
  imageUrl?: string;
  url?: string;
  /** e.g. { 颜色: '黑色', 尺码: 'M' }. */
  attributes?: Record<string, string>;
  /** e.g. 有货 / In stock. */
  availability?: string;
}

export type ReplyCard = OrderSummaryCard | ProductCard;

/** A bot reply's structure beyond its text; channels that cannot render it flatten it to text. */
export interface MessageContent {
  quickReplies?: QuickReply[];
  cards?: ReplyCard[];
}


export interface ContactDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The shopper's id in the channel that opened this conversation (e.g. the app's user id). */
  externalId: string | null;
  createdAt: string;
}

export interface ConversationDto {
  id: string;
  inboxId: string;
  inboxName: string;
  /** The inbox's channel: api, widget, wechat or email. */
  channel: string;
  status: ConversationStatus;
  /** Why the bot handed over to a human, while `pending_human` or `human`. */
  handoffReason: string | null;
  /** The team a hand-off was routed to, and the human who owns (or will own) it. */
  teamId: string | null;
  assigneeId: string | null;
  /** Queue priority: low, normal, high, urgent. */
  priority: 'low' | 'normal' | 'high' | 'urgent';
  tags: string[];
  contact: ContactDto;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  messageCount: number;
  createdAt: string;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  senderType: SenderType;
  text: string;
  attachments: Attachment[];
  metadata: MessageMetadata;
  /** Quick replies and cards of a bot reply. */
  content: MessageContent | null;
  /** The language engine's reading of an incoming message the bot processed. */
  nlu: NluResult | null;
  status: MessageStatus;
  deliveryAttempts: number;
  deliveryError: string | null;
  /** When the shopper's client showed it (widget read receipts). */
  readAt: string | null;
  externalMessageId: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null at the end. */
  nextCursor: string | null;
}

export const listConversationsQuerySchema = z.object({
  status: z.nativeEnum(ConversationStatus).optional(),
  inboxId: z.string().uuid().optional(),
  /** One shopper's conversations on every channel (identities linked by verified keys). */
  contactId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;

/** Socket.io events the admin receives on the `/admin` namespace. */
export const RealtimeEvent = {
  MessageCreated: 'message.created',
  MessageUpdated: 'message.updated',
  ConversationUpdated: 'conversation.updated',
} as const;

export interface MessageCreatedEvent {
  conversationId: string;
  message: MessageDto;
}
export interface ConversationUpdatedEvent {
  conversation: ConversationDto;
}

/** GET /api/v1/contacts/:id/profile: what the bot knows about a shopper, shown to agents. */
export interface ContactProfileDto {
  contactId: string;
  customer: { externalId: string; name: string; tier: string; lifetimeValue: number; currency: string; phone: string | null; email: string | null } | null;
  recentOrders: {
    number: string;
    status: string;
    total: number;
    currency: string;
    placedAt: string;
    items: { name: string; quantity: number }[];
    shipmentStatus: string | null;
  }[];
  pastTopics: { conversationId: string; intent: string; outcome: string; orderNumber: string | null; at: string }[];
  conversations: number;
  /** e.g. price_sensitive, frequent_returner, vip. */
  tags: string[];
}
