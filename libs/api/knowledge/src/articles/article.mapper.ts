import type {
  KnowledgeArticleDto,
  KnowledgeArticleListItemDto,
  KnowledgeArticleVersionDto,
} from '@kefu/shared/contracts';
import type { Article } from '../entities/article.entity';
import type { ArticleVersion } from '../entities/article-version.entity';

/** `authorName`: users.name of the author (null when there is none or the user was deleted). */
export function toArticleDto(a: Article, authorName: string | null): KnowledgeArticleDto {
  return {
    id: a.id,
    externalKey: a.externalKey,
    title: a.title,
    questions: a.questions,
    answer: a.answer,
    locale: a.locale,
    regions: a.regions,
    productIds: a.productIds,
    categoryIds: a.categoryIds,
    tags: a.tags,
    status: a.status,
    version: a.version,
    authorId: a.authorId,
    authorName: a.authorId ? authorName : null,
    source: a.source,
    feedId: a.feedId,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toListItemDto(a: Article, authorName: string | null): KnowledgeArticleListItemDto {
  const { answer, ...rest } = toArticleDto(a, authorName);
  return { ...rest, answerPreview: answer.length > 200 ? `${answer.slice(0, 200)}…` : answer };
}

export function toVersionDto(v: ArticleVersion, authorName: string | null): KnowledgeArticleVersionDto {
  return {
    articleId: v.articleId,
    version: v.version,
    externalKey: v.externalKey,
    title: v.title,
    questions: v.questions,
    answer: v.answer,
    locale: v.locale,
    regions: v.regions,
    productIds: v.productIds,
    categoryIds: v.categoryIds,
    tags: v.tags,
    status: v.status,
    authorId: v.authorId,
    authorName: v.authorId ? authorName : null,
    source: v.source,
    restoredFrom: v.restoredFrom,
    note: v.note,
    createdAt: v.createdAt.toISOString(),
  };
}
