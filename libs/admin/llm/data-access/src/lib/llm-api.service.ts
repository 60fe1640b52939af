import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  LlmKeyTestDto,
  LlmSettingsDto,
  LlmSettingsUpdate,
  LlmTrainingCandidateDto,
  LlmTrainingCandidatePage,
  LlmTrainingCandidateStatus,
  LlmUsageReportDto,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

export const LLM_API = '/api/v1/llm';

export const LLM_TRAINING_STATUSES: readonly LlmTrainingCandidateStatus[] = ['new', 'accepted', 'dismissed'];

/** The ranges the usage page offers, in days. */
export const LLM_USAGE_RANGES = [7, 30, 90] as const;

/**
 * Claude's endpoints: settings and the API key (`llm.manage`), the usage report (`llm.read`) and the
 * training candidates (`llm.manage`). The key goes up in a PUT and never comes back.
 */
@Injectable({ providedIn: 'root' })
export class LlmApiService {
  private readonly http = inject(HttpClient);

  settings(): Observable<LlmSettingsDto> {
    return this.http.get<LlmSettingsDto>(`${LLM_API}/settings`);
  }

  /** 400 names the fields; 409 when `expectedVersion` is stale or the server cannot store keys. */
  updateSettings(update: LlmSettingsUpdate): Observable<LlmSettingsDto> {
    return this.http.put<LlmSettingsDto>(`${LLM_API}/settings`, update);
  }

  testConnection(): Observable<LlmKeyTestDto> {
    return this.http.post<LlmKeyTestDto>(`${LLM_API}/settings/test`, {});
  }

  usage(days: number): Observable<LlmUsageReportDto> {
    return this.http.get<LlmUsageReportDto>(`${LLM_API}/usage`, {
      params: new HttpParams().set('days', days),
    });
  }

  trainingCandidates(
    status: LlmTrainingCandidateStatus,
    cursor: string | null,
  ): Observable<LlmTrainingCandidatePage> {
    let params = new HttpParams().set('status', status);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<LlmTrainingCandidatePage>(`${LLM_API}/training-candidates`, { params });
  }

  /** Adds the message to the language engine's examples, under `intent` (default: Claude's reading). */
  accept(id: string, intent?: string): Observable<LlmTrainingCandidateDto> {
    return this.http.post<LlmTrainingCandidateDto>(
      `${LLM_API}/training-candidates/${encodeURIComponent(id)}/accept`,
      intent ? { intent } : {},
    );
  }

  dismiss(id: string): Observable<LlmTrainingCandidateDto> {
    return this.http.post<LlmTrainingCandidateDto>(
      `${LLM_API}/training-candidates/${encodeURIComponent(id)}/dismiss`,
      {},
    );
  }
}
