import { CONDITION_SPECS, type RuleAction, type RuleCondition, type RuleInput } from '@kefu/shared/contracts';
import { fixedChoices, takesNoValue } from './rule-draft';

/** A translate function (transloco's `translate`, or a fake in specs). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;
/** A team's or user's name by id, or null when unknown. */
export type NameOf = (id: string) => string | null;

/** A value of a list field in words: translated for the fixed vocabularies, as typed otherwise. */
export function valueLabel(t: Translate, field: RuleCondition['field'], value: string): string {
  if (!fixedChoices(field)) return value;
  const ns = field === 'channel' ? 'channel' : `rules.values.${field}`;
  return t(`${ns}.${value}`);
}

function list(t: Translate, field: RuleCondition['field'], values: unknown): string {
  const items = Array.isArray(values) ? values.map((v) => valueLabel(t, field, String(v))) : [];
  return items.join(t('rules.summary.or'));
}

/** One condition in words, e.g. "intent is get_refund or track_order", "order value ≥ 2000". */
export function describeCondition(t: Translate, c: RuleCondition): string {
  const field = t(`rules.fields.${c.field}`);
  if (takesNoValue(c)) return t('rules.summary.cond.below_threshold', { field });
  const spec = CONDITION_SPECS[c.field];
  if (spec.value === 'list') return t(`rules.summary.cond.${c.op}`, { field, values: list(t, c.field, c.value) });
  if (spec.value === 'state') return t('rules.summary.cond.is', { field, value: t(`rules.values.state.${c.value}`) });
  return t(`rules.summary.cond.${c.op}`, { field, value: c.value ?? '' });
}

function team(t: Translate, id: string | null, nameOf: NameOf): string {
  return id ? (nameOf(id) ?? t('rules.summary.unknownTeam')) : t('rules.summary.defaultTeam');
}

/** One action in words, e.g. "hand off to Returns (high, policy)". */
export function describeAction(t: Translate, a: RuleAction, teamName: NameOf, userName: NameOf = () => null): string {
  switch (a.type) {
    case 'handoff':
      return t('rules.summary.action.handoff', {
        team: team(t, a.teamId, teamName),
        priority: t(`rules.priorities.${a.priority}`),
        reason: t(`rules.reasons.${a.reason}`),
      });
    case 'send_template':
      return t('rules.summary.action.send_template', { key: a.templateKey });
    case 'tag':
      return t('rules.summary.action.tag', { tags: a.tags.join(', ') });
    case 'set_priority':
      return t('rules.summary.action.set_priority', { priority: t(`rules.priorities.${a.priority}`) });
    case 'notify': {
      const who =
        a.target === 'user'
          ? (a.userId && userName(a.userId)) || t('rules.summary.someone')
          : t(`rules.notifyTargets.${a.target}`) + ' · ' + team(t, a.teamId, teamName);
      return t('rules.summary.action.notify', { who });
    }
  }
}

/** The rule in one line: "When intent is get_refund and order value ≥ 2000 → hand off to Returns (high, policy)". */
export function describeRule(t: Translate, rule: Pick<RuleInput, 'match' | 'conditions' | 'actions'>, teamName: NameOf, userName?: NameOf): string {
  const joiner = t(rule.match === 'any' ? 'rules.summary.orJoin' : 'rules.summary.andJoin');
  const when = rule.conditions.length
    ? t('rules.summary.when', { conditions: rule.conditions.map((c) => describeCondition(t, c)).join(joiner) })
    : t('rules.summary.always');
  const then = rule.actions.map((a) => describeAction(t, a, teamName, userName)).join('; ');
  return `${when} → ${then}`;
}
