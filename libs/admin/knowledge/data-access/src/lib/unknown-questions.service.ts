import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  KnowledgeArticleDto,
  LabelUnknownGroupRequest,
  NluIntentDto,
  Page,
  UnknownGroupStatus,
  UnknownGroupToArticleRequest,
  UnknownQuestionGroupDto,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { idPath, KNOWLEDGE_API, queryParams } from './knowledge-http';

const UNKNOWN = `${KNOWLEDGE_API}/unknown-questions`;

export interface UnknownGroupQuery {
  status?: UnknownGroupStatus;
  language?: string | null;
  limit?: number;
  cursor?: string | null;
}

/** The queue of questions the bot could not answer, grouped by similarity. */
@Injectable({ providedIn: 'root' })
export class UnknownQuestionsService {
  private readonly http = inject(HttpClient);

  list(query: UnknownGroupQuery = {}): Observable<Page<UnknownQuestionGroupDto>> {
    return this.http.get<Page<UnknownQuestionGroupDto>>(UNKNOWN, { params: queryParams(query) });
  }

  /** One group with up to 50 examples. */
  get(id: string): Observable<UnknownQuestionGroupDto> {
    return this.http.get<UnknownQuestionGroupDto>(`${UNKNOWN}/${idPath(id)}`);
  }

  /** The group's questions become training examples of the intent. */
  label(id: string, request: LabelUnknownGroupRequest): Observable<UnknownQuestionGroupDto> {
    return this.http.post<UnknownQuestionGroupDto>(`${UNKNOWN}/${idPath(id)}/label`, request);
  }

  /** Creates a draft article from the group (questions as variants, the agent's answer as the answer). */
  toArticle(id: string, request: UnknownGroupToArticleRequest = {}): Observable<KnowledgeArticleDto> {
    return this.http.post<KnowledgeArticleDto>(`${UNKNOWN}/${idPath(id)}/article`, request);
  }

  dismiss(id: string): Observable<UnknownQuestionGroupDto> {
    return this.http.post<UnknownQuestionGroupDto>(`${UNKNOWN}/${idPath(id)}/dismiss`, {});
  }

  /** The language engine's intents, for the label picker (needs `nlu.read`). */
  intents(): Observable<NluIntentDto[]> {
    return this.http.get<NluIntentDto[]>('/api/v1/nlu/intents');
  }
}
