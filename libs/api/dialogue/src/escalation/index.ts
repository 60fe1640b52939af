export { EscalationFlow, HANDOFF_MESSAGE_KEYS, formatOpening } from './escalation-flow.service';
export type { EscalationContext, Evaluation, RenderTarget, TurnFacts } from './escalation-flow.service';
export { IdleRulesService } from './idle-rules.service';
export { absorb, emptyPlan, engineRequest, finalRequest, isVip, majorUnits, refine, requestOf } from './escalation-plan';
export type { EscalationPlan } from './escalation-plan';
export { handedBackSince, restart } from './restart';
