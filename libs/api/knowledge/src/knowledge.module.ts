import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticleWriter } from './articles/article-writer';
import { KnowledgeCacheBus } from './cache/knowledge-cache-bus';
import { ExclusiveTransactions } from './db/exclusive-transaction';
import { ArticlesService } from './articles/articles.service';
import { ArticlesController } from './controllers/articles.controller';
import { FeedsController } from './controllers/feeds.controller';
import { ImportsController } from './controllers/imports.controller';
import { SearchController } from './controllers/search.controller';
import { SynonymsController } from './controllers/synonyms.controller';
import { UnknownQuestionsController } from './controllers/unknown-questions.controller';
import { KNOWLEDGE_ENTITIES } from './entities';
import { FeedSyncService } from './feeds/feed-sync.service';
import { FeedsService } from './feeds/feeds.service';
import { ArticleUpserter } from './imports/article-upserter';
import { ImportsService } from './imports/imports.service';
import { KnowledgeExportService } from './imports/knowledge-export.service';
import { KnowledgeReindexProcessor } from './jobs/knowledge-reindex.processor';
import { KnowledgeService } from './knowledge.service';
import { KnowledgeSearchService } from './search/knowledge-search.service';
import { TermStatsCache } from './search/term-stats-cache.service';
import { KnowledgeSeeder } from './seed/knowledge-seeder.service';
import { KnowledgeSettingsService } from './settings/knowledge-settings.service';
import { SynonymsService } from './synonyms/synonyms.service';
import { UnknownQuestionsService } from './unknown/unknown-questions.service';

/**
 * The knowledge base: FAQ articles with versions, retrieval, synonyms, imports and exports, feed
 * sync and the unknown-question queue. Import it once in the API's root module.
 */
@Module({
  imports: [TypeOrmModule.forFeature(KNOWLEDGE_ENTITIES)],
  controllers: [
    ArticlesController,
    SearchController,
    SynonymsController,
    ImportsController,
    FeedsController,
    UnknownQuestionsController,
  ],
  providers: [
    KnowledgeCacheBus,
    ExclusiveTransactions,
    ArticleWriter,
    ArticlesService,
    ArticleUpserter,
    KnowledgeSearchService,
    TermStatsCache,
    KnowledgeService,
    KnowledgeSettingsService,
    SynonymsService,
    KnowledgeSeeder,
    KnowledgeReindexProcessor,
    ImportsService,
    KnowledgeExportService,
    FeedsService,
    FeedSyncService,
    UnknownQuestionsService,
  ],
  exports: [KnowledgeService, UnknownQuestionsService, KnowledgeSeeder],
})
export class KnowledgeModule {}
