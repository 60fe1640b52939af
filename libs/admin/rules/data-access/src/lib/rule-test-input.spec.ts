import { ruleTestSchema } from '@kefu/shared/contracts';
import { emptyRule } from './rule-draft';
import { buildTestInput, emptyTestForm, overriddenFacts } from './rule-test-input';

describe('rule tester request', () => {
  it('sends the pasted text and leaves blank facts out', () => {
    const input = buildTestInput({ ...emptyTestForm(), text: '  我要退款  ' });
    expect(input).toEqual({ event: 'message_understood', facts: {}, text: '我要退款' });
    expect(ruleTestSchema.safeParse(input).success).toBe(true);
  });

  it('turns typed facts into numbers and the local time into an ISO instant the API accepts', () => {
    const form = {
      ...emptyTestForm('before_reply'),
      text: 'refund please',
      channel: 'wechat',
      customerTier: ' gold ',
      orderValue: '2500',
      misunderstandings: '2',
      retrievalScore: '0.3',
      outcome: 'not_found',
      at: '2026-03-01T22:30',
    };
    const input = buildTestInput(form);
    expect(input.facts).toMatchObject({ channel: 'wechat', customerTier: 'gold', orderValue: 2500, misunderstandings: 2, retrievalScore: 0.3, outcome: 'not_found' });
    expect(input.facts.at).toMatch(/^2026-03-0[12]T\d\d:30:00\.000Z$/);
    expect(ruleTestSchema.safeParse(input).success).toBe(true);
    expect(overriddenFacts(form)).toBe(7);
  });

  it('uses a picked message instead of the text, and carries the editor’s draft', () => {
    const draft = { id: null, rule: { ...emptyRule(), name: 'draft' } };
    const input = buildTestInput({ ...emptyTestForm(), text: 'ignored', messageId: '8d6c8f5e-7d3c-4b39-9a43-3c5f4c4f7a11' }, draft);
    expect(input.text).toBeUndefined();
    expect(input.messageId).toBe('8d6c8f5e-7d3c-4b39-9a43-3c5f4c4f7a11');
    expect(input.draft).toBe(draft);
    expect(ruleTestSchema.safeParse(input).success).toBe(true);
  });

  it('ignores numbers that do not parse', () => {
    expect(buildTestInput({ ...emptyTestForm(), text: 'x', orderValue: 'abc' }).facts).toEqual({});
  });
});
