import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  ArticleSource,
  ArticleStatus,
  createArticleSchema,
  diffQuerySchema,
  KnowledgeArticleDto,
  KnowledgeArticleListItemDto,
  KnowledgeArticleVersionDto,
  KnowledgeDiffDto,
  KnowledgeVersionSummaryDto,
  listArticlesQuerySchema,
  Page,
  updateArticleSchema,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { Article } from '../entities/article.entity';
import { ArticleVersion } from '../entities/article-version.entity';
import { ArticleContent } from '../indexing/article-index';
import { SynonymsService } from '../synonyms/synonyms.service';
import { decodeCursor, encodeCursor, parseArticleId } from '../util';
import { toArticleDto, toListItemDto, toVersionDto } from './article.mapper';
import { ArticleWriter, contentOf } from './article-writer';
import { changedFields, diffVersions } from './version-diff';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Joins the author's display name (users.name) as the raw column `author_name`: null when there is
 * no author or the user has been deleted (authors are not foreign keys, history outlives accounts).
 */
function withAuthorName<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
): SelectQueryBuilder<T> {
  return qb
    .leftJoin('users', 'author', `author.id = ${alias}.authorId`)
    .addSelect('author.name', 'author_name');
}

type AuthorRaw = { author_name?: string | null };

/** The article editor's use cases: list, read, create, save (a new version), delete, history, diff, restore. */
@Injectable()
export class ArticlesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: ArticleWriter,
    private readonly synonyms: SynonymsService,
  ) {}

  async list(query: unknown): Promise<Page<KnowledgeArticleListItemDto>> {
    const q = parseWith(listArticlesQuerySchema, query, 'query');
    const qb = this.db.getRepository(Article).createQueryBuilder('a');
    if (q.locale) qb.andWhere('a.locale = :locale', { locale: q.locale });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.tag) qb.andWhere(':tag = ANY(a.tags)', { tag: q.tag });
    if (q.region) qb.andWhere(':region = ANY(a.regions)', { region: q.region });
    if (q.productId) qb.andWhere(':productId = ANY(a.productIds)', { productId: q.productId });
    if (q.feedId) qb.andWhere('a.feedId = :feedId', { feedId: q.feedId });
    if (q.q) {
      qb.andWhere(
        `(a.title ILIKE :like OR array_to_string(a.questions, ' ') ILIKE :like OR a.answer ILIKE :like OR a.externalKey = :exact)`,
        { like: `%${escapeLike(q.q)}%`, exact: q.q },
      );
    }
    const cursor = decodeCursor(q.cursor);
    if (q.cursor && (!cursor || cursor.length !== 2))
      throw new BadRequestException('invalid query: cursor is not one this API returned');
    if (cursor) {
      if (
        typeof cursor[0] !== 'string' ||
        Number.isNaN(Date.parse(cursor[0])) ||
        !Number.isInteger(cursor[1])
      ) {
        throw new BadRequestException('invalid query: cursor is not one this API returned');
      }
      qb.andWhere('(a.updatedAt, a.id) < (CAST(:at AS timestamptz), :id)', { at: cursor[0], id: cursor[1] });
    }
    // The cursor keeps the timestamp to the microsecond, so rows saved in the same millisecond are not skipped.
    qb.addSelect(`to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at');
    withAuthorName(qb, 'a');
    const { entities, raw } = await qb
      .orderBy('a.updatedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(q.limit + 1)
      .getRawAndEntities();
    const page = entities.slice(0, q.limit);
    const last = page[page.length - 1];
    const lastRaw = raw[page.length - 1] as { cursor_at: string } | undefined;
    return {
      items: page.map((a, i) => toListItemDto(a, (raw[i] as AuthorRaw).author_name ?? null)),
      nextCursor:
        entities.length > q.limit && last && lastRaw ? encodeCursor([lastRaw.cursor_at, last.id]) : null,
    };
  }

  async get(id: string | number): Promise<KnowledgeArticleDto> {
    const qb = this.db
      .getRepository(Article)
      .createQueryBuilder('a')
      .where('a.id = :id', { id: this.idOr404(id) });
    const { entities, raw } = await withAuthorName(qb, 'a').getRawAndEntities();
    if (!entities[0]) throw new NotFoundException(`article ${id} does not exist`);
    return toArticleDto(entities[0], (raw[0] as AuthorRaw).author_name ?? null);
  }

  async create(body: unknown, authorId: string | null): Promise<KnowledgeArticleDto> {
    const input = parseWith(createArticleSchema, body);
    await this.synonyms.index();
    const id = await this.db.transaction((em) =>
      this.writer.create(em, input, { authorId, source: ArticleSource.Manual }),
    );
    return this.get(id);
  }

  async update(id: string, body: unknown, authorId: string | null): Promise<KnowledgeArticleDto> {
    const articleId = this.idOr404(id);
    const input = parseWith(updateArticleSchema, body);
    await this.synonyms.index();
    await this.db.transaction(async (em) => {
      const current = await this.writer.load(em, articleId);
      if (!current) throw new NotFoundException(`article ${id} does not exist`);
      if (input.baseVersion !== undefined && input.baseVersion !== current.version) {
        throw new ConflictException(
          `article ${id} was saved as version ${current.version} since you opened version ${input.baseVersion}; reload it and apply your changes again`,
        );
      }
      const { baseVersion: _b, note, ...changes } = input;
      const next: ArticleContent = { ...contentOf(current), ...changes };
      assertPublishable(next);
      await this.writer.update(em, current, next, {
        authorId,
        source: ArticleSource.Manual,
        note: note ?? null,
      });
    });
    return this.get(articleId);
  }

  async remove(id: string): Promise<void> {
    const articleId = this.idOr404(id);
    await this.db.transaction(async (em) => {
      const current = await this.writer.load(em, articleId);
      if (!current) throw new NotFoundException(`article ${id} does not exist`);
      await this.writer.remove(em, current);
    });
  }

  async versions(id: string): Promise<KnowledgeVersionSummaryDto[]> {
    const article = await this.find(this.db.manager, id);
    const qb = this.db
      .getRepository(ArticleVersion)
      .createQueryBuilder('v')
      .where('v.articleId = :id', { id: article.id });
    const { entities: rows, raw } = await withAuthorName(qb, 'v')
      .orderBy('v.version', 'ASC')
      .getRawAndEntities();
    const out: KnowledgeVersionSummaryDto[] = [];
    let prev: ArticleContent | null = null;
    for (const [i, v] of rows.entries()) {
      const content = contentOf(v);
      out.push({
        version: v.version,
        title: v.title,
        status: v.status,
        authorId: v.authorId,
        authorName: v.authorId ? ((raw[i] as AuthorRaw).author_name ?? null) : null,
        source: v.source,
        restoredFrom: v.restoredFrom,
        note: v.note,
        changedFields: changedFields(prev, content),
        createdAt: v.createdAt.toISOString(),
      });
      prev = content;
    }
    return out.reverse();
  }

  async version(id: string, version: string): Promise<KnowledgeArticleVersionDto> {
    const article = await this.find(this.db.manager, id);
    const v = /^[1-9]\d{0,8}$/.test(version)
      ? await withAuthorName(
          this.db
            .getRepository(ArticleVersion)
            .createQueryBuilder('v')
            .where('v.articleId = :id AND v.version = :version', {
              id: article.id,
              version: Number(version),
            }),
          'v',
        ).getRawAndEntities()
      : { entities: [], raw: [] };
    if (!v.entities[0]) throw new NotFoundException(`article ${article.id} has no version ${version}`);
    return toVersionDto(v.entities[0], (v.raw[0] as AuthorRaw).author_name ?? null);
  }

  async diff(id: string, version: string, query: unknown): Promise<KnowledgeDiffDto> {
    const q = parseWith(diffQuerySchema, query, 'query');
    const article = await this.find(this.db.manager, id);
    const to = await this.findVersion(this.db.manager, article.id, version);
    const againstNo = q.against ?? to.version - 1;
    if (againstNo < 1) {
      return diffVersions(
        article.id,
        { version: 0, content: emptyContent(to) },
        { version: to.version, content: contentOf(to) },
      );
    }
    const from = await this.findVersion(this.db.manager, article.id, String(againstNo));
    return diffVersions(
      article.id,
      { version: from.version, content: contentOf(from) },
      { version: to.version, content: contentOf(to) },
    );
  }

  /** A new version with the content of an old one; history is never rewritten. */
  async restore(id: string, version: string, authorId: string | null): Promise<KnowledgeArticleDto> {
    const articleId = this.idOr404(id);
    await this.synonyms.index();
    await this.db.transaction(async (em) => {
      const current = await this.writer.load(em, articleId);
      if (!current) throw new NotFoundException(`article ${id} does not exist`);
      const old = await this.findVersion(em, articleId, version);
      await this.writer.update(em, current, contentOf(old), {
        authorId,
        source: ArticleSource.Restore,
        restoredFrom: old.version,
        note: `restored version ${old.version}`,
      });
    });
    return this.get(articleId);
  }

  private idOr404(id: string | number): number {
    const n = typeof id === 'number' ? id : parseArticleId(id);
    if (!n) throw new NotFoundException(`article ${id} does not exist`);
    return n;
  }

  private async find(em: EntityManager, id: string | number): Promise<Article> {
    const article = await em.findOneBy(Article, { id: this.idOr404(id) });
    if (!article) throw new NotFoundException(`article ${id} does not exist`);
    return article;
  }

  private async findVersion(em: EntityManager, articleId: number, version: string): Promise<ArticleVersion> {
    const v = /^[1-9]\d{0,8}$/.test(version)
      ? await em.findOneBy(ArticleVersion, { articleId, version: Number(version) })
      : null;
    if (!v) throw new NotFoundException(`article ${articleId} has no version ${version}`);
    return v;
  }
}

/** A published article needs an answer, whichever fields a save touched. */
export function assertPublishable(c: ArticleContent): void {
  if (c.status === ArticleStatus.Published && !c.answer.trim()) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'invalid body: answer is empty; a published article needs an answer',
      issues: [{ path: 'answer', message: 'answer is empty; a published article needs an answer' }],
    });
  }
}

function emptyContent(like: ArticleContent): ArticleContent {
  return {
    ...contentOf(like),
    externalKey: null,
    title: '',
    questions: [],
    answer: '',
    regions: [],
    productIds: [],
    categoryIds: [],
    tags: [],
    status: '',
    locale: '',
  };
}
