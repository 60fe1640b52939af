import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  EscalationRuleDto,
  HandoffReason,
  HandoffSettings,
  Priority,
  RuleInput,
  RuleTestInput,
  RuleTestResultDto,
  RuleVersionDto,
  SafetyTrigger,
  TeamDto,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

export const HANDOFF_API = '/api/v1/handoff';
const RULES = `${HANDOFF_API}/rules`;
const rulePath = (id: string) => `${RULES}/${encodeURIComponent(id)}`;

/** One built-in safety trigger as `GET /safety-triggers` lists it (read only; always on). */
export interface SafetyTriggerInfo {
  trigger: SafetyTrigger;
  description: string;
  reason: HandoffReason;
  priority: Priority;
}

/** The hand-off settings with who saved them last. */
export type HandoffSettingsDto = HandoffSettings & {
  version: number;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
};

/** Staff who can work hand-offs (`GET /handoff/agents`). */
export interface HandoffAgent {
  id: string;
  name: string;
  role: string;
  availability: string;
  load: number;
  teamIds: string[];
}

/** The escalation rules, thresholds and rule tester endpoints (`handoff.manage`), plus the teams they route to. */
@Injectable({ providedIn: 'root' })
export class RulesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<EscalationRuleDto[]> {
    return this.http.get<EscalationRuleDto[]>(RULES);
  }

  get(id: string): Observable<EscalationRuleDto> {
    return this.http.get<EscalationRuleDto>(rulePath(id));
  }

  create(input: RuleInput): Observable<EscalationRuleDto> {
    return this.http.post<EscalationRuleDto>(RULES, input);
  }

  /** A stale `expectedVersion` answers 409. */
  update(id: string, input: RuleInput, expectedVersion?: number): Observable<EscalationRuleDto> {
    return this.http.put<EscalationRuleDto>(rulePath(id), { ...input, expectedVersion });
  }

  setEnabled(id: string, enabled: boolean): Observable<EscalationRuleDto> {
    return this.http.patch<EscalationRuleDto>(rulePath(id), { enabled });
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(rulePath(id));
  }

  /** Every rule id in the new order; answers the list as stored. */
  reorder(ids: string[]): Observable<EscalationRuleDto[]> {
    return this.http.post<EscalationRuleDto[]>(`${RULES}/reorder`, { ids });
  }

  /** Newest first. */
  versions(id: string): Observable<RuleVersionDto[]> {
    return this.http.get<RuleVersionDto[]>(`${rulePath(id)}/versions`);
  }

  safetyTriggers(): Observable<SafetyTriggerInfo[]> {
    return this.http.get<SafetyTriggerInfo[]>(`${HANDOFF_API}/safety-triggers`);
  }

  test(input: RuleTestInput): Observable<RuleTestResultDto> {
    return this.http.post<RuleTestResultDto>(`${RULES}/test`, input);
  }

  settings(): Observable<HandoffSettingsDto> {
    return this.http.get<HandoffSettingsDto>(`${HANDOFF_API}/settings`);
  }

  saveSettings(settings: HandoffSettings): Observable<HandoffSettingsDto> {
    return this.http.put<HandoffSettingsDto>(`${HANDOFF_API}/settings`, settings);
  }

  teams(): Observable<TeamDto[]> {
    return this.http.get<TeamDto[]>(`${HANDOFF_API}/teams`);
  }

  agents(): Observable<HandoffAgent[]> {
    return this.http.get<HandoffAgent[]>(`${HANDOFF_API}/agents`);
  }
}
