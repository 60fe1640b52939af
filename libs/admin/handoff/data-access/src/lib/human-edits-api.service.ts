import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { HumanEditDto, HumanEditStatus, Page } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { HANDOFF_API, queryParams } from './http-params';

export interface HumanEditsQuery {
  status?: HumanEditStatus | null;
  limit?: number;
  cursor?: string | null;
}

export interface SendHumanEditInput {
  target: 'knowledge' | 'training';
  /** For the knowledge base: the article's title. */
  title?: string;
  /** For training data: the intent the example teaches. */
  intent?: string;
}

const editPath = (id: string) => `${HANDOFF_API}/human-edits/${encodeURIComponent(id)}`;

/** Suggested replies agents changed before sending (`handoff.manage`). */
@Injectable({ providedIn: 'root' })
export class HumanEditsApiService {
  private readonly http = inject(HttpClient);

  list(query: HumanEditsQuery = {}): Observable<Page<HumanEditDto>> {
    return this.http.get<Page<HumanEditDto>>(`${HANDOFF_API}/human-edits`, { params: queryParams(query) });
  }

  send(id: string, input: SendHumanEditInput): Observable<HumanEditDto> {
    return this.http.post<HumanEditDto>(`${editPath(id)}/send`, input);
  }

  dismiss(id: string): Observable<HumanEditDto> {
    return this.http.post<HumanEditDto>(`${editPath(id)}/dismiss`, {});
  }
}
