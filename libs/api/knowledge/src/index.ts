/**
 * Knowledge: FAQ articles and their retrieval, imports, feeds and the unknown-question queue.
 *
 * Import `KnowledgeModule` once in the API's root module. Other domains use:
 * - `KnowledgeService.search(query, { locale, region?, productId?, limit })`: ranked published
 *   articles with a 0..1 score comparable across queries and `answerable` (score >= the admin's
 *   threshold); `getArticle(id)` for the answer;
 * - `UnknownQuestionsService.record({ text, language, reason, ... })`: a question the bot could
 *   not answer, for the admins' queue.
 */
export { KnowledgeModule } from './knowledge.module';
export { KnowledgeService } from './knowledge.service';
export type { SearchOptions } from './knowledge.service';
export { UnknownQuestionsService } from './unknown/unknown-questions.service';
export { KnowledgeSeeder } from './seed/knowledge-seeder.service';
export { DEFAULT_ANSWER_THRESHOLD } from './settings/knowledge-settings.service';
