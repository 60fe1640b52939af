import { CONDITION_FIELDS, RuleCondition, RuleFacts } from '@kefu/shared/contracts';
import { evaluateCondition } from './conditions';

const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  event: 'message_understood',
  text: '我的订单ＡＢＣ怎么还没到，退款！',
  language: 'zh',
  intent: 'track_order',
  confidence: 0.42,
  threshold: 0.85,
  margin: 0.04,
  emotion: 'angry',
  emotionScore: 0.9,
  misunderstandings: 2,
  customerTier: 'gold',
  orderValue: 2500,
  region: 'CN',
  channel: 'widget',
  businessHoursOpen: false,
  retrievalScore: 0.2,
  outcome: 'not_found',
  handoffReason: 'low_confidence',
  idleMinutes: 45,
  ...over,
});

const check = (c: RuleCondition, f: RuleFacts = facts()) => evaluateCondition(c, f);

describe('rule conditions', () => {
  it('explains a confidence below the intent threshold in words', () => {
    expect(check({ field: 'confidence', op: 'below_threshold' })).toEqual({
      condition: { field: 'confidence', op: 'below_threshold' },
      passed: true,
      actual: 0.42,
      explanation: 'confidence 0.42 is below 0.85, the threshold of track_order',
    });
    expect(check({ field: 'confidence', op: 'below_threshold' }, facts({ confidence: 0.9 })).passed).toBe(
      false,
    );
    expect(check({ field: 'confidence', op: 'lt', value: 0.5 }).passed).toBe(true);
    expect(check({ field: 'confidence', op: 'gte', value: 0.5 }).passed).toBe(false);
  });

  it('treats the top two intents as ambiguous when they are closer than the margin', () => {
    const t = check({ field: 'ambiguity', op: 'within', value: 0.1 });
    expect(t).toMatchObject({ passed: true, actual: 0.04 });
    expect(t.explanation).toBe('the top two intents are 0.04 apart, closer than 0.1');
    expect(check({ field: 'ambiguity', op: 'within', value: 0.1 }, facts({ margin: 1 })).passed).toBe(false);
  });

  it('compares lists case-insensitively, with in and not_in', () => {
    expect(check({ field: 'intent', op: 'in', value: ['TRACK_ORDER', 'get_refund'] }).passed).toBe(true);
    expect(check({ field: 'intent', op: 'not_in', value: ['track_order'] }).passed).toBe(false);
    expect(check({ field: 'emotion', op: 'in', value: ['angry', 'frustrated'] }).explanation).toBe(
      'emotion angry is one of angry, frustrated',
    );
    expect(check({ field: 'customer_tier', op: 'in', value: ['vip', 'gold'] }).passed).toBe(true);
    expect(check({ field: 'region', op: 'in', value: ['cn'] }).passed).toBe(true);
    expect(check({ field: 'channel', op: 'not_in', value: ['email'] }).passed).toBe(true);
    expect(check({ field: 'language', op: 'in', value: ['en', 'ja'] }).passed).toBe(false);
    expect(check({ field: 'outcome', op: 'in', value: ['refused', 'not_found'] }).passed).toBe(true);
    expect(check({ field: 'handoff_reason', op: 'in', value: ['vip'] }).passed).toBe(false);
  });

  it('fails a condition on a fact that is not known, in and not_in alike, and says so', () => {
    const none = facts({
      customerTier: null,
      orderValue: null,
      region: null,
      retrievalScore: null,
      outcome: null,
      handoffReason: null,
      idleMinutes: null,
    });
    const cases: RuleCondition[] = [
      { field: 'customer_tier', op: 'in', value: ['vip'] },
      { field: 'customer_tier', op: 'not_in', value: ['vip'] },
      { field: 'order_value', op: 'gte', value: 2000 },
      { field: 'order_value', op: 'lt', value: 2000 },
      { field: 'region', op: 'not_in', value: ['CN'] },
      { field: 'retrieval_score', op: 'lt', value: 0.3 },
      { field: 'outcome', op: 'not_in', value: ['answered'] },
      { field: 'handoff_reason', op: 'in', value: ['vip'] },
      { field: 'idle_minutes', op: 'gte', value: 30 },
    ];
    for (const c of cases) {
      const t = check(c, none);
      expect(t).toMatchObject({ passed: false, actual: null });
      expect(t.explanation).toMatch(/^no .+ is known, so the condition does not hold$/);
    }
    expect(check({ field: 'order_value', op: 'gte', value: 2000 }, none).explanation).toBe(
      'no order value is known, so the condition does not hold',
    );
  });

  it('compares numbers with gte and lt', () => {
    expect(check({ field: 'emotion_score', op: 'gte', value: 0.85 })).toMatchObject({
      passed: true,
      explanation: 'angry score 0.9 is at least 0.85',
    });
    expect(check({ field: 'emotion_score', op: 'lt', value: 0.6 }).passed).toBe(false);
    expect(check({ field: 'misunderstandings', op: 'gte', value: 2 }).passed).toBe(true);
    expect(check({ field: 'misunderstandings', op: 'lt', value: 2 }).passed).toBe(false);
    expect(check({ field: 'order_value', op: 'gte', value: 2000 })).toMatchObject({
      passed: true,
      actual: 2500,
      explanation: 'order value 2500 is at least 2000',
    });
    expect(check({ field: 'retrieval_score', op: 'lt', value: 0.3 }).explanation).toBe(
      'retrieval score 0.2 is below 0.3',
    );
    expect(check({ field: 'idle_minutes', op: 'gte', value: 60 })).toMatchObject({
      passed: false,
      explanation: 'idle time 45 min is below 60 min',
    });
  });

  it('finds keywords regardless of case, full width and spacing', () => {
    expect(check({ field: 'keywords', op: 'contains_any', value: ['abc', '投诉'] })).toMatchObject({
      passed: true,
      actual: 'abc',
      explanation: 'the message contains "abc"',
    });
    expect(check({ field: 'keywords', op: 'contains_any', value: ['退 款'] }).passed).toBe(true);
    expect(
      check({ field: 'keywords', op: 'contains_any', value: ['REFUND'] }, facts({ text: 'I want a Refund' }))
        .passed,
    ).toBe(true);
    expect(check({ field: 'keywords', op: 'contains_any', value: ['lawyer'] }).explanation).toBe(
      'the message contains none of "lawyer"',
    );
  });

  it('matches patterns case-insensitively on the first 2000 characters, and survives a bad one', () => {
    expect(check({ field: 'pattern', op: 'matches', value: '订单\\w+' })).toMatchObject({
      passed: true,
      actual: '订单ABC',
    });
    expect(
      check({ field: 'pattern', op: 'matches', value: 'REFUND' }, facts({ text: 'refund now' })).passed,
    ).toBe(true);
    expect(
      check({ field: 'pattern', op: 'matches', value: 'late' }, facts({ text: `${'x'.repeat(2000)}late` }))
        .passed,
    ).toBe(false);
    expect(check({ field: 'pattern', op: 'matches', value: '(' })).toMatchObject({
      passed: false,
      explanation: expect.stringMatching(/not a valid regular expression/),
    });
    expect(check({ field: 'pattern', op: 'matches', value: 'a'.repeat(501) }).explanation).toMatch(
      /longer than 500/,
    );
  });

  it('reads business hours as open or closed', () => {
    expect(check({ field: 'business_hours', op: 'is', value: 'closed' })).toMatchObject({
      passed: true,
      actual: 'closed',
      explanation: 'the team is closed now',
    });
    expect(check({ field: 'business_hours', op: 'is', value: 'open' })).toMatchObject({
      passed: false,
      explanation: 'the team is closed now, not open',
    });
    expect(
      check({ field: 'business_hours', op: 'is', value: 'open' }, facts({ businessHoursOpen: true })).passed,
    ).toBe(true);
  });

  it('has an evaluation for every condition field', () => {
    for (const field of CONDITION_FIELDS) {
      const t = check({ field, op: 'in', value: ['x'] });
      expect(t.explanation).not.toMatch(/not a known condition/);
    }
  });
});
