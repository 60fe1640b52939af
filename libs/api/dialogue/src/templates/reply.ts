/**
 * The bot's structured reply: text, optional quick replies and cards. Channels that render cards
 * (web widget, app) use them; for the others (WeChat, e-mail) the channels library flattens them
 * (`renderForChannel` in libs/api/channels, per the channel capability table).
 */

import type { OrderSummaryCard, ProductCard, QuickReply, ReplyCard } from '@kefu/shared/contracts';

export type { OrderSummaryCard, ProductCard, QuickReply, ReplyCard };

export interface Reply {
  text: string;
  quickReplies?: QuickReply[];
  cards?: ReplyCard[];
}
