import { LlmOffReason, LlmSettings, LlmSettingsDto, llmSettingsSchema } from '@kefu/shared/contracts';

/** The editable settings of a DTO (or defaults), in a fixed key order so two copies compare as JSON. */
export function settingsOf(s: LlmSettings): LlmSettings {
  return {
    enabled: s.enabled,
    model: s.model,
    channels: [...s.channels],
    disabledIntents: [...s.disabledIntents],
    classificationFallback: s.classificationFallback,
    agentAssist: s.agentAssist,
    streaming: s.streaming,
    dailyBudgetUsd: s.dailyBudgetUsd,
    budgetAlertRatio: s.budgetAlertRatio,
    neverAbroadRegions: [...s.neverAbroadRegions],
    unmaskedRegions: [...s.unmaskedRegions],
    maxToolSteps: s.maxToolSteps,
    timeoutMs: s.timeoutMs,
  };
}

/** Field → problem, from the schema here or the server's 400 (`issues[].path`). */
export type LlmSettingsIssues = Partial<Record<keyof LlmSettings | '_', string>>;

/** What is wrong with a form before it is sent: the same schema the server checks with. */
export function settingsIssues(form: LlmSettings): LlmSettingsIssues {
  const out: LlmSettingsIssues = {};
  const r = llmSettingsSchema.safeParse(form);
  if (!r.success)
    for (const i of r.error.issues) out[String(i.path[0] ?? '_') as keyof LlmSettingsIssues] ??= i.message;
  return out;
}

export function issuesFromServer(
  issues: { path: string | (string | number)[]; message: string }[] | undefined,
): LlmSettingsIssues {
  const out: LlmSettingsIssues = {};
  for (const i of issues ?? []) {
    const path = Array.isArray(i.path) ? i.path.map(String) : String(i.path).split('.');
    const field = (path[0] === 'body' ? path[1] : path[0]) || '_';
    out[field as keyof LlmSettingsIssues] ??= i.message;
  }
  return out;
}

/**
 * Why Claude is not answering, as the status card explains it. `key_unreadable`: a key is stored but the
 * server cannot decrypt it (its secret changed) — it counts as no key until saved again.
 */
export type LlmStatusReason = Exclude<LlmOffReason, null> | 'key_unreadable';

export interface LlmStatusView {
  answering: boolean;
  reason: LlmStatusReason | null;
  /** The breaker is letting a trial call through after an outage. */
  recovering: boolean;
  spentTodayUsd: number;
  dailyBudgetUsd: number | null;
  /** Share of today's budget spent, 0…1 (capped); null without a budget. */
  spentRatio: number | null;
  /** Spending has reached the alert level. */
  alert: boolean;
}

export function statusView(dto: LlmSettingsDto): LlmStatusView {
  const off = dto.status.off;
  const reason: LlmStatusReason | null = off === 'no_key' && dto.keySet ? 'key_unreadable' : off;
  const budget = dto.dailyBudgetUsd;
  const spent = dto.status.spentTodayUsd;
  const ratio = budget === null ? null : budget <= 0 ? 1 : Math.min(1, spent / budget);
  return {
    answering: off === null,
    reason,
    recovering: off === null && dto.status.breaker === 'half_open',
    spentTodayUsd: spent,
    dailyBudgetUsd: budget,
    spentRatio: ratio,
    alert: ratio !== null && ratio >= dto.budgetAlertRatio,
  };
}

/**
 * Which key Claude uses, for the key card: one stored here (shown only by its last four characters),
 * one stored but unreadable, one from the server's environment, or none.
 */
export type LlmKeyState = 'stored' | 'unreadable' | 'environment' | 'none';

export function keyState(dto: LlmSettingsDto): LlmKeyState {
  if (dto.keySet)
    return dto.keySource === 'settings' && dto.status.off !== 'no_key' ? 'stored' : 'unreadable';
  return dto.keySource === 'environment' ? 'environment' : 'none';
}

/** What is wrong with a key typed into the form (the server's rules), or null. */
export type LlmKeyProblem = 'short' | 'spaces' | null;

export function keyProblem(raw: string): LlmKeyProblem {
  const key = raw.trim();
  if (!key) return null;
  if (/\s/.test(key)) return 'spaces';
  if (key.length < 20) return 'short';
  return null;
}

/** Region codes typed into the chip input ("cn, de jp") → upper-case two-letter codes, and what was not one. */
export function parseRegions(raw: string): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const part of raw.split(/[\s,，、;]+/).filter(Boolean)) {
    const code = part.toUpperCase();
    if (/^[A-Z]{2}$/.test(code)) codes.push(code);
    else invalid.push(part);
  }
  return { codes, invalid };
}
