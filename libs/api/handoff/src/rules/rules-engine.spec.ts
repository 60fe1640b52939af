import type { RuleAction, RuleCondition, RuleFacts } from '@kefu/shared/contracts';
import { EscalationRuleLike, evaluateRules } from './rules-engine';

const facts: RuleFacts = {
  event: 'message_understood',
  text: 'where is my parcel',
  language: 'en',
  intent: 'track_order',
  confidence: 0.6,
  threshold: 0.85,
  margin: 0.3,
  emotion: 'angry',
  emotionScore: 0.9,
  misunderstandings: 0,
  customerTier: 'vip',
  orderValue: 100,
  region: 'US',
  channel: 'widget',
  businessHoursOpen: true,
  retrievalScore: null,
  outcome: null,
  handoffReason: null,
  idleMinutes: null,
};

const angry: RuleCondition = { field: 'emotion', op: 'in', value: ['angry'] };
const calm: RuleCondition = { field: 'emotion', op: 'in', value: ['happy'] };
const vip: RuleCondition = { field: 'customer_tier', op: 'in', value: ['vip'] };
const handoff = (
  reason: 'vip' | 'negative_emotion' | 'policy',
  priority: 'normal' | 'high' | 'urgent' = 'high',
  teamId: string | null = null,
): RuleAction => ({
  type: 'handoff',
  reason,
  priority,
  teamId,
});

let n = 0;
const rule = (over: Partial<EscalationRuleLike>): EscalationRuleLike => ({
  id: `r${++n}`,
  name: `rule ${n}`,
  position: n,
  enabled: true,
  event: 'message_understood',
  match: 'all',
  conditions: [],
  actions: [{ type: 'tag', tags: ['t'] }],
  stopProcessing: false,
  ...over,
});

describe('rules engine', () => {
  it('evaluates rules in position order, and the first hand-off wins', () => {
    const second = rule({
      id: 'second',
      position: 2,
      conditions: [angry],
      actions: [handoff('negative_emotion', 'high', 'team-senior')],
    });
    const first = rule({
      id: 'first',
      position: 1,
      conditions: [vip, angry],
      actions: [handoff('vip', 'normal', 'team-vip')],
    });
    const { decision, traces } = evaluateRules([second, first], facts);
    expect(traces.map((t) => t.ruleId)).toEqual(['first', 'second']);
    expect(decision.handoff).toEqual({
      teamId: 'team-vip',
      priority: 'normal',
      reason: 'vip',
      ruleId: 'first',
      safety: null,
    });
    expect(decision.fired).toEqual(['first', 'second']);
    expect(traces[1]).toMatchObject({
      matched: true,
      notes: ['hand-off ignored: an earlier rule already hands off (reason vip)'],
    });
  });

  it('needs every condition with match all, one with match any, none when there are no conditions', () => {
    const all = rule({ id: 'all', conditions: [angry, calm] });
    const any = rule({ id: 'any', match: 'any', conditions: [angry, calm] });
    const always = rule({ id: 'always', conditions: [] });
    const { decision, traces } = evaluateRules([all, any, always], facts);
    expect(traces.map((t) => t.matched)).toEqual([false, true, true]);
    expect(traces[0].conditions.map((c) => c.passed)).toEqual([true, false]);
    expect(decision.fired).toEqual(['any', 'always']);
  });

  it('skips later rules of the event once a matched rule stops processing, and says why each was skipped', () => {
    const stop = rule({
      id: 'stop',
      conditions: [angry],
      stopProcessing: true,
      actions: [handoff('negative_emotion')],
    });
    const later = rule({ id: 'later', actions: [{ type: 'tag', tags: ['later'] }] });
    const off = rule({ id: 'off', enabled: false });
    const other = rule({ id: 'other', event: 'before_reply' });
    const { decision, traces } = evaluateRules([stop, later, off, other], facts);
    expect(traces.map((t) => [t.ruleId, t.skipped])).toEqual([
      ['stop', null],
      ['later', 'stopped'],
      ['off', 'disabled'],
      ['other', 'other_event'],
    ]);
    expect(decision.tags).toEqual([]);
    expect(decision.fired).toEqual(['stop']);
  });

  it('does not stop later rules when the stopping rule did not match', () => {
    const stop = rule({ id: 'stop', conditions: [calm], stopProcessing: true });
    const later = rule({ id: 'later' });
    expect(evaluateRules([stop, later], facts).decision.fired).toEqual(['later']);
  });

  it('unites tags, keeps templates in order, takes the highest priority and collects notifications', () => {
    const a = rule({
      actions: [
        { type: 'tag', tags: ['vip', 'angry'] },
        { type: 'send_template', templateKey: 'apology' },
        { type: 'set_priority', priority: 'high' },
        { type: 'notify', target: 'team_lead', teamId: 'team-vip', userId: null, message: 'angry VIP' },
      ],
    });
    const b = rule({
      actions: [
        { type: 'tag', tags: ['angry', 'late'] },
        { type: 'send_template', templateKey: 'handoff_wait' },
        { type: 'send_template', templateKey: 'apology' },
        { type: 'set_priority', priority: 'normal' },
        handoff('negative_emotion', 'normal'),
      ],
    });
    const { decision } = evaluateRules([a, b], facts);
    expect(decision).toMatchObject({
      tags: ['vip', 'angry', 'late'],
      templates: ['apology', 'handoff_wait'],
      priority: 'high',
      notify: [{ target: 'team_lead', teamId: 'team-vip', userId: null, message: 'angry VIP' }],
    });
    expect(decision.handoff?.priority).toBe('high');
  });

  it('decides nothing when no rule matches', () => {
    const { decision } = evaluateRules([rule({ conditions: [calm] })], facts);
    expect(decision).toEqual({
      handoff: null,
      templates: [],
      tags: [],
      priority: null,
      notify: [],
      fired: [],
    });
    expect(evaluateRules([], facts).traces).toEqual([]);
  });
});
