import { z } from 'zod';
import { INTENT_NAME_PATTERN } from './nlu';

/*
 * Knowledge base: FAQ articles with versions, retrieval, synonyms, imports, feeds and the
 * unknown-question queue. Every endpoint lives under /api/v1/knowledge; reads need
 * `knowledge.read`, writes `knowledge.manage`. Errors are ApiErrorDto (400 names the field).
 */

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

export enum ArticleStatus {
  Draft = 'draft',
  Published = 'published',
  Archived = 'archived',
}

/** Where a version came from. */
export enum ArticleSource {
  Manual = 'manual',
  Import = 'import',
  Feed = 'feed',
  Restore = 'restore',
  Seed = 'seed',
  UnknownQuestion = 'unknown_question',
}

/** Locales the retrieval segments natively; any other BCP 47 locale is stored and searched as words. */
export const KNOWLEDGE_LOCALES = ['zh-CN', 'en', 'ja'] as const;

function canonicalLocale(v: string): string | null {
  try {
    return Intl.getCanonicalLocales(v)[0] ?? null;
  } catch {
    return null;
  }
}

/** A BCP 47 locale such as `zh-CN`, `en` or `ja`; returned in canonical case (`zh-cn` → `zh-CN`). */
export const localeSchema = z
  .string()
  .trim()
  .min(2, 'locale is empty')
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale must look like zh-CN, en or ja')
  .transform((v, ctx) => {
    const c = canonicalLocale(v);
    if (!c) {
      ctx.addIssue({ code: 'custom', message: 'locale is not a valid BCP 47 tag' });
      return z.NEVER;
    }
    return c;
  });

/** A region code such as `CN`, `JP`, `US` or `EU`; stored upper-case. */
export const regionSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{2,20}$/, 'region must be 2 to 20 letters, digits, _ or -')
  .transform((v) => v.toUpperCase());

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const idList = (what: string, max: number) =>
  z
    .array(z.string().trim().min(1, `${what} is empty`).max(100, `${what} is longer than 100 characters`))
    .max(max, `at most ${max} entries`)
    .transform(uniq);

// ---------------------------------------------------------------------------------------------
// Articles and versions
// ---------------------------------------------------------------------------------------------

const articleFields = {
  /** The article's own question, shown in lists and matched like a variant. */
  title: z.string().trim().min(1, 'title is empty').max(300, 'title is longer than 300 characters'),
  /** Other ways shoppers ask the same question. */
  questions: z
    .array(z.string().trim().min(1, 'question is empty').max(500, 'question is longer than 500 characters'))
    .max(100, 'at most 100 question variants')
    .transform(uniq),
  /** Markdown (links and images allowed). May be empty only while the article is a draft. */
  answer: z.string().trim().max(20_000, 'answer is longer than 20000 characters'),
  locale: localeSchema,
  /** Regions the answer applies to; empty = every region. */
  regions: z.array(regionSchema).max(50, 'at most 50 regions').transform(uniq),
  /** Products the answer is about; empty = not product-specific. */
  productIds: idList('product id', 200),
  categoryIds: idList('category id', 100),
  tags: z
    .array(z.string().trim().min(1, 'tag is empty').max(50, 'tag is longer than 50 characters'))
    .max(30, 'at most 30 tags')
    .transform(uniq),
  status: z.enum(ArticleStatus),
  /** Your system's id for the article; imports and feeds match on it. Unique. */
  externalKey: z
    .string()
    .trim()
    .min(1, 'externalKey is empty')
    .max(200, 'externalKey is longer than 200 characters')
    .nullable(),
};

const publishedNeedsAnswer = (a: { status?: ArticleStatus; answer?: string }) =>
  !(a.status === ArticleStatus.Published && a.answer !== undefined && a.answer.length === 0);
const answerIssue = { message: 'answer is empty; a published article needs an answer', path: ['answer'] };

