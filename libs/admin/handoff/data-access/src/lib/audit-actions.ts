/** The audit actions the hand-off domain writes; each has a translated label (`audit.actions.<action>`). */
export const KNOWN_AUDIT_ACTIONS = [
  'rule.created',
  'rule.updated',
  'rule.enabled',
  'rule.disabled',
  'rule.deleted',
  'rules.reordered',
  'settings.updated',
  'team.created',
  'team.updated',
  'team.deleted',
  'kill_switch.on',
  'kill_switch.off',
  'conversation.takeover',
  'conversation.assigned',
  'conversation.handback',
  'conversation.resolved',
  'conversation.transfer',
  'conversation.escalated',
] as const;

/** Filter groups on the audit page; `action` is the query the API takes (`prefix.*`). */
export const AUDIT_ACTION_GROUPS = [
  { key: 'rules', action: 'rule*' },
  { key: 'settings', action: 'settings.*' },
  { key: 'teams', action: 'team.*' },
  { key: 'killSwitch', action: 'kill_switch.*' },
  { key: 'conversations', action: 'conversation.*' },
] as const;
export type AuditActionGroup = (typeof AUDIT_ACTION_GROUPS)[number]['key'];

export function isKnownAuditAction(action: string): boolean {
  return (KNOWN_AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** A value of an audit entry's data as one line: strings as they are, the rest as compact JSON. */
export function auditValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export interface AuditChange {
  key: string;
  before: string;
  after: string;
}

/**
 * For entries whose data holds `before` and `after` objects: the keys whose values differ, each with
 * both values as text. Empty when the data is not shaped so.
 */
export function auditChanges(data: Record<string, unknown>): AuditChange[] {
  const before = data['before'];
  const after = data['after'];
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(before) && !isObj(after)) return [];
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .map((key) => ({ key, before: auditValue(b[key]), after: auditValue(a[key]) }))
    .filter((c) => c.before !== c.after);
}

/** The data's other fields (not before/after), as key and one-line value. */
export function auditFacts(data: Record<string, unknown>): { key: string; value: string }[] {
  return Object.entries(data ?? {})
    .filter(([k]) => k !== 'before' && k !== 'after')
    .map(([key, v]) => ({ key, value: auditValue(v) }));
}
