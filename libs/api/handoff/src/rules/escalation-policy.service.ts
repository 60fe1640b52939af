import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  EscalationDecision,
  HANDOFF_REASONS,
  HandoffReason,
  HandoffSettings,
  Priority,
  RuleEvent,
  RuleFacts,
  RuleInput,
  SafetyTrace,
} from '@kefu/shared/contracts';
import { EscalationRule } from '../entities';
import { EngineRuleTrace, EscalationRuleLike, evaluateRules, higher } from './rules-engine';
import { detectSafety, leadingTrigger, SafetyNlu } from './safety';
import { readSettingsRow } from './stored-settings';

/** How long settings and rules are reused before they are read again (other processes' changes). */
export const POLICY_CACHE_MS = 2000;

export interface PolicyEvaluateOptions {
  /** The rule tester's unsaved rule: replaces the stored rule with this id, or is appended. */
  draft?: { id: string | null; rule: RuleInput };
  /** The language engine's full reading (its emotion signals help the legal-threat trigger). */
  nlu?: SafetyNlu | null;
  /** Read through this manager when the cache is cold (inside a transaction; the embedded database has one connection). */
  em?: EntityManager;
}

export interface PolicyEvaluation {
  decision: EscalationDecision;
  safety: SafetyTrace[];
  traces: EngineRuleTrace[];
}

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

const isReason = (r: string | null): r is HandoffReason =>
  !!r && (HANDOFF_REASONS as readonly string[]).includes(r);

/**
 * When the bot stops: the safety triggers, then the admins' rules, over the facts of one event.
 * Settings and rules are cached for two seconds and forgotten at once when changed in this process.
 */
@Injectable()
export class EscalationPolicy {
  private settingsCache: Cached<HandoffSettings> | null = null;
  private rulesCache: Cached<EscalationRule[]> | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  settings(em?: EntityManager): Promise<HandoffSettings> {
    if (!fresh(this.settingsCache)) {
      const value = readSettingsRow(em ?? this.db.manager).then((r) => r.settings);
      this.settingsCache = { at: Date.now(), value };
      value.catch(() => (this.settingsCache = null));
    }
    return (this.settingsCache as Cached<HandoffSettings>).value;
  }

  rules(em?: EntityManager): Promise<EscalationRule[]> {
    if (!fresh(this.rulesCache)) {
      const value = (em ?? this.db.manager)
        .getRepository(EscalationRule)
        .find({ order: { position: 'ASC', createdAt: 'ASC' } });
      this.rulesCache = { at: Date.now(), value };
      value.catch(() => (this.rulesCache = null));
    }
    return (this.rulesCache as Cached<EscalationRule[]>).value;
  }

  /** Forget the cached settings and rules (called after a change commits). */
  invalidate(): void {
    this.settingsCache = null;
    this.rulesCache = null;
  }

  /**
   * Safety first (for `message_understood` only): a fired trigger hands off with its own reason and
   * priority; the rules still run and are traced, and a rule's hand-off may name the team and raise the
   * priority but not change the reason. At the `handoff` event a hand-off action routes (team, priority):
   * the reason of the hand-off under way (`facts.handoffReason`) is kept.
   */
  async evaluate(
    event: RuleEvent,
    facts: RuleFacts,
    opts: PolicyEvaluateOptions = {},
  ): Promise<PolicyEvaluation> {
    const f: RuleFacts = { ...facts, event };
    const rules = withDraft(await this.rules(opts.em), opts.draft);
    const { decision, traces } = evaluateRules(rules, f);
    const safety =
      event === 'message_understood'
        ? detectSafety(f.text, opts.nlu ?? { intent: f.intent, confidence: f.confidence })
        : [];
    const lead = leadingTrigger(safety);
    if (lead) {
      const byRule = decision.handoff;
      decision.handoff = {
        teamId: byRule?.teamId ?? null,
        priority: higher(higher(lead.priority, byRule?.priority ?? null), decision.priority) as Priority,
        reason: lead.reason,
        ruleId: byRule?.ruleId ?? null,
        safety: lead.trigger,
      };
    }
    if (event === 'handoff' && decision.handoff && isReason(f.handoffReason))
      decision.handoff.reason = f.handoffReason;
    return { decision, safety, traces };
  }
}

function fresh<T>(c: Cached<T> | null): boolean {
  return !!c && Date.now() - c.at < POLICY_CACHE_MS;
}

function withDraft(rules: EscalationRule[], draft: PolicyEvaluateOptions['draft']): EscalationRuleLike[] {
  if (!draft) return rules;
  const stored = draft.id ? rules.find((r) => r.id === draft.id) : undefined;
  const position = stored?.position ?? rules.reduce((m, r) => Math.max(m, r.position), 0) + 1;
  const candidate: EscalationRuleLike = { ...draft.rule, id: draft.id ?? 'draft', position };
  return stored ? rules.map((r) => (r === stored ? candidate : r)) : [...rules, candidate];
}