export const createArticleSchema = z
  .object({
    ...articleFields,
    questions: articleFields.questions.default([]),
    answer: articleFields.answer.default(''),
    regions: articleFields.regions.default([]),
    productIds: articleFields.productIds.default([]),
    categoryIds: articleFields.categoryIds.default([]),
    tags: articleFields.tags.default([]),
    status: articleFields.status.default(ArticleStatus.Draft),
    externalKey: articleFields.externalKey.default(null),
  })
  .strict()
  .refine(publishedNeedsAnswer, answerIssue);
export type CreateArticleInput = z.input<typeof createArticleSchema>;
export type CreateArticleRequest = z.infer<typeof createArticleSchema>;

/**
 * Every save makes a new version. `baseVersion` (optional) is the version the editor started
 * from: when the article has moved on since, the save is refused with 409 instead of overwriting.
 */
export const updateArticleSchema = z
  .object({
    ...articleFields,
    baseVersion: z.number().int().min(1).optional(),
    /** A short note for the history ("fixed the return window"). */
    note: z.string().trim().max(500).optional(),
  })
  .partial()
  .strict()
  .refine(publishedNeedsAnswer, answerIssue);
export type UpdateArticleInput = z.input<typeof updateArticleSchema>;
export type UpdateArticleRequest = z.infer<typeof updateArticleSchema>;

