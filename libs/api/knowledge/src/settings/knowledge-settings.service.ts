import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { KnowledgeSettingsDto, updateKnowledgeSettingsSchema } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { covers, FALLBACK_TTL_MS, KnowledgeCacheBus } from '../cache/knowledge-cache-bus';
import { KnowledgeSetting } from '../entities/knowledge-setting.entity';

/**
 * The answer threshold shipped by default: measured on bench/knowledge/paraphrases.jsonl against
 * the demo FAQ (see docs/knowledge.md), it answers most right top hits and few wrong ones.
 */
export const DEFAULT_ANSWER_THRESHOLD = 0.45;
const ANSWER_THRESHOLD = 'answer_threshold';

/**
 * Behaviour settings of the knowledge base, stored in the database and kept in memory until an
 * admin changes them (announced as `settings` on KnowledgeCacheBus, to every process).
 */
@Injectable()
export class KnowledgeSettingsService {
  private cache?: { threshold: number; at: number };
  private generation = 0;

  constructor(
    @InjectRepository(KnowledgeSetting) private readonly settings: Repository<KnowledgeSetting>,
    private readonly bus: KnowledgeCacheBus,
  ) {
    bus.subscribe((topics) => {
      if (covers(topics, 'settings')) this.forget();
    });
  }

  async answerThreshold(): Promise<number> {
    const c = this.cache;
    if (c && (this.bus.reliable || Date.now() - c.at < FALLBACK_TTL_MS)) return c.threshold;
    const generation = this.generation;
    const row = await this.settings.findOneBy({ key: ANSWER_THRESHOLD });
    const v = typeof row?.value === 'number' ? row.value : DEFAULT_ANSWER_THRESHOLD;
    if (generation === this.generation) this.cache = { threshold: v, at: Date.now() };
    return v;
  }

  async get(): Promise<KnowledgeSettingsDto> {
    return {
      answerThreshold: await this.answerThreshold(),
      defaultAnswerThreshold: DEFAULT_ANSWER_THRESHOLD,
    };
  }

  async update(body: unknown, userId: string | null): Promise<KnowledgeSettingsDto> {
    const input = parseWith(updateKnowledgeSettingsSchema, body);
    await this.settings.upsert({ key: ANSWER_THRESHOLD, value: input.answerThreshold, updatedBy: userId }, [
      'key',
    ]);
    await this.bus.changed(null, ['settings']);
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
    this.generation++;
  }
}
