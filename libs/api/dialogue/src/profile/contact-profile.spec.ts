import type { CommerceCustomer } from '@kefu/api/commerce';
import { PastTopic, profileTags } from './contact-profile';

const topic = (intent: string, conversationId = 'c1', outcome = 'answered'): PastTopic => ({
  conversationId,
  intent,
  outcome,
  orderNumber: null,
  at: new Date('2026-11-20T10:00:00Z'),
});
const customer = (tier: CommerceCustomer['tier']): CommerceCustomer => ({
  externalId: 'C1',
  name: 'Li',
  phone: null,
  email: null,
  tier,
  lifetimeValue: 0,
  currency: 'CNY',
});

describe('profile tags', () => {
  it('calls a shopper who asks about discounts in two conversations price-sensitive', () => {
    expect(profileTags([topic('promotion_rules', 'a'), topic('coupon_issue', 'b')], null, [])).toContain('price_sensitive');
    expect(profileTags([topic('promotion_rules', 'a')], null, [])).not.toContain('price_sensitive');
  });

  it('counts the same topic repeated in one conversation once', () => {
    expect(profileTags([topic('return_item', 'a'), topic('return_item', 'a')], null, [])).not.toContain('frequent_returner');
    expect(profileTags([topic('return_item', 'a'), topic('exchange_item', 'b')], null, [])).toContain('frequent_returner');
  });

  it('marks gold and VIP customers, repeated hand-offs and complaints', () => {
    expect(profileTags([], customer('vip'), [])).toEqual(expect.arrayContaining(['vip', 'new_customer']));
    expect(profileTags([], customer('regular'), [])).not.toContain('vip');
    const topics = [topic('complaint', 'a', 'handoff'), topic('product_quality', 'b', 'handoff')];
    expect(profileTags(topics, null, [])).toEqual(expect.arrayContaining(['repeat_complainer', 'needs_human']));
  });
});
