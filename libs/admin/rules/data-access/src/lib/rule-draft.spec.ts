import { CONDITION_SPECS } from '@kefu/shared/contracts';
import {
  defaultAction,
  defaultCondition,
  emptyRule,
  fieldsForEvent,
  issuesFromServer,
  regexError,
  validateRule,
  withOp,
} from './rule-draft';

describe('rule draft helpers', () => {
  it('offers only the fields known at the chosen event', () => {
    expect(fieldsForEvent('conversation_idle')).toEqual(
      expect.arrayContaining(['idle_minutes', 'customer_tier', 'business_hours']),
    );
    expect(fieldsForEvent('conversation_idle')).not.toContain('intent');
    expect(fieldsForEvent('before_reply')).toContain('retrieval_score');
    expect(fieldsForEvent('message_understood')).not.toContain('retrieval_score');
    expect(fieldsForEvent('handoff')).toContain('handoff_reason');
  });

  it('starts a condition with the field’s first operator and a value of its kind', () => {
    expect(defaultCondition('intent')).toEqual({ field: 'intent', op: 'in', value: [] });
    expect(defaultCondition('confidence')).toEqual({ field: 'confidence', op: 'below_threshold' });
    expect(defaultCondition('business_hours')).toEqual({ field: 'business_hours', op: 'is', value: 'closed' });
    expect(defaultCondition('pattern')).toEqual({ field: 'pattern', op: 'matches', value: '' });
    for (const f of Object.keys(CONDITION_SPECS) as (keyof typeof CONDITION_SPECS)[]) {
      expect(CONDITION_SPECS[f].ops).toContain(defaultCondition(f).op);
    }
  });

  it('gives confidence a number when it leaves “below its threshold”, and drops it when it goes back', () => {
    const lt = withOp(defaultCondition('confidence'), 'lt');
    expect(lt).toEqual({ field: 'confidence', op: 'lt', value: 0.5 });
    expect(withOp({ ...lt, value: 0.3 }, 'below_threshold')).toEqual({ field: 'confidence', op: 'below_threshold' });
    expect(withOp({ ...lt, value: 0.3 }, 'gte')).toEqual({ field: 'confidence', op: 'gte', value: 0.3 });
  });

  it('checks the draft with the shared schema and reports each problem at its field', () => {
    const draft = {
      ...emptyRule(),
      name: ' ',
      event: 'conversation_idle' as const,
      conditions: [{ field: 'intent' as const, op: 'in' as const, value: ['get_refund'] }, { field: 'pattern' as const, op: 'matches' as const, value: '(' }],
      actions: [],
    };
    const issues = validateRule(draft);
    expect(Object.keys(issues).sort()).toEqual(['actions', 'conditions.0.field', 'conditions.1.field', 'conditions.1.value', 'name']);
    expect(issues['conditions.1.value']).toMatch(/regular expression/);
    expect(validateRule({ ...emptyRule(), name: 'Refunds over 2000' })).toEqual({});
  });

  it('reads a 400’s issues whether the path is dotted, prefixed with body, or an array', () => {
    expect(
      issuesFromServer([
        { path: 'body.conditions.0.value', message: 'a' },
        { path: ['actions', 1, 'teamId'], message: 'b' },
        { path: 'name', message: 'c' },
        { path: 'name', message: 'later' },
      ]),
    ).toEqual({ 'conditions.0.value': 'a', 'actions.1.teamId': 'b', name: 'c' });
    expect(issuesFromServer(undefined)).toEqual({});
  });

  it('tells a broken regular expression apart from a good or empty one', () => {
    expect(regexError('退款|refund')).toBeNull();
    expect(regexError('')).toBeNull();
    expect(regexError('([a-z]')).toMatch(/./);
  });

  it('builds each action type with values the schema accepts once filled in', () => {
    expect(defaultAction('handoff')).toEqual({ type: 'handoff', teamId: null, priority: 'normal', reason: 'policy' });
    expect(validateRule({ ...emptyRule(), name: 'x', actions: [defaultAction('set_priority'), defaultAction('notify')] })).toEqual({});
    expect(validateRule({ ...emptyRule(), name: 'x', actions: [defaultAction('tag')] })).toHaveProperty(['actions.0.tags']);
  });
});
