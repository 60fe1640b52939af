import type { RuleInput, RuleVersionDto } from '@kefu/shared/contracts';

/** The parts of a rule the history names when they changed. */
export const RULE_PARTS = ['name', 'description', 'event', 'enabled', 'match', 'conditions', 'actions', 'stopProcessing'] as const;
export type RulePart = (typeof RULE_PARTS)[number];

/** Which parts differ between two versions of a rule (none when either side is missing). */
export function changedParts(before: RuleInput | null, after: RuleInput | null): RulePart[] {
  if (!before || !after) return [];
  return RULE_PARTS.filter((p) => JSON.stringify(before[p] ?? null) !== JSON.stringify(after[p] ?? null));
}

/** Each version (newest first, as the API lists them) with what changed since the one before it. */
export function withChanges(versions: readonly RuleVersionDto[]): (RuleVersionDto & { parts: RulePart[] })[] {
  return versions.map((v, i) => ({ ...v, parts: changedParts(versions[i + 1]?.rule ?? null, v.rule) }));
}
