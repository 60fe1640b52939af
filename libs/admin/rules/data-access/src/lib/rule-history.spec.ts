import type { RuleInput, RuleVersionDto } from '@kefu/shared/contracts';
import { emptyRule } from './rule-draft';
import { changedParts, withChanges } from './rule-history';

const v = (version: number, rule: RuleInput | null, change: RuleVersionDto['change'] = 'updated'): RuleVersionDto => ({
  ruleId: 'r',
  version,
  change,
  rule,
  actor: null,
  at: '2026-01-01T00:00:00Z',
});

describe('rule history', () => {
  it('names the parts that changed between two versions', () => {
    const a = { ...emptyRule(), name: 'A' };
    const b = { ...a, name: 'B', conditions: [{ field: 'intent' as const, op: 'in' as const, value: ['x'] }] };
    expect(changedParts(a, b)).toEqual(['name', 'conditions']);
    expect(changedParts(a, { ...a })).toEqual([]);
    expect(changedParts(null, a)).toEqual([]);
  });

  it('compares each version with the older one listed after it', () => {
    const a = { ...emptyRule(), name: 'A' };
    const list = withChanges([v(3, null, 'deleted'), v(2, { ...a, enabled: false }, 'disabled'), v(1, a, 'created')]);
    expect(list.map((x) => x.parts)).toEqual([[], ['enabled'], []]);
  });
});
