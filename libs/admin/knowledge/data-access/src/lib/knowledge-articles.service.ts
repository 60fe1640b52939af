import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ArticleStatus,
  CreateArticleInput,
  KnowledgeArticleDto,
  KnowledgeArticleListItemDto,
  KnowledgeArticleVersionDto,
  KnowledgeDiffDto,
  KnowledgeVersionSummaryDto,
  Page,
  UpdateArticleInput,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { idPath, KNOWLEDGE_API, queryParams } from './knowledge-http';

const ARTICLES = `${KNOWLEDGE_API}/articles`;

export interface ArticleListQuery {
  q?: string | null;
  locale?: string | null;
  status?: ArticleStatus | null;
  tag?: string | null;
  region?: string | null;
  productId?: string | null;
  feedId?: string | null;
  limit?: number;
  cursor?: string | null;
}

/** Articles, their versions, diffs and restores. Every save makes a new version. */
@Injectable({ providedIn: 'root' })
export class KnowledgeArticlesService {
  private readonly http = inject(HttpClient);

  /** Most recently changed first; pass `nextCursor` back as `cursor` for the next page. */
  list(query: ArticleListQuery = {}): Observable<Page<KnowledgeArticleListItemDto>> {
    return this.http.get<Page<KnowledgeArticleListItemDto>>(ARTICLES, { params: queryParams(query) });
  }

  get(id: number): Observable<KnowledgeArticleDto> {
    return this.http.get<KnowledgeArticleDto>(`${ARTICLES}/${idPath(id)}`);
  }

  create(input: CreateArticleInput): Observable<KnowledgeArticleDto> {
    return this.http.post<KnowledgeArticleDto>(ARTICLES, input);
  }

  /** Saves a new version; with `baseVersion` the API answers 409 when someone saved in between. */
  update(id: number, input: UpdateArticleInput): Observable<KnowledgeArticleDto> {
    return this.http.patch<KnowledgeArticleDto>(`${ARTICLES}/${idPath(id)}`, input);
  }

  remove(id: number): Observable<void> {
    return this.http.delete<void>(`${ARTICLES}/${idPath(id)}`);
  }

  /** Newest first. */
  versions(id: number): Observable<KnowledgeVersionSummaryDto[]> {
    return this.http.get<KnowledgeVersionSummaryDto[]>(`${ARTICLES}/${idPath(id)}/versions`);
  }

  version(id: number, version: number): Observable<KnowledgeArticleVersionDto> {
    return this.http.get<KnowledgeArticleVersionDto>(`${ARTICLES}/${idPath(id)}/versions/${version}`);
  }

  /** What changed from version `against` (default: the one before) to `version`. */
  diff(id: number, version: number, against?: number): Observable<KnowledgeDiffDto> {
    return this.http.get<KnowledgeDiffDto>(`${ARTICLES}/${idPath(id)}/versions/${version}/diff`, {
      params: queryParams({ against }),
    });
  }

  /** Saves a copy of an old version as the newest version. */
  restore(id: number, version: number): Observable<KnowledgeArticleDto> {
    return this.http.post<KnowledgeArticleDto>(`${ARTICLES}/${idPath(id)}/versions/${version}/restore`, {});
  }
}
