import { z } from 'zod';
import { ConversationStatus, MessageDirection, MessageStatus, SenderType } from './enums';
import type { Attachment, MessageMetadata } from './inbound-message';

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
  status: ConversationStatus;
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
  status: MessageStatus;
  deliveryAttempts: number;
  deliveryError: string | null;
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
