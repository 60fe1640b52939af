import type { Provider, Type } from '@nestjs/common';
import { EscalationPolicy } from './escalation-policy.service';
import { HandoffSettingsService } from './handoff-settings.service';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';

/** This area's providers and controllers, wired by HandoffModule. */
export const RULES_PROVIDERS: Provider[] = [EscalationPolicy, RulesService, HandoffSettingsService];
export const RULES_CONTROLLERS: Type<unknown>[] = [RulesController];

export * from './facts';
export {
  detectSafety,
  leadingTrigger,
  normalForms,
  safetyInfoOf,
  SAFETY_TRIGGER_INFO,
  HUMAN_INTENT_CONFIDENCE,
} from './safety';
export type { SafetyNlu, SafetyTriggerInfo } from './safety';
export { evaluateCondition, compilePattern } from './conditions';
export { evaluateRules, emptyDecision, higher } from './rules-engine';
export type { EscalationRuleLike, EngineRuleTrace } from './rules-engine';
export { EscalationPolicy, POLICY_CACHE_MS } from './escalation-policy.service';
export type { PolicyEvaluateOptions, PolicyEvaluation } from './escalation-policy.service';
export { RulesService, ruleInputOf } from './rules.service';
export { HandoffSettingsService } from './handoff-settings.service';
export type { HandoffSettingsView } from './handoff-settings.service';
export { RulesController } from './rules.controller';
export { seedDefaultRules, defaultRules } from './rules-seed';
export type { SeedTeams } from './rules-seed';
export { parseStoredSettings, readSettingsRow } from './stored-settings';
export type { StoredSettingsRow } from './stored-settings';
