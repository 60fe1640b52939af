import { registerPersonalData } from '@kefu/api/platform/database';
import { Article } from './article.entity';
import { ArticleVersion } from './article-version.entity';
import { Feed } from './feed.entity';
import { FeedRun } from './feed-run.entity';
import { KnowledgeImport } from './knowledge-import.entity';
import { KnowledgeSetting } from './knowledge-setting.entity';
import { SynonymGroup } from './synonym-group.entity';
import { UnknownGroup } from './unknown-group.entity';
import { UnknownQuestion } from './unknown-question.entity';

export {
  Article,
  ArticleVersion,
  Feed,
  FeedRun,
  KnowledgeImport,
  KnowledgeSetting,
  SynonymGroup,
  UnknownGroup,
  UnknownQuestion,
};
export const KNOWLEDGE_ENTITIES = [
  Article,
  ArticleVersion,
  Feed,
  FeedRun,
  KnowledgeImport,
  KnowledgeSetting,
  SynonymGroup,
  UnknownGroup,
  UnknownQuestion,
];

registerPersonalData({
  table: 'knowledge_unknown_questions',
  columns: ['text', 'normalized', 'tokens', 'agent_answer'],
  subject: {
    kind: 'contact',
    column: 'conversation_id',
    via: { table: 'conversations', column: 'contact_id' },
  },
  description: "questions shoppers asked that the bot could not answer, and the agent's reply",
});
