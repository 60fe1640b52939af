import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AddExamplesRequest,
  CreateIntentRequest,
  NluExampleDto,
  NluIntentDto,
  NluModelDto,
  NluParseRequest,
  NluResult,
  NluTrainingRunDto,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

const API = '/api/v1/nlu';

export type NluExampleSource = 'custom' | 'builtin';

export interface AddExamplesResult {
  added: number;
  skipped: number;
}

export interface UpdateIntentRequest {
  description?: string;
  enabled?: boolean;
}

function intentUrl(name: string): string {
  return `${API}/intents/${encodeURIComponent(name)}`;
}

/** The language engine endpoints: parse, intents and examples, training runs and model versions. */
@Injectable({ providedIn: 'root' })
export class NluService {
  private readonly http = inject(HttpClient);

  /** The full analysis of one text: language, intent ranking, entities, emotion. */
  parse(request: NluParseRequest): Observable<NluResult> {
    return this.http.post<NluResult>(`${API}/parse`, request);
  }

  /** Built-in and custom intents, sorted by name. */
  intents(): Observable<NluIntentDto[]> {
    return this.http.get<NluIntentDto[]>(`${API}/intents`);
  }

  /** 409 when the name is taken, 400 (with `issues`) when it is not snake_case. */
  createIntent(request: CreateIntentRequest): Observable<NluIntentDto> {
    return this.http.post<NluIntentDto>(`${API}/intents`, request);
  }

  updateIntent(name: string, request: UpdateIntentRequest): Observable<NluIntentDto> {
    return this.http.patch<NluIntentDto>(intentUrl(name), request);
  }

  /** Custom intents only; deletes their examples too. */
  deleteIntent(name: string): Observable<void> {
    return this.http.delete<void>(intentUrl(name));
  }

  /** At most 200, newest first for custom ones. */
  examples(intent: string, source: NluExampleSource): Observable<NluExampleDto[]> {
    const params = new HttpParams().set('source', source);
    return this.http.get<NluExampleDto[]>(`${intentUrl(intent)}/examples`, { params });
  }

  /** Duplicates are skipped, not errors. */
  addExamples(intent: string, request: AddExamplesRequest): Observable<AddExamplesResult> {
    return this.http.post<AddExamplesResult>(`${intentUrl(intent)}/examples`, request);
  }

  deleteExample(id: string): Observable<void> {
    return this.http.delete<void>(`${API}/examples/${encodeURIComponent(id)}`);
  }

  /** Starts a retraining, or answers with the run already queued or running. */
  train(): Observable<NluTrainingRunDto> {
    return this.http.post<NluTrainingRunDto>(`${API}/train`, {});
  }

  /** The latest runs, newest first. */
  trainingRuns(): Observable<NluTrainingRunDto[]> {
    return this.http.get<NluTrainingRunDto[]>(`${API}/training-runs`);
  }

  trainingRun(id: string): Observable<NluTrainingRunDto> {
    return this.http.get<NluTrainingRunDto>(`${API}/training-runs/${encodeURIComponent(id)}`);
  }

  /** Model versions, newest first. */
  models(): Observable<NluModelDto[]> {
    return this.http.get<NluModelDto[]>(`${API}/models`);
  }

  /** Makes an earlier version the active one again. */
  activateModel(version: number): Observable<NluModelDto> {
    return this.http.post<NluModelDto>(`${API}/models/${version}/activate`, {});
  }
}
