import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  KnowledgeSearchInput,
  KnowledgeSearchResultDto,
  KnowledgeSettingsDto,
  SynonymGroupDto,
  SynonymGroupInput,
  UpdateKnowledgeSettingsRequest,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { idPath, KNOWLEDGE_API } from './knowledge-http';

const SYNONYMS = `${KNOWLEDGE_API}/synonyms`;

/** Retrieval as the bot runs it, the answer threshold, and the synonym list that feeds it. */
@Injectable({ providedIn: 'root' })
export class KnowledgeSearchService {
  private readonly http = inject(HttpClient);

  search(input: KnowledgeSearchInput): Observable<KnowledgeSearchResultDto> {
    return this.http.post<KnowledgeSearchResultDto>(`${KNOWLEDGE_API}/search`, input);
  }

  settings(): Observable<KnowledgeSettingsDto> {
    return this.http.get<KnowledgeSettingsDto>(`${KNOWLEDGE_API}/settings`);
  }

  updateSettings(input: UpdateKnowledgeSettingsRequest): Observable<KnowledgeSettingsDto> {
    return this.http.put<KnowledgeSettingsDto>(`${KNOWLEDGE_API}/settings`, input);
  }

  synonyms(): Observable<SynonymGroupDto[]> {
    return this.http.get<SynonymGroupDto[]>(SYNONYMS);
  }

  createSynonyms(input: SynonymGroupInput): Observable<SynonymGroupDto> {
    return this.http.post<SynonymGroupDto>(SYNONYMS, input);
  }

  updateSynonyms(id: string, input: SynonymGroupInput): Observable<SynonymGroupDto> {
    return this.http.put<SynonymGroupDto>(`${SYNONYMS}/${idPath(id)}`, input);
  }

  removeSynonyms(id: string): Observable<void> {
    return this.http.delete<void>(`${SYNONYMS}/${idPath(id)}`);
  }
}
