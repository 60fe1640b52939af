import type { ConversationDto, MessageDto } from '@kefu/shared/contracts';
import type { Inbox } from '@kefu/api/conversations';

export interface OutboundDelivery {
  inbox: Inbox;
  conversation: ConversationDto;
  message: MessageDto;
}

/** A channel's outbound side. `deliver` throws to have the job retried with backoff. */
export interface ChannelAdapter {
  readonly channel: string;
  /** False when the inbox has nowhere to deliver to; the message is then only stored (`sent`). */
  canDeliver(inbox: Inbox): boolean;
  deliver(d: OutboundDelivery): Promise<void>;
}
