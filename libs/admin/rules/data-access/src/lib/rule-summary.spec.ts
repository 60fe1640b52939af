import type { RuleInput } from '@kefu/shared/contracts';
import { describeRule, type Translate } from './rule-summary';

/** A translator that shows the key and its parameters, with a few English words for readability. */
const words: Record<string, string> = {
  'rules.summary.when': 'When {{conditions}}',
  'rules.summary.always': 'Always',
  'rules.summary.andJoin': ' and ',
  'rules.summary.orJoin': ' or ',
  'rules.summary.or': ' or ',
  'rules.summary.cond.in': '{{field}} is {{values}}',
  'rules.summary.cond.gte': '{{field}} ≥ {{value}}',
  'rules.summary.cond.below_threshold': '{{field}} is below its threshold',
  'rules.summary.cond.is': '{{field}}: {{value}}',
  'rules.summary.action.handoff': 'hand off to {{team}} ({{priority}}, {{reason}})',
  'rules.summary.action.tag': 'tag {{tags}}',
  'rules.summary.defaultTeam': 'the default team',
  'rules.fields.intent': 'intent',
  'rules.fields.order_value': 'order value',
  'rules.fields.confidence': 'confidence',
  'rules.fields.emotion': 'emotion',
  'rules.fields.business_hours': 'business hours',
  'rules.values.emotion.angry': 'angry',
  'rules.values.emotion.frustrated': 'frustrated',
  'rules.values.state.closed': 'closed',
  'rules.priorities.high': 'high',
  'rules.reasons.policy': 'policy',
};
const t: Translate = (key, params = {}) =>
  (words[key] ?? key).replace(/{{\s*(\w+)\s*}}/g, (_, p: string) => String(params[p] ?? ''));

const base: Pick<RuleInput, 'match' | 'conditions' | 'actions'> = {
  match: 'all',
  conditions: [
    { field: 'intent', op: 'in', value: ['get_refund'] },
    { field: 'order_value', op: 'gte', value: 2000 },
  ],
  actions: [{ type: 'handoff', teamId: 't1', priority: 'high', reason: 'policy' }],
};

describe('a rule in one line', () => {
  it('reads conditions and actions as a sentence, with the team by name', () => {
    expect(describeRule(t, base, (id) => (id === 't1' ? 'Returns' : null))).toBe(
      'When intent is get_refund and order value ≥ 2000 → hand off to Returns (high, policy)',
    );
  });

  it('joins with “or” for match any, translates fixed values, and names the default team', () => {
    const rule: typeof base = {
      match: 'any',
      conditions: [
        { field: 'emotion', op: 'in', value: ['angry', 'frustrated'] },
        { field: 'confidence', op: 'below_threshold' },
        { field: 'business_hours', op: 'is', value: 'closed' },
      ],
      actions: [
        { type: 'handoff', teamId: null, priority: 'high', reason: 'policy' },
        { type: 'tag', tags: ['vip', 'refund'] },
      ],
    };
    expect(describeRule(t, rule, () => null)).toBe(
      'When emotion is angry or frustrated or confidence is below its threshold or business hours: closed → hand off to the default team (high, policy); tag vip, refund',
    );
  });

  it('says “always” for a rule without conditions', () => {
    expect(describeRule(t, { ...base, conditions: [] }, () => 'Returns')).toMatch(/^Always → /);
  });
});
