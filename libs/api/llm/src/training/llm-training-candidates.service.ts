import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  acceptTrainingCandidateSchema,
  LlmTrainingCandidateDto,
  LlmTrainingCandidatePage,
  llmTrainingCandidateQuerySchema,
  NLU_EXAMPLES_SUBMITTED,
  NluExamplesSubmittedEvent,
} from '@kefu/shared/contracts';
import type { AuthUser } from '@kefu/api/identity';
import { NluService } from '@kefu/api/nlu';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import { isUuid, parseWith } from '@kefu/api/platform/http';

export const TRAINING_PAGE_SIZE = 50;
/** NLU examples are at most this long; a longer message is kept whole here but taught cut. */
const EXAMPLE_MAX = 500;

/** One disagreement between the offline engine and Claude on a shopper's message. */
export interface TrainingCandidateInput {
  text: string;
  language: string;
  offlineIntent: string;
  offlineConfidence: number;
  llmIntent: string;
  llmConfidence: number;
  conversationId?: string | null;
  messageId?: string | null;
  contactId?: string | null;
}

interface CandidateRow {
  id: string;
  text: string;
  language: string;
  offline_intent: string;
  offline_confidence: number;
  llm_intent: string;
  llm_confidence: number;
  conversation_id: string | null;
  contact_id: string | null;
  status: LlmTrainingCandidateDto['status'];
  created_at: Date;
  /** created_at to the microsecond, for the page cursor (a JS Date keeps milliseconds only). */
  created_key: string;
}

const COLUMNS = `id, text, language, offline_intent, offline_confidence, llm_intent, llm_confidence,
                 conversation_id, contact_id, status, created_at, created_at::text AS created_key`;

/**
 * Messages Claude read differently from the offline engine, for an admin to accept (the message becomes
 * an NLU example of the intent, through the NLU domain's `NLU_EXAMPLES_SUBMITTED` event) or dismiss.
 */
