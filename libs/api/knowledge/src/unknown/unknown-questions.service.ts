import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ArticleSource,
  ArticleStatus,
  KnowledgeArticleDto,
  labelUnknownGroupSchema,
  listUnknownGroupsQuerySchema,
  NLU_EXAMPLES_SUBMITTED,
  NluExamplesSubmittedEvent,
  Page,
  RecordUnknownQuestionInput,
  recordUnknownQuestionSchema,
  unknownGroupToArticleSchema,
  UnknownQuestionDto,
  UnknownQuestionGroupDto,
  UnknownQuestionReason,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { ArticleWriter } from '../articles/article-writer';
import { ArticlesService } from '../articles/articles.service';
import { UnknownGroup } from '../entities/unknown-group.entity';
import { UnknownQuestion } from '../entities/unknown-question.entity';
import { SynonymsService } from '../synonyms/synonyms.service';
import { decodeCursor, encodeCursor, isUuid } from '../util';
import {
  groupLanguage,
  localeForLanguage,
  pickGroup,
  questionKey,
  questionProfile,
  searchTokens,
} from './unknown-grouping';

const LIST_EXAMPLES = 5;
const DETAIL_EXAMPLES = 50;
const LABEL_EXAMPLES = 200;

function toQuestionDto(q: UnknownQuestion): UnknownQuestionDto {
  return {
    id: q.id,
    text: q.text,
    language: q.language,
    reason: q.reason,
    intent: q.intent,
    confidence: q.confidence,
    agentAnswer: q.agentAnswer,
    conversationId: q.conversationId,
    messageId: q.messageId,
    createdAt: q.createdAt.toISOString(),
  };
}

/**
 * The queue of questions the bot could not answer. record() files a question under the open group
 * of its most similar earlier question (synonym-aware word overlap, see unknown-grouping.ts), or
 * opens a group.
 * Admins label a group with an intent (its examples go to the NLU engine), turn it into a draft
 * article, or dismiss it.
 */
