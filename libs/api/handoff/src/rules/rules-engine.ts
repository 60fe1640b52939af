import type {
  EscalationDecision,
  Priority,
  RuleAction,
  RuleCondition,
  RuleEvent,
  RuleFacts,
  RuleTrace,
} from '@kefu/shared/contracts';
import { PRIORITY_RANK } from '@kefu/shared/contracts';
import { evaluateCondition } from './conditions';

/** What the engine needs of a rule (the entity and a tester's draft both fit). */
export interface EscalationRuleLike {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  event: RuleEvent;
  match: 'all' | 'any';
  conditions: RuleCondition[];
  actions: RuleAction[];
  stopProcessing: boolean;
}

/** A rule's trace, with notes on actions that had no effect (e.g. a second hand-off). */
export interface EngineRuleTrace extends RuleTrace {
  notes: string[];
}

export const emptyDecision = (): EscalationDecision => ({
  handoff: null,
  templates: [],
  tags: [],
  priority: null,
  notify: [],
  fired: [],
});

export const higher = (a: Priority | null, b: Priority | null): Priority | null =>
  a === null ? b : b === null ? a : PRIORITY_RANK[b] > PRIORITY_RANK[a] ? b : a;

/** Adds one matched rule's actions to the decision; returns notes on what was ignored. */
function apply(decision: EscalationDecision, rule: EscalationRuleLike): string[] {
  const notes: string[] = [];
  for (const a of rule.actions) {
    switch (a.type) {
      case 'handoff':
        if (decision.handoff)
          notes.push(
            `hand-off ignored: an earlier rule already hands off (reason ${decision.handoff.reason})`,
          );
        else
          decision.handoff = {
            teamId: a.teamId ?? null,
            priority: a.priority,
            reason: a.reason,
            ruleId: rule.id,
            safety: null,
          };
        break;
      case 'send_template':
        if (!decision.templates.includes(a.templateKey)) decision.templates.push(a.templateKey);
        break;
      case 'tag':
        for (const t of a.tags) if (!decision.tags.includes(t)) decision.tags.push(t);
        break;
      case 'set_priority':
        decision.priority = higher(decision.priority, a.priority);
        break;
      case 'notify':
        decision.notify.push({
          target: a.target,
          teamId: a.teamId ?? null,
          userId: a.userId ?? null,
          message: a.message ?? '',
        });
        break;
    }
  }
  return notes;
}

/**
 * The rules of `facts.event`, enabled, in position order: each matches when all (or any) of its conditions
 * hold (no conditions: always). Matched rules add their actions: the first hand-off wins (later ones are
 * noted and ignored), tags are a union, the priority is the highest set, templates keep their order.
 * `stopProcessing` on a matched rule skips the later rules. A hand-off is raised to the highest priority set.
 * Pure: every rule gets a trace, condition by condition.
 */
export function evaluateRules(
  rules: readonly EscalationRuleLike[],
  facts: RuleFacts,
): { decision: EscalationDecision; traces: EngineRuleTrace[] } {
  const decision = emptyDecision();
  const traces: EngineRuleTrace[] = [];
  let stopped = false;
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  for (const rule of ordered) {
    const base = {
      ruleId: rule.id,
      name: rule.name,
      event: rule.event,
      enabled: rule.enabled,
      actions: rule.actions,
    };
    if (rule.event !== facts.event) {
      traces.push({ ...base, skipped: 'other_event', matched: false, conditions: [], notes: [] });
      continue;
    }
    if (!rule.enabled) {
      traces.push({ ...base, skipped: 'disabled', matched: false, conditions: [], notes: [] });
      continue;
    }
    if (stopped) {
      traces.push({ ...base, skipped: 'stopped', matched: false, conditions: [], notes: [] });
      continue;
    }
    const conditions = rule.conditions.map((c) => evaluateCondition(c, facts));
    const matched =
      !conditions.length ||
      (rule.match === 'any' ? conditions.some((c) => c.passed) : conditions.every((c) => c.passed));
    const notes = matched ? apply(decision, rule) : [];
    if (matched) {
      decision.fired.push(rule.id);
      if (rule.stopProcessing) stopped = true;
    }
    traces.push({ ...base, skipped: null, matched, conditions, notes });
  }
  if (decision.handoff && decision.priority)
    decision.handoff.priority = higher(decision.handoff.priority, decision.priority) as Priority;
  return { decision, traces };
}
