import { auditChanges, auditFacts, auditValue, isKnownAuditAction } from './audit-actions';

describe('audit entry helpers', () => {
  it('knows the hand-off actions and nothing else', () => {
    expect(isKnownAuditAction('kill_switch.on')).toBe(true);
    expect(isKnownAuditAction('conversation.escalated')).toBe(true);
    expect(isKnownAuditAction('something.else')).toBe(false);
  });

  it('lists only the fields a change touched, with before and after as text', () => {
    const data = {
      before: { defaultThreshold: 0.85, vipTiers: ['vip'], idleMinutes: 30 },
      after: { defaultThreshold: 0.8, vipTiers: ['vip', 'gold'], idleMinutes: 30, defaultTeamId: 't1' },
    };
    expect(auditChanges(data)).toEqual([
      { key: 'defaultThreshold', before: '0.85', after: '0.8' },
      { key: 'vipTiers', before: '["vip"]', after: '["vip","gold"]' },
      { key: 'defaultTeamId', before: '—', after: 't1' },
    ]);
  });

  it('treats a creation (no before) as every field new, and data without before/after as facts', () => {
    expect(auditChanges({ after: { name: 'VIP' } })).toEqual([{ key: 'name', before: '—', after: 'VIP' }]);
    expect(auditChanges({ scope: 'global' })).toEqual([]);
    expect(auditFacts({ scope: 'channel', value: 'wechat', moved: 3, before: {} })).toEqual([
      { key: 'scope', value: 'channel' },
      { key: 'value', value: 'wechat' },
      { key: 'moved', value: '3' },
    ]);
    expect(auditValue(null)).toBe('—');
    expect(auditValue(false)).toBe('false');
  });
});
