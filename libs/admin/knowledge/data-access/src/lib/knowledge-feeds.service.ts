import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreateFeedInput,
  KnowledgeFeedDto,
  KnowledgeFeedRunDto,
  UpdateFeedInput,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { idPath, KNOWLEDGE_API } from './knowledge-http';

const FEEDS = `${KNOWLEDGE_API}/feeds`;

/** Feeds: URLs synced into articles on a schedule. */
@Injectable({ providedIn: 'root' })
export class KnowledgeFeedsService {
  private readonly http = inject(HttpClient);

  list(): Observable<KnowledgeFeedDto[]> {
    return this.http.get<KnowledgeFeedDto[]>(FEEDS);
  }

  get(id: string): Observable<KnowledgeFeedDto> {
    return this.http.get<KnowledgeFeedDto>(`${FEEDS}/${idPath(id)}`);
  }

  create(input: CreateFeedInput): Observable<KnowledgeFeedDto> {
    return this.http.post<KnowledgeFeedDto>(FEEDS, input);
  }

  update(id: string, input: UpdateFeedInput): Observable<KnowledgeFeedDto> {
    return this.http.patch<KnowledgeFeedDto>(`${FEEDS}/${idPath(id)}`, input);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${FEEDS}/${idPath(id)}`);
  }

  /** Starts a sync now; the run shows up as the feed's `lastRun`. */
  run(id: string): Observable<KnowledgeFeedRunDto> {
    return this.http.post<KnowledgeFeedRunDto>(`${FEEDS}/${idPath(id)}/run`, {});
  }

  /** Past runs, newest first. */
  runs(id: string): Observable<KnowledgeFeedRunDto[]> {
    return this.http.get<KnowledgeFeedRunDto[]>(`${FEEDS}/${idPath(id)}/runs`);
  }
}