@Injectable()
export class UnknownQuestionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventEmitter2,
    private readonly writer: ArticleWriter,
    private readonly articles: ArticlesService,
    private readonly synonyms: SynonymsService,
  ) {}

  /**
   * Records a question the bot could not answer. Idempotent per (messageId, reason): a retried
   * job records the message once. Returns the question's id and its group's id.
   */
  async record(input: RecordUnknownQuestionInput): Promise<{ questionId: string; groupId: string }> {
    const q = parseWith(recordUnknownQuestionSchema, input, 'unknown question');
    const language = groupLanguage(q.language);
    const synonyms = await this.synonyms.index(); // outside the transaction (PGlite has one session)
    const key = questionKey(q.text, language);
    const profile = questionProfile(key.tokens, synonyms, language);
    return this.db.transaction(async (em) => {
      // One grouping at a time per language, so two similar questions arriving together share a group.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`knowledge-unknown-${language}`]);
      if (q.messageId) {
        const [dup] = (await em.query(
          `SELECT id, group_id FROM knowledge_unknown_questions WHERE message_id = $1 AND reason = $2`,
          [q.messageId, q.reason],
        )) as { id: string; group_id: string }[];
        if (dup) return { questionId: dup.id, groupId: dup.group_id };
      }
      // Questions sharing characters, a word, or only a synonym of one of its words.
      const candidates = (await em.query(
        `SELECT q.group_id AS "groupId", q.tokens, similarity(q.normalized, $2) AS trigram
         FROM knowledge_unknown_questions q JOIN knowledge_unknown_groups g ON g.id = q.group_id
         WHERE g.status = 'open' AND g.language = $1 AND (q.normalized % $2 OR q.tokens && $3::text[])
         ORDER BY trigram DESC, q.created_at DESC LIMIT 200`,
        [language, key.normalized, searchTokens(key.tokens, synonyms, language)],
      )) as { groupId: string; tokens: string[]; trigram: number }[];
      const now = new Date();
      let groupId = pickGroup(
        profile,
        candidates.map((c) => ({
          groupId: c.groupId,
          trigram: Number(c.trigram),
          profile: questionProfile(c.tokens, synonyms, language),
        })),
      );
      if (groupId) {
        await em.query(
          `UPDATE knowledge_unknown_groups SET count = count + 1, last_seen_at = $2, updated_at = now() WHERE id = $1`,
          [groupId, now],
        );
      } else {
        const g = await em.save(
          em.create(UnknownGroup, { status: 'open', language, count: 1, firstSeenAt: now, lastSeenAt: now }),
        );
        groupId = g.id;
      }
      const saved = await em.save(
        em.create(UnknownQuestion, {
          groupId,
          text: q.text,
          normalized: key.normalized,
          tokens: key.tokens,
          language: q.language,
          reason: q.reason,
          conversationId: q.conversationId ?? null,
          messageId: q.messageId ?? null,
          intent: q.intent ?? null,
          confidence: q.confidence ?? null,
          agentAnswer: q.agentAnswer ?? null,
        }),
      );
      return { questionId: saved.id, groupId };
    });
  }

  async list(query: unknown): Promise<Page<UnknownQuestionGroupDto>> {
    const q = parseWith(listUnknownGroupsQuerySchema, query, 'query');
    const params: unknown[] = [q.status];
    const where = ['g.status = $1'];
    if (q.language) where.push(`g.language = $${params.push(groupLanguage(q.language))}`);
    const cursor = decodeCursor(q.cursor);
    if (q.cursor) {
      if (
        !cursor ||
        cursor.length !== 3 ||
        typeof cursor[0] !== 'number' ||
        typeof cursor[1] !== 'string' ||
        !isUuid(String(cursor[2]))
      ) {
        throw new BadRequestException('invalid query: cursor is not one this API returned');
      }
      where.push(
        `(g.count, g.last_seen_at, g.id) < ($${params.push(cursor[0])}, CAST($${params.push(cursor[1])} AS timestamptz), $${params.push(cursor[2])}::uuid)`,
      );
    }
    const rows = (await this.db.query(
      `SELECT g.id, to_char(g.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM knowledge_unknown_groups g WHERE ${where.join(' AND ')}
       ORDER BY g.count DESC, g.last_seen_at DESC, g.id DESC LIMIT ${q.limit + 1}`,
      params,
    )) as { id: string; cursor_at: string }[];
    const page = rows.slice(0, q.limit);
    const groups = await this.load(
      this.db.manager,
      page.map((r) => r.id),
      LIST_EXAMPLES,
    );
    const last = groups[groups.length - 1];
    return {
      items: groups,
      nextCursor:
        rows.length > q.limit && last
          ? encodeCursor([last.count, page[page.length - 1].cursor_at, last.id])
          : null,
    };
  }

  async get(id: string): Promise<UnknownQuestionGroupDto> {
    const [g] = await this.load(this.db.manager, [this.idOr404(id)], DETAIL_EXAMPLES);
    if (!g) throw new NotFoundException(`unknown-question group ${id} does not exist`);
    return g;
  }

  /**
   * Labels the group with an intent and hands its questions to the NLU engine as training examples
   * (event NLU_EXAMPLES_SUBMITTED, emitted after commit).
   */
  async label(id: string, body: unknown, userId: string | null): Promise<UnknownQuestionGroupDto> {
    const input = parseWith(labelUnknownGroupSchema, body);
    const examples = await this.db.transaction(async (em) => {
      const g = await this.lockGroup(em, id, ['open', 'labelled']);
      await em.update(
        UnknownGroup,
        { id: g.id },
        { status: 'labelled', intent: input.intent, resolvedBy: userId, resolvedAt: new Date() },
      );
      // The shopper behind each question travels with it, so erasing them erases the example too.
      return (await em.query(
        `SELECT DISTINCT ON (q.text) q.text, q.language, c.contact_id
           FROM knowledge_unknown_questions q LEFT JOIN conversations c ON c.id = q.conversation_id
          WHERE q.group_id = $1 ORDER BY q.text, q.created_at LIMIT ${LABEL_EXAMPLES}`,
        [g.id],
      )) as { text: string; language: string; contact_id: string | null }[];
    });
    this.events.emit(NLU_EXAMPLES_SUBMITTED, {
      intent: input.intent,
      examples: examples.map((e) => {
        const l = groupLanguage(e.language);
        const contact = e.contact_id ? { contactId: e.contact_id } : {};
        return l === 'zh' || l === 'en' || l === 'ja'
          ? { text: e.text, language: l, ...contact }
          : { text: e.text, ...contact };
      }),
      source: 'knowledge.unknown_questions',
      retrain: input.retrain,
      submittedBy: userId,
    } satisfies NluExamplesSubmittedEvent);
    return this.get(id);
  }

  /** A draft article with the group's questions as variants and the latest agent answer, if any. */
  async toArticle(id: string, body: unknown, userId: string | null): Promise<KnowledgeArticleDto> {
    const input = parseWith(unknownGroupToArticleSchema, body ?? {});
    await this.synonyms.index();
    const articleId = await this.db.transaction(async (em) => {
      const g = await this.lockGroup(em, id, ['open', 'labelled']);
      const questions = (await em.query(
        `SELECT text, agent_answer FROM knowledge_unknown_questions WHERE group_id = $1 ORDER BY created_at, id`,
        [g.id],
      )) as { text: string; agent_answer: string | null }[];
      const texts = [...new Set(questions.map((x) => x.text.trim()))];
      const title = (input.title ?? texts[0] ?? '').slice(0, 300);
      const answer =
        [...questions]
          .reverse()
          .find((x) => x.agent_answer?.trim())
          ?.agent_answer?.trim() ?? '';
      const created = await this.writer.create(
        em,
        {
          externalKey: null,
          title,
          questions: texts
            .filter((t) => t !== title)
            .slice(0, 20)
            .map((t) => t.slice(0, 500)),
          answer,
          locale: input.locale ?? localeForLanguage(g.language),
          regions: [],
          productIds: [],
          categoryIds: [],
          tags: g.intent ? [g.intent] : [],
          status: ArticleStatus.Draft,
        },
        { authorId: userId, source: ArticleSource.UnknownQuestion, note: 'from the unknown-question queue' },
      );
      await em.update(
        UnknownGroup,
        { id: g.id },
        { status: 'converted', articleId: created, resolvedBy: userId, resolvedAt: new Date() },
      );
      return created;
    });
    return this.articles.get(articleId);
  }

  async dismiss(id: string, userId: string | null): Promise<UnknownQuestionGroupDto> {
    await this.db.transaction(async (em) => {
      const g = await this.lockGroup(em, id, ['open', 'labelled']);
      await em.update(
        UnknownGroup,
        { id: g.id },
        { status: 'dismissed', resolvedBy: userId, resolvedAt: new Date() },
      );
    });
    return this.get(id);
  }

  private idOr404(id: string): string {
    if (!isUuid(id)) throw new NotFoundException(`unknown-question group ${id} does not exist`);
    return id;
  }

  private async lockGroup(em: EntityManager, id: string, allowed: string[]): Promise<UnknownGroup> {
    const g = await em.findOne(UnknownGroup, {
      where: { id: this.idOr404(id) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!g) throw new NotFoundException(`unknown-question group ${id} does not exist`);
    if (!allowed.includes(g.status)) throw new ConflictException(`the group is already ${g.status}`);
    return g;
  }

  /** Groups with their newest examples, reason counts and first question, in the order of `ids`. */
  private async load(em: EntityManager, ids: string[], examples: number): Promise<UnknownQuestionGroupDto[]> {
    if (!ids.length) return [];
    const groups = await em
      .getRepository(UnknownGroup)
      .createQueryBuilder('g')
      .where('g.id IN (:...ids)', { ids })
      .getMany();
    const qs = await em
      .getRepository(UnknownQuestion)
      .createQueryBuilder('q')
      .where('q.groupId IN (:...ids)', { ids })
      .andWhere(
        `q.id IN (SELECT x.id FROM (SELECT id, row_number() OVER (PARTITION BY group_id ORDER BY created_at DESC, id DESC) AS n
                  FROM knowledge_unknown_questions WHERE group_id IN (:...ids)) x WHERE x.n <= :examples)`,
        { examples },
      )
      .orderBy('q.createdAt', 'DESC')
      .addOrderBy('q.id', 'DESC')
      .getMany();
    const stats = (await em.query(
      `SELECT group_id, reason, count(*)::int AS n, bool_or(agent_answer IS NOT NULL AND agent_answer <> '') AS answered
       FROM knowledge_unknown_questions WHERE group_id = ANY($1::uuid[]) GROUP BY group_id, reason`,
      [ids],
    )) as { group_id: string; reason: UnknownQuestionReason; n: number; answered: boolean }[];
    const firsts = (await em.query(
      `SELECT DISTINCT ON (group_id) group_id, text FROM knowledge_unknown_questions
       WHERE group_id = ANY($1::uuid[]) ORDER BY group_id, created_at, id`,
      [ids],
    )) as { group_id: string; text: string }[];
    const firstOf = new Map(firsts.map((f) => [f.group_id, f.text]));
    const byId = new Map(groups.map((g) => [g.id, g]));
    return ids.flatMap((id) => {
      const g = byId.get(id);
      if (!g) return [];
      const mine = stats.filter((s) => s.group_id === id);
      const ex = qs.filter((q) => q.groupId === id);
      return [
        {
          id: g.id,
          status: g.status,
          language: g.language,
          count: g.count,
          reasons: Object.fromEntries(mine.map((s) => [s.reason, s.n])),
          sample: firstOf.get(id) ?? '',
          examples: ex.map(toQuestionDto),
          hasAgentAnswer: mine.some((s) => s.answered),
          intent: g.intent,
          articleId: g.articleId,
          resolvedBy: g.resolvedBy,
          resolvedAt: g.resolvedAt?.toISOString() ?? null,
          firstSeenAt: g.firstSeenAt.toISOString(),
          lastSeenAt: g.lastSeenAt.toISOString(),
        },
      ];
    });
  }
}
