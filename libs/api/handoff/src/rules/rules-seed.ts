import type { EntityManager } from 'typeorm';
import { RuleInput, ruleInputSchema } from '@kefu/shared/contracts';
import { EscalationRule, EscalationRuleVersion } from '../entities';

export interface SeedTeams {
  general: string;
  senior: string;
  vip: string;
  returns: string;
}

/** The rules a new install starts with: readable, each with what it does and why. */
export function defaultRules(teams: SeedTeams): RuleInput[] {
  const rules: unknown[] = [
    {
      name: 'Angry VIP shoppers go first to the VIP team',
      description:
        'A VIP or gold shopper who writes angrily or in frustration (score 0.8 or more) about a problem goes straight to the VIP team, first in the queue. Plain questions the bot answers well (where is my order, stock, sizes, prices, promotions) are answered first, however impatiently asked. Later message rules are not evaluated.',
      event: 'message_understood',
      match: 'all',
      conditions: [
        { field: 'customer_tier', op: 'in', value: ['vip', 'gold'] },
        { field: 'emotion', op: 'in', value: ['angry', 'frustrated'] },
        { field: 'emotion_score', op: 'gte', value: 0.8 },
        {
          field: 'intent',
          op: 'not_in',
          value: ['track_order', 'delivery_period', 'delivery_options', 'stock_query', 'product_info', 'size_advice', 'promotion_rules', 'greeting', 'thanks_goodbye'],
        },
      ],
      actions: [
        { type: 'handoff', teamId: teams.vip, priority: 'urgent', reason: 'negative_emotion' },
        { type: 'tag', tags: ['vip', 'angry'] },
      ],
      stopProcessing: true,
    },
    {
      name: 'Very angry shoppers reach a human',
      description:
        'Any shopper whose message reads as angry with a score of 0.85 or more goes to the senior team with high priority.',
      event: 'message_understood',
      match: 'all',
      conditions: [
        { field: 'emotion', op: 'in', value: ['angry'] },
        { field: 'emotion_score', op: 'gte', value: 0.85 },
      ],
      actions: [
        { type: 'handoff', teamId: teams.senior, priority: 'high', reason: 'negative_emotion' },
        { type: 'tag', tags: ['angry'] },
      ],
    },
    {
      name: 'Refund and return disputes over ¥2000 go to Returns',
      description:
        'When the bot is about to refuse a refund or return (or cannot find the order) and the order is worth 2000 or more, the returns team decides instead of the bot.',
      event: 'before_reply',
      match: 'all',
      conditions: [
        { field: 'intent', op: 'in', value: ['get_refund', 'return_item', 'complaint'] },
        { field: 'order_value', op: 'gte', value: 2000 },
        { field: 'outcome', op: 'in', value: ['refused', 'not_found'] },
      ],
      actions: [
        { type: 'handoff', teamId: teams.returns, priority: 'high', reason: 'policy' },
        { type: 'tag', tags: ['refund_dispute'] },
      ],
    },
    {
      name: 'Nothing in the knowledge base: tag missing_knowledge',
      description:
        'The bot did not understand twice in a row and the knowledge base has nothing close (score below 0.3): the conversation is tagged missing_knowledge so the gap shows in reports. It does not hand off by itself: the built-in fallback (confirm, then ask to rephrase, then hand off) still runs.',
      event: 'before_reply',
      match: 'all',
      conditions: [
        { field: 'outcome', op: 'in', value: ['misunderstood'] },
        { field: 'retrieval_score', op: 'lt', value: 0.3 },
        { field: 'misunderstandings', op: 'gte', value: 2 },
      ],
      actions: [{ type: 'tag', tags: ['missing_knowledge'] }],
    },
    {
      name: 'VIP hand-offs go to the VIP team',
      description:
        'Whatever sent a VIP or gold shopper to a human, the VIP team takes it with high priority. At the hand-off event a hand-off action only routes (team and priority): the reason of the hand-off under way is kept.',
      event: 'handoff',
      match: 'all',
      conditions: [{ field: 'customer_tier', op: 'in', value: ['vip', 'gold'] }],
      actions: [{ type: 'handoff', teamId: teams.vip, priority: 'high', reason: 'vip' }],
    },
    {
      name: 'Outside business hours: tag after_hours',
      description:
        'A hand-off while the team is closed is tagged after_hours, so the morning shift finds it and the shopper gets the after-hours message.',
      event: 'handoff',
      match: 'all',
      conditions: [{ field: 'business_hours', op: 'is', value: 'closed' }],
      actions: [{ type: 'tag', tags: ['after_hours'] }],
    },
  ];
  return rules.map((r) => ruleInputSchema.parse(r));
}

/**
 * Creates the default rules (version 1, each with its first history row) unless there are rules
 * already. Runs in the caller's transaction; seeding happens once per install (handoff_settings.seeded_at).
 */
export async function seedDefaultRules(em: EntityManager, teams: SeedTeams): Promise<void> {
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM escalation_rules`);
  if (Number(n) > 0) return;
  const repo = em.getRepository(EscalationRule);
  let position = 0;
  for (const input of defaultRules(teams)) {
    const rule = await repo.save(
      em.create(EscalationRule, { ...input, position: ++position, version: 1, updatedBy: null }),
    );
    await em
      .getRepository(EscalationRuleVersion)
      .insert({ ruleId: rule.id, version: 1, change: 'created', rule: input, actorId: null });
  }
}
