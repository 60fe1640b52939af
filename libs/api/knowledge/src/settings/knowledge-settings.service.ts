import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { KnowledgeSettingsDto, updateKnowledgeSettingsSchema } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { KnowledgeSetting } from '../entities/knowledge-setting.entity';

/**
 * The answer threshold shipped by default: measured on bench/knowledge/paraphrases.jsonl against
 * the demo FAQ (see docs/knowledge.md), it answers most right top hits and few wrong ones.
 */
export const DEFAULT_ANSWER_THRESHOLD = 0.45;
const ANSWER_THRESHOLD = 'answer_threshold';
const CACHE_MS = 10_000;

/** Behaviour settings of the knowledge base, stored in the database and cached briefly per process. */
@Injectable()
export class KnowledgeSettingsService {
  private cache?: { threshold: number; at: number };

  constructor(@InjectRepository(KnowledgeSetting) private readonly settings: Repository<KnowledgeSetting>) {}

  async answerThreshold(): Promise<number> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.threshold;
    const row = await this.settings.findOneBy({ key: ANSWER_THRESHOLD });
    const v = typeof row?.value === 'number' ? row.value : DEFAULT_ANSWER_THRESHOLD;
    this.cache = { threshold: v, at: Date.now() };
    return v;
  }

  async get(): Promise<KnowledgeSettingsDto> {
    return { answerThreshold: await this.answerThreshold(), defaultAnswerThreshold: DEFAULT_ANSWER_THRESHOLD };
  }

  async update(body: unknown, userId: string | null): Promise<KnowledgeSettingsDto> {
    const input = parseWith(updateKnowledgeSettingsSchema, body);
    await this.settings.upsert({ key: ANSWER_THRESHOLD, value: input.answerThreshold, updatedBy: userId }, ['key']);
    this.cache = undefined;
    return this.get();
  }

  /** A marker such as "default synonyms seeded", read and written in the caller's transaction. */
  async flag(em: EntityManager, key: string): Promise<boolean> {
    return !!(await em.findOneBy(KnowledgeSetting, { key }));
  }

  async setFlag(em: EntityManager, key: string): Promise<void> {
    await em.upsert(KnowledgeSetting, { key, value: true, updatedBy: null }, ['key']);
  }

  forget(): void {
    this.cache = undefined;
  }
}
