import { Injectable } from '@nestjs/common';
import {
  KnowledgeArticleDto,
  KnowledgeSearchHit,
  knowledgeSearchSchema,
  KnowledgeSearchResultDto,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { ArticlesService } from './articles/articles.service';
import { KnowledgeSearchService, SearchOptions } from './search/knowledge-search.service';
import { KnowledgeSettingsService } from './settings/knowledge-settings.service';

export type { SearchOptions };

/**
 * What other domains use (the dialogue engine, escalation rules): retrieval with scores and the
 * answer threshold, and the article behind a hit.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly searcher: KnowledgeSearchService,
    private readonly articles: ArticlesService,
    private readonly settings: KnowledgeSettingsService,
  ) {}

  /**
   * Ranked published articles of `locale` for a shopper's question. `score` is 0..1 and comparable
   * across queries; `answerable` is score >= the admin's answer threshold.
   */
  search(query: string, opts: SearchOptions): Promise<KnowledgeSearchHit[]> {
    return this.searcher.search(query, opts);
  }

  /** The same, with the threshold, the expanded query terms and the time taken. */
  searchWithDetails(query: string, opts: SearchOptions): Promise<KnowledgeSearchResultDto> {
    return this.searcher.searchWithDetails(query, opts);
  }

  /** Validates an API request body and searches (POST /api/v1/knowledge/search). */
  searchRequest(body: unknown): Promise<KnowledgeSearchResultDto> {
    const r = parseWith(knowledgeSearchSchema, body);
    return this.searcher.searchWithDetails(r.query, r);
  }

  /** The article (its answer in Markdown) behind a hit; 404 when it does not exist. */
  getArticle(id: number): Promise<KnowledgeArticleDto> {
    return this.articles.get(id);
  }

  /**
   * Creates an article through the editor's own use case (validation, versions, the retrieval index),
   * e.g. a draft from an agent's edited reply. `body` is checked like POST /api/v1/knowledge/articles.
   */
  createArticle(body: unknown, authorId: string | null): Promise<KnowledgeArticleDto> {
    return this.articles.create(body, authorId);
  }

  answerThreshold(): Promise<number> {
    return this.settings.answerThreshold();
  }
}