@Injectable()
export class LlmTrainingCandidates {
  private readonly log = new Logger(LlmTrainingCandidates.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: ExclusiveTransactions,
    private readonly nlu: NluService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Keeps a disagreement; one per message however often it is classified (true: this call stored it).
   * Never throws: a lost candidate must not cost the shopper their reply. Pass `em` inside a transaction.
   */
  async record(input: TrainingCandidateInput, em: EntityManager = this.db.manager): Promise<boolean> {
    const text = input.text.trim();
    if (!text || input.offlineIntent === input.llmIntent) return false;
    const uuidOrNull = (v: string | null | undefined) => (v && isUuid(v) ? v : null);
    try {
      const rows: unknown[] = await em.query(
        `INSERT INTO llm_training_candidates
           (text, language, offline_intent, offline_confidence, llm_intent, llm_confidence, conversation_id, message_id, contact_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (message_id) DO NOTHING RETURNING id`,
        [
          text,
          input.language || 'und',
          input.offlineIntent,
          clamp01(input.offlineConfidence),
          input.llmIntent,
          clamp01(input.llmConfidence),
          uuidOrNull(input.conversationId),
          uuidOrNull(input.messageId),
          uuidOrNull(input.contactId),
        ],
      );
      return rows.length > 0;
    } catch (err) {
      this.log.warn(`a training candidate was not stored (${(err as Error).name})`);
      return false;
    }
  }

  /** Newest first, 50 a page; `cursor` is the previous page's `nextCursor`. */
  async list(query: unknown): Promise<LlmTrainingCandidatePage> {
    const q = parseWith(llmTrainingCandidateQuerySchema, query ?? {}, 'query');
    const params: unknown[] = [q.status];
    let after = '';
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      after = `AND (created_at, id) < ($${params.push(c.createdAt)}::timestamptz, $${params.push(c.id)}::uuid)`;
    }
    const rows: CandidateRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM llm_training_candidates WHERE status = $1 ${after}
        ORDER BY created_at DESC, id DESC LIMIT ${TRAINING_PAGE_SIZE + 1}`,
      params,
    );
    const page = rows.slice(0, TRAINING_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      items: page.map(toDto),
      nextCursor: rows.length > TRAINING_PAGE_SIZE && last ? encodeCursor(last) : null,
    };
  }

  /** Teaches the message as an example of `intent` (default: Claude's reading). 400 unknown intent, 409 decided. */
  async accept(id: string, body: unknown, user: Pick<AuthUser, 'id'>): Promise<LlmTrainingCandidateDto> {
    const input = parseWith(acceptTrainingCandidateSchema, body ?? {});
    const current = await this.find(id);
    if (current.status !== 'new') throw decided(current);
    const intent = input.intent ?? current.llm_intent;
    if (!(await this.nlu.listIntents()).some((i) => i.name === intent)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `invalid body: intent "${intent}" is not known; create it under Intents first or choose another`,
        issues: [{ path: 'intent', message: `intent "${intent}" is not known` }],
      });
    }
    const row = await this.decide(id, 'accepted');
    const language = exampleLanguage(row.language);
    // After commit; the NLU domain stores the example. The shopper travels with it, so erasing them erases it.
    await this.events.emitAsync(NLU_EXAMPLES_SUBMITTED, {
      intent,
      examples: [
        {
          text: row.text.slice(0, EXAMPLE_MAX),
          ...(language ? { language } : {}),
          ...(row.contact_id ? { contactId: row.contact_id } : {}),
        },
      ],
      source: 'llm.training_candidates',
      retrain: false,
      submittedBy: user.id,
    } satisfies NluExamplesSubmittedEvent);
    return toDto(row);
  }

  /** Not training data. 409 when already decided. */
  async dismiss(id: string): Promise<LlmTrainingCandidateDto> {
    const current = await this.find(id);
    if (current.status !== 'new') throw decided(current);
    return toDto(await this.decide(id, 'dismissed'));
  }

  private async find(id: string): Promise<CandidateRow> {
    if (!isUuid(id)) throw new NotFoundException(`training candidate ${id} not found`);
    const rows: CandidateRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM llm_training_candidates WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw new NotFoundException(`training candidate ${id} not found`);
    return rows[0];
  }

  /** Moves a new candidate on; someone deciding it meanwhile is a 409, not a second decision. */
  private async decide(id: string, status: 'accepted' | 'dismissed'): Promise<CandidateRow> {
    return this.tx.run(async (em) => {
      const rows: CandidateRow[] = await em.query(
        `UPDATE llm_training_candidates SET status = $2 WHERE id = $1 AND status = 'new' RETURNING ${COLUMNS}`,
        [id, status],
      );
      // The driver answers an UPDATE … RETURNING as [rows, count].
      const updated = (Array.isArray(rows[0]) ? rows[0][0] : rows[0]) as CandidateRow | undefined;
      if (!updated) throw new ConflictException(`training candidate ${id} was already decided`);
      return updated;
    });
  }
}

function decided(row: CandidateRow): ConflictException {
  return new ConflictException(`training candidate ${row.id} was already ${row.status}`);
}

function toDto(r: CandidateRow): LlmTrainingCandidateDto {
  return {
    id: r.id,
    text: r.text,
    language: r.language,
    offlineIntent: r.offline_intent,
    offlineConfidence: Number(r.offline_confidence),
    llmIntent: r.llm_intent,
    llmConfidence: Number(r.llm_confidence),
    conversationId: r.conversation_id,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function exampleLanguage(language: string): 'zh' | 'en' | 'ja' | null {
  const l = language.slice(0, 2).toLowerCase();
  return l === 'zh' || l === 'en' || l === 'ja' ? l : null;
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

function encodeCursor(r: CandidateRow): string {
  return Buffer.from(`${r.created_key}|${r.id}`).toString('base64url');
}

const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const iso = createdAt?.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  if (!createdAt || !id || !isUuid(id) || !TIMESTAMP_RE.test(createdAt) || Number.isNaN(Date.parse(iso))) {
    throw new BadRequestException('invalid cursor; pass back nextCursor as given');
  }
  return { createdAt, id };
}
