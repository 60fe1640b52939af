import type { CommerceCustomer, CommerceOrder } from '@kefu/api/commerce';

export interface PastTopic {
  conversationId: string;
  intent: string;
  outcome: string;
  orderNumber: string | null;
  at: Date;
}

/** What the bot (and later the agent) knows about a shopper. */
export interface ContactProfile {
  contactId: string;
  customer: CommerceCustomer | null;
  /** Newest first, at most 5 (empty for anonymous shoppers or when the order system is down). */
  recentOrders: CommerceOrder[];
  /** The topics of this and earlier conversations, newest first, at most 50. */
  pastTopics: PastTopic[];
  conversations: number;
  tags: ProfileTag[];
}

export type ProfileTag = 'price_sensitive' | 'frequent_returner' | 'vip' | 'repeat_complainer' | 'needs_human' | 'new_customer';

const PRICE = new Set(['promotion_rules', 'coupon_issue', 'price_protection']);
const RETURNS = new Set(['return_item', 'exchange_item', 'get_refund', 'track_refund']);

/** Tags derived from the history: a shopper who asks about discounts twice is price-sensitive, and so on. */
export function profileTags(topics: PastTopic[], customer: CommerceCustomer | null, orders: CommerceOrder[]): ProfileTag[] {
  const count = (pred: (t: PastTopic) => boolean) => new Set(topics.filter(pred).map((t) => `${t.conversationId}:${t.intent}`)).size;
  const tags: ProfileTag[] = [];
  if (count((t) => PRICE.has(t.intent)) >= 2) tags.push('price_sensitive');
  if (count((t) => RETURNS.has(t.intent)) >= 2 || orders.filter((o) => o.status === 'returned').length >= 2) tags.push('frequent_returner');
  if (customer && (customer.tier === 'vip' || customer.tier === 'gold')) tags.push('vip');
  if (count((t) => t.intent === 'complaint' || t.intent === 'product_quality') >= 2) tags.push('repeat_complainer');
  if (topics.filter((t) => t.outcome === 'handoff').length >= 2) tags.push('needs_human');
  if (customer && orders.length <= 1) tags.push('new_customer');
  return tags;
}
