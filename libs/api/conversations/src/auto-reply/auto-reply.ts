import { AutoReplyKind } from '@kefu/shared/contracts';
import type { Conversation } from '../entities/conversation.entity';
import type { Inbox } from '../entities/inbox.entity';
import { isOpen } from './business-hours';

export interface AutoReplyDraft {
  kind: AutoReplyKind;
  text: string;
}

/** The away message goes out at most once in this window per conversation. */
export const AWAY_REPEAT_MS = 6 * 60 * 60 * 1000;

/**
 * The inbox's own auto-replies for an incoming message: the greeting on a conversation's first
 * message, and the away message when it arrives outside business hours.
 */
export function autoReplies(inbox: Inbox, conversation: Conversation, now: Date): AutoReplyDraft[] {
  const drafts: AutoReplyDraft[] = [];
  if (inbox.greetingEnabled && inbox.greetingMessage.trim() && !conversation.greetedAt) {
    drafts.push({ kind: AutoReplyKind.Greeting, text: inbox.greetingMessage.trim() });
  }
  const awayRecently = conversation.awaySentAt && now.getTime() - conversation.awaySentAt.getTime() < AWAY_REPEAT_MS;
  if (inbox.awayEnabled && inbox.awayMessage.trim() && !awayRecently && !isOpen(inbox.businessHours, now)) {
    drafts.push({ kind: AutoReplyKind.Away, text: inbox.awayMessage.trim() });
  }
  return drafts;
}