export const listArticlesQuerySchema = z
  .object({
    /** Words in the title, question variants or answer (case-insensitive substring). */
    q: z.string().trim().max(200).optional(),
    locale: localeSchema.optional(),
    status: z.enum(ArticleStatus).optional(),
    tag: z.string().trim().max(50).optional(),
    region: regionSchema.optional(),
    productId: z.string().trim().max(100).optional(),
    /** Articles synced from this feed. */
    feedId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListArticlesQuery = z.infer<typeof listArticlesQuerySchema>;

export interface KnowledgeArticleDto {
  id: number;
  externalKey: string | null;
  title: string;
  questions: string[];
  answer: string;
  locale: string;
  regions: string[];
  productIds: string[];
  categoryIds: string[];
  tags: string[];
  status: ArticleStatus;
  /** The current version number (1 for a new article). */
  version: number;
  /** The user who saved the current version; null for imports without a user, feeds and seeds. */
  authorId: string | null;
  /** That user's display name; null without an author or when the user has been deleted. */
  authorName: string | null;
  source: ArticleSource;
  /** The feed that keeps this article in sync, if any. */
  feedId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A row of the article list: everything but the full answer. */
export type KnowledgeArticleListItemDto = Omit<KnowledgeArticleDto, 'answer'> & { answerPreview: string };

/** One immutable version of an article. */
export interface KnowledgeArticleVersionDto {
  articleId: number;
  version: number;
  externalKey: string | null;
  title: string;
  questions: string[];
  answer: string;
  locale: string;
  regions: string[];
  productIds: string[];
  categoryIds: string[];
  tags: string[];
  status: ArticleStatus;
  authorId: string | null;
  /** The author's display name; null without an author or when the user has been deleted. */
  authorName: string | null;
  source: ArticleSource;
  /** For a restore: the version it copies. */
  restoredFrom: number | null;
  note: string | null;
  createdAt: string;
}

/** An entry of the history list (GET .../versions), newest first. */
export interface KnowledgeVersionSummaryDto {
  version: number;
  title: string;
  status: ArticleStatus;
  authorId: string | null;
  /** The author's display name; null without an author or when the user has been deleted. */
  authorName: string | null;
  source: ArticleSource;
  restoredFrom: number | null;
  note: string | null;
  /** Fields that differ from the previous version (all fields for version 1). */
  changedFields: string[];
  createdAt: string;
}

/** A piece of a diff, as the `diff` package returns it: unchanged, added or removed text. */
export interface DiffPartDto {
  value: string;
  added: boolean;
  removed: boolean;
}

/**
 * GET /articles/:id/versions/:version/diff?against=N (default: the previous version).
 * Lists only the fields that changed. Lists (questions, tags, …) are diffed one entry per line,
 * the answer line by line, the title character by character.
 */
export interface KnowledgeDiffDto {
  articleId: number;
  from: number;
  to: number;
  fields: { field: string; parts: DiffPartDto[] }[];
}

export const diffQuerySchema = z.object({ against: z.coerce.number().int().min(1).optional() }).strict();

// ---------------------------------------------------------------------------------------------
// Retrieval
// ---------------------------------------------------------------------------------------------

export const knowledgeSearchSchema = z
  .object({
    query: z.string().trim().min(1, 'query is empty').max(1000, 'query is longer than 1000 characters'),
    locale: localeSchema,
    /** The shopper's region: articles scoped to other regions are left out. */
    region: regionSchema.optional(),
    /** The product the shopper is looking at: articles scoped to other products are left out. */
    productId: z.string().trim().min(1).max(100).optional(),
    categoryId: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(5),
    /** Also search published articles of other locales when the locale has no answerable hit. */
    fallbackLocales: z.boolean().default(false),
  })
  .strict();
export type KnowledgeSearchInput = z.input<typeof knowledgeSearchSchema>;
export type KnowledgeSearchRequest = z.infer<typeof knowledgeSearchSchema>;

export interface KnowledgeSearchHit {
  articleId: number;
  title: string;
  /** 0..1, comparable across queries: how well the best-matching variant covers the question. */
  score: number;
  /** The title or question variant that matched best. */
  matchedVariant: string;
  locale: string;
  /** score >= the answer threshold: good enough for the bot to send. */
  answerable: boolean;
}

/** POST /api/v1/knowledge/search (the admin's "test retrieval" box). */
export interface KnowledgeSearchResultDto {
  hits: KnowledgeSearchHit[];
  /** The answer threshold in force (a setting). */
  threshold: number;
  /** The query's terms after segmentation, with synonym and spelling expansions, for explaining a result. */
  terms: string[];
  tookMs: number;
}

// ---------------------------------------------------------------------------------------------
// Settings and synonyms
// ---------------------------------------------------------------------------------------------

export interface KnowledgeSettingsDto {
  /** A hit with a score at or above this is answerable. */
  answerThreshold: number;
  /** The shipped default, for a "reset" button. */
  defaultAnswerThreshold: number;
}

export const updateKnowledgeSettingsSchema = z
  .object({
    answerThreshold: z
      .number()
      .min(0, 'answerThreshold must be between 0 and 1')
      .max(1, 'answerThreshold must be between 0 and 1'),
  })
  .strict();
export type UpdateKnowledgeSettingsRequest = z.infer<typeof updateKnowledgeSettingsSchema>;

export const synonymGroupSchema = z
  .object({
    /** Words or phrases that mean the same to a shopper, e.g. ["包邮", "免运费", "免邮"]. */
    terms: z
      .array(z.string().trim().min(1, 'term is empty').max(100, 'term is longer than 100 characters'))
      .transform(uniq)
      .refine((t) => t.length >= 2, 'a synonym group needs at least two different terms')
      .refine((t) => t.length <= 50, 'at most 50 terms per group'),
    /** Null = applies to every locale. */
    locale: localeSchema.nullable().default(null),
  })
  .strict();
export type SynonymGroupInput = z.input<typeof synonymGroupSchema>;
export type SynonymGroupRequest = z.infer<typeof synonymGroupSchema>;

export interface SynonymGroupDto {
  id: string;
  terms: string[];
  locale: string | null;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Import and export
// ---------------------------------------------------------------------------------------------

/**
 * csv: UTF-8, a header row; columns external_key, title, questions, answer, locale, status,
 *   regions, product_ids, category_ids, tags (only title and answer are required). List cells
 *   separate entries with `|`.
 * json: an array of articles (or `{ "articles": [...] }`) with the fields of CreateArticleRequest.
 * markdown: a .zip of .md files, each with a front-matter block (--- … ---) holding the fields
 *   and the answer as the body; the external key defaults to the file path without `.md`.
 */
export type KnowledgeFileFormat = 'csv' | 'json' | 'markdown';
export const KNOWLEDGE_FILE_FORMATS = ['csv', 'json', 'markdown'] as const;

/** Content-Type of an upload (POST /imports raw body) and of an export, per format. */
export const KNOWLEDGE_FORMAT_CONTENT_TYPES: Record<KnowledgeFileFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
  markdown: 'application/zip',
};

/** Query string of POST /api/v1/knowledge/imports; the file is the raw body. */
export const importQuerySchema = z
  .object({
    /** Default: from the Content-Type (text/csv, application/json, application/zip). */
    format: z.enum(KNOWLEDGE_FILE_FORMATS).optional(),
    /** Locale of rows that name none. */
    locale: localeSchema.optional(),
    /** Status of rows that name none (default published). */
    status: z.enum(ArticleStatus).optional(),
    /** Shown in the import list. */
    fileName: z.string().trim().max(200).optional(),
  })
  .strict();
export type ImportQuery = z.infer<typeof importQuerySchema>;

export type KnowledgeImportStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ImportRowErrorDto {
  /** 1-based data row (CSV: not counting the header; markdown: the file's position in the zip). */
  row: number;
  /** e.g. `answer is empty`, `duplicates article 12`, `duplicates row 3`. */
  message: string;
  externalKey?: string | null;
}

export interface KnowledgeImportDto {
  id: string;
  format: KnowledgeFileFormat;
  fileName: string | null;
  /** completed = every row was looked at (some may have failed, see `failed` and `errors`). */
  status: KnowledgeImportStatus;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Row errors, first 1000; `row N: message` when printed. */
  errors: ImportRowErrorDto[];
  /** Why the whole file failed (unreadable zip, not CSV, ...), else null. */
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const exportQuerySchema = z
  .object({
    format: z.enum(KNOWLEDGE_FILE_FORMATS).default('json'),
    locale: localeSchema.optional(),
    status: z.enum(ArticleStatus).optional(),
  })
  .strict();
export type ExportQuery = z.infer<typeof exportQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Feeds (scheduled sync)
// ---------------------------------------------------------------------------------------------

export const DEFAULT_FEED_SCHEDULE = '0 3 * * *';

const feedFields = {
  name: z.string().trim().min(1, 'name is empty').max(120, 'name is longer than 120 characters'),
  url: z
    .string()
    .trim()
    .max(2048)
    .url('url must be an http(s) URL')
    .refine((v) => /^https?:$/.test(new URL(v).protocol), 'url must start with http:// or https://'),
  format: z.enum(['json', 'csv']),
  /** Five-field cron, read in `timezone`. Default daily at 03:00. */
  schedule: z.string().trim().min(9).max(100),
  timezone: z
    .string()
    .trim()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone'),
  /** Locale of rows that name none. */
  locale: localeSchema,
  enabled: z.boolean(),
};

export const createFeedSchema = z
  .object({
    ...feedFields,
    format: feedFields.format.default('json'),
    schedule: feedFields.schedule.default(DEFAULT_FEED_SCHEDULE),
    timezone: feedFields.timezone.default('UTC'),
    locale: feedFields.locale.default('zh-CN'),
    enabled: feedFields.enabled.default(true),
  })
  .strict();
export type CreateFeedInput = z.input<typeof createFeedSchema>;
export type CreateFeedRequest = z.infer<typeof createFeedSchema>;

export const updateFeedSchema = z.object(feedFields).partial().strict();
export type UpdateFeedInput = z.input<typeof updateFeedSchema>;

export type FeedRunStatus = 'running' | 'succeeded' | 'failed';
export type FeedChangeKind = 'created' | 'updated' | 'archived';

export interface FeedChangeDto {
  change: FeedChangeKind;
  articleId: number;
  externalKey: string;
  title: string;
  /** The article's version after the change. */
  version: number;
}

export interface KnowledgeFeedRunDto {
  id: string;
  feedId: string;
  trigger: 'schedule' | 'manual';
  status: FeedRunStatus;
  created: number;
  updated: number;
  archived: number;
  unchanged: number;
  /** What changed (first 500 changes). */
  changes: FeedChangeDto[];
  /** Why the run failed (nothing was changed), else null. */
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface KnowledgeFeedDto {
  id: string;
  name: string;
  url: string;
  format: 'json' | 'csv';
  schedule: string;
  timezone: string;
  locale: string;
  enabled: boolean;
  nextRunAt: string | null;
  lastRun: KnowledgeFeedRunDto | null;
  /** Set while the last run failed: show it as an alert. */
  alert: string | null;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Unknown questions
// ---------------------------------------------------------------------------------------------

export type UnknownQuestionReason = 'low_confidence' | 'no_article' | 'human_answered';
export const UNKNOWN_QUESTION_REASONS = ['low_confidence', 'no_article', 'human_answered'] as const;

/** What UnknownQuestionsService.record() takes (the dialogue engine calls it). */
export const recordUnknownQuestionSchema = z
  .object({
    text: z.string().trim().min(1, 'text is empty').max(2000, 'text is longer than 2000 characters'),
    /** The NLU language (zh, en, ja, und) or a locale. */
    language: z.string().trim().min(2).max(35),
    reason: z.enum(UNKNOWN_QUESTION_REASONS),
    conversationId: z.uuid().optional(),
    messageId: z.uuid().optional(),
    intent: z.string().trim().max(63).optional(),
    confidence: z.number().min(0).max(1).optional(),
    /** What the human agent answered, when one did. */
    agentAnswer: z.string().trim().max(20_000).optional(),
  })
  .strict();
export type RecordUnknownQuestionInput = z.input<typeof recordUnknownQuestionSchema>;

export type UnknownGroupStatus = 'open' | 'labelled' | 'converted' | 'dismissed';
export const UNKNOWN_GROUP_STATUSES = ['open', 'labelled', 'converted', 'dismissed'] as const;

export interface UnknownQuestionDto {
  id: string;
  text: string;
  language: string;
  reason: UnknownQuestionReason;
  intent: string | null;
  confidence: number | null;
  agentAnswer: string | null;
  conversationId: string | null;
  messageId: string | null;
  createdAt: string;
}

export interface UnknownQuestionGroupDto {
  id: string;
  status: UnknownGroupStatus;
  language: string;
  /** Questions in the group. */
  count: number;
  reasons: Partial<Record<UnknownQuestionReason, number>>;
  /** The first question of the group, as a title. */
  sample: string;
  /** Newest first: 5 in lists, up to 50 on GET /unknown-questions/:id. */
  examples: UnknownQuestionDto[];
  hasAgentAnswer: boolean;
  /** Set once labelled. */
  intent: string | null;
  /** Set once turned into an article. */
  articleId: number | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export const listUnknownGroupsQuerySchema = z
  .object({
    status: z.enum(UNKNOWN_GROUP_STATUSES).default('open'),
    language: z.string().trim().min(2).max(35).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListUnknownGroupsQuery = z.infer<typeof listUnknownGroupsQuerySchema>;

/** POST /unknown-questions/:id/label: the examples go to the NLU engine's training data. */
export const labelUnknownGroupSchema = z
  .object({
    intent: z
      .string()
      .regex(INTENT_NAME_PATTERN, 'intent must be snake_case: a-z, 0-9 and _, 2 to 63 characters'),
    retrain: z.boolean().default(true),
  })
  .strict();
export type LabelUnknownGroupRequest = z.infer<typeof labelUnknownGroupSchema>;

/** POST /unknown-questions/:id/article: a draft pre-filled with the group's questions and the agent's answer. */
export const unknownGroupToArticleSchema = z
  .object({
    locale: localeSchema.optional(),
    title: articleFields.title.optional(),
  })
  .strict();
export type UnknownGroupToArticleRequest = z.infer<typeof unknownGroupToArticleSchema>;
