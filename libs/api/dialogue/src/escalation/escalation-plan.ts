import {
  EscalationDecision,
  HandoffReason,
  HandoffSettings,
  Priority,
  PRIORITY_RANK,
  SafetyTrigger,
} from '@kefu/shared/contracts';
import type { HandoffRequest } from '@kefu/api/handoff';

/**
 * What the escalation rules decided for one turn, gathered over its events (message_understood,
 * before_reply, handoff): the hand-off (if any), the templates to send, tags, priority and
 * notifications. Pure bookkeeping; the stage renders in `prepare` and applies in `run`.
 */
export interface EscalationPlan {
  handoff: HandoffRequest | null;
  /** Template keys to send before the hand-off message, in order, without repeats. */
  templates: string[];
  tags: string[];
  priority: Priority | null;
  notify: EscalationDecision['notify'];
  /** Rules that fired, in order (ids). */
  fired: string[];
  /** The safety trigger that fired, if any. */
  safety: SafetyTrigger | null;
}

export function emptyPlan(): EscalationPlan {
  return { handoff: null, templates: [], tags: [], priority: null, notify: [], fired: [], safety: null };
}

export const higher = (a: Priority | null, b: Priority | null): Priority | null => {
  if (!a) return b;
  if (!b) return a;
  return PRIORITY_RANK[a] >= PRIORITY_RANK[b] ? a : b;
};

/** Adds a decision's templates, tags, priority and notifications to the plan (not its hand-off). */
export function absorb(plan: EscalationPlan, d: EscalationDecision): EscalationPlan {
  return {
    ...plan,
    templates: [...new Set([...plan.templates, ...d.templates])],
    tags: [...new Set([...plan.tags, ...d.tags])],
    priority: higher(plan.priority, d.priority),
    notify: [...plan.notify, ...d.notify],
    fired: [...plan.fired, ...d.fired.filter((id) => !plan.fired.includes(id))],
  };
}

/** A hand-off request from a rule's (or safety trigger's) decision. */
export function requestOf(d: NonNullable<EscalationDecision['handoff']>, vip: boolean): HandoffRequest {
  return { reason: d.reason, teamId: d.teamId, priority: d.priority, ruleId: d.ruleId, safety: d.safety, vip };
}

/** A hand-off the dialogue engine itself decided (the shopper asked, the fallback ran out, a threat). */
export function engineRequest(reason: HandoffReason, vip: boolean): HandoffRequest {
  return { reason, teamId: null, priority: 'normal', ruleId: null, safety: null, vip };
}

/**
 * The routing rules (event `handoff`) refine a hand-off: their team wins over none, the priority is
 * never lowered, the reason stays the one that triggered the hand-off (reports group by it).
 */
export function refine(req: HandoffRequest, d: EscalationDecision): HandoffRequest {
  const h = d.handoff;
  return {
    ...req,
    teamId: h?.teamId ?? req.teamId,
    priority: higher(higher(req.priority, h?.priority ?? null), d.priority) ?? req.priority,
    ruleId: req.ruleId ?? h?.ruleId ?? null,
  };
}

/** The final request as the router gets it: the plan's tags, priority and notifications folded in. */
export function finalRequest(plan: EscalationPlan): HandoffRequest | null {
  if (!plan.handoff) return null;
  return {
    ...plan.handoff,
    priority: higher(plan.handoff.priority, plan.priority) ?? plan.handoff.priority,
    tags: [...new Set([...(plan.handoff.tags ?? []), ...plan.tags])],
    notify: [...(plan.handoff.notify ?? []), ...plan.notify],
  };
}

/** Whether the shopper's tier counts as VIP under the settings. */
export const isVip = (tier: string | null, settings: HandoffSettings): boolean =>
  !!tier && settings.vipTiers.map((t) => t.toLowerCase()).includes(tier.toLowerCase());

/** An amount in minor units as major units of its currency (fen → yuan; yen have no minor unit). */
export function majorUnits(amountMinor: number, currency: string): number {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    digits = 2;
  }
  return amountMinor / 10 ** digits;
}
