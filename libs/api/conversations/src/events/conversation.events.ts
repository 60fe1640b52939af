/** Domain events, emitted in-process after the transaction that caused them has committed. */
export const ConversationEvents = {
  MessageCreated: 'conversations.message.created',
  MessageUpdated: 'conversations.message.updated',
  ConversationUpdated: 'conversations.conversation.updated',
} as const;

export interface MessageCreatedPayload {
  messageId: string;
  conversationId: string;
  inboxId: string;
  direction: 'incoming' | 'outgoing';
}

export interface MessageUpdatedPayload {
  messageId: string;
  conversationId: string;
  /** When the emitter knows them: listeners skip messages that are not theirs without a query. */
  inboxId?: string;
  direction?: 'incoming' | 'outgoing';
}

export interface ConversationUpdatedPayload {
  conversationId: string;
  /** The conversation's status after the change, when the emitter knows it: listeners skip without a query. */
  status?: string;
}
