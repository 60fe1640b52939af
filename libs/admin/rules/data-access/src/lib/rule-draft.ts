import {
  CONDITION_FIELDS,
  CONDITION_SPECS,
  HANDOFF_REASONS,
  ruleInputSchema,
  type ConditionField,
  type ConditionOp,
  type EscalationRuleDto,
  type RuleAction,
  type RuleCondition,
  type RuleEvent,
  type RuleInput,
} from '@kefu/shared/contracts';

/** The values the condition builder offers for the list fields with a fixed vocabulary. */
export const EMOTIONS = ['angry', 'frustrated', 'neutral', 'happy'] as const;
export const CHANNELS = ['api', 'widget', 'wechat', 'email'] as const;
export const LANGUAGES = ['zh', 'en', 'ja'] as const;
/** How a bot turn can end (the dialogue engine's outcomes). */
export const TURN_OUTCOMES = [
  'answered',
  'asked',
  'handoff',
  'not_found',
  'refused',
  'unavailable',
  'cancelled',
  'misunderstood',
  'verify_failed',
] as const;
export const ACTION_TYPES = ['handoff', 'send_template', 'tag', 'set_priority', 'notify'] as const;
export type ActionType = RuleAction['type'];

/** The fixed choices of a list field, or null when it takes free values (intents, tiers, regions, keywords). */
export function fixedChoices(field: ConditionField): readonly string[] | null {
  switch (field) {
    case 'emotion':
      return EMOTIONS;
    case 'channel':
      return CHANNELS;
    case 'language':
      return LANGUAGES;
    case 'outcome':
      return TURN_OUTCOMES;
    case 'handoff_reason':
      return HANDOFF_REASONS;
    default:
      return null;
  }
}

/** The condition fields that have a value at `event`, in the contract's order. */
export function fieldsForEvent(event: RuleEvent): ConditionField[] {
  return CONDITION_FIELDS.filter((f) => {
    const events = CONDITION_SPECS[f].events;
    return !events || events.includes(event);
  });
}

/** Whether the condition takes no value (confidence below the intent's own threshold). */
export function takesNoValue(c: Pick<RuleCondition, 'field' | 'op'>): boolean {
  return c.field === 'confidence' && c.op === 'below_threshold';
}

/** A fresh condition for `field`: its first operator and an empty value of the right kind. */
export function defaultCondition(field: ConditionField): RuleCondition {
  const spec = CONDITION_SPECS[field];
  const op = spec.ops[0];
  const c: RuleCondition = { field, op };
  if (takesNoValue(c)) return c;
  switch (spec.value) {
    case 'list':
      return { ...c, value: [] };
    case 'number':
      return { ...c, value: field === 'idle_minutes' ? 30 : field === 'misunderstandings' ? 2 : (spec.min ?? 0) };
    case 'text':
      return { ...c, value: '' };
    case 'state':
      return { ...c, value: 'closed' };
    default:
      return c;
  }
}

/** The condition with another operator; the value follows (none below the threshold, a number otherwise). */
export function withOp(c: RuleCondition, op: ConditionOp): RuleCondition {
  const next: RuleCondition = { ...c, op };
  if (takesNoValue(next)) return { field: c.field, op };
  if (CONDITION_SPECS[c.field].value === 'number' && typeof c.value !== 'number') {
    return { ...next, value: c.field === 'confidence' ? 0.5 : (CONDITION_SPECS[c.field].min ?? 0) };
  }
  return next;
}

export function defaultAction(type: ActionType): RuleAction {
  switch (type) {
    case 'handoff':
      return { type, teamId: null, priority: 'normal', reason: 'policy' };
    case 'send_template':
      return { type, templateKey: '' };
    case 'tag':
      return { type, tags: [] };
    case 'set_priority':
      return { type, priority: 'high' };
    case 'notify':
      return { type, target: 'team', teamId: null, userId: null, message: '' };
  }
}

/** What the editor starts from for a new rule. */
export function emptyRule(): RuleInput {
  return {
    name: '',
    description: '',
    enabled: true,
    event: 'message_understood',
    match: 'all',
    conditions: [],
    actions: [defaultAction('handoff')],
    stopProcessing: false,
  };
}

/** The editable part of a stored rule. */
export function toRuleInput(rule: EscalationRuleDto | RuleInput): RuleInput {
  return {
    name: rule.name,
    description: rule.description ?? '',
    enabled: rule.enabled,
    event: rule.event,
    match: rule.match,
    conditions: rule.conditions.map((c) => ({ ...c, value: Array.isArray(c.value) ? [...c.value] : c.value })),
    actions: rule.actions.map((a) => (a.type === 'tag' ? { ...a, tags: [...a.tags] } : { ...a })),
    stopProcessing: rule.stopProcessing,
  };
}

/** Problems by dotted path (`name`, `conditions.0.value`, `actions`); the first message per path. */
export type RuleIssues = Record<string, string>;

/** The draft checked with the shared schema, as the server will check it. */
export function validateRule(draft: RuleInput): RuleIssues {
  const result = ruleInputSchema.safeParse(draft);
  if (result.success) return {};
  const issues: RuleIssues = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    issues[path] ??= issue.message;
  }
  return issues;
}

/** A 400's `issues` (paths like `conditions.0.value`, perhaps prefixed by `body.`) as the editor's map. */
export function issuesFromServer(issues: { path: string | (string | number)[]; message: string }[] | undefined): RuleIssues {
  const out: RuleIssues = {};
  for (const i of issues ?? []) {
    const path = (Array.isArray(i.path) ? i.path.map(String).join('.') : String(i.path)).replace(/^body\.?/, '') || '_';
    out[path] ??= i.message;
  }
  return out;
}

/** Whether a regular expression source compiles as the engine compiles it; the error message if not. */
export function regexError(source: string): string | null {
  if (!source.trim()) return null;
  try {
    new RegExp(source, 'iu');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
