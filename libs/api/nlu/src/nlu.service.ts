import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  addExamplesSchema,
  createIntentSchema,
  NLU_EXAMPLES_SUBMITTED,
  NluExampleDto,
  NluExamplesSubmittedEvent,
  NluIntentDto,
  NluParseContext,
  NluResult,
} from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { z } from 'zod';
import { NluExample, NluIntent } from './entities';
import { detectLanguage } from './lib/language/language-detector';
import { NluModelRegistry } from './nlu-model.registry';
import { NluTrainingService } from './nlu-training.service';

const updateIntentSchema = z
  .object({ description: z.string().max(500).optional(), enabled: z.boolean().optional() })
  .strict();

export function toExampleDto(e: NluExample): NluExampleDto {
  return {
    id: e.id,
    intent: e.intent,
    text: e.text,
    language: e.language,
    source: e.source,
    createdAt: e.createdAt.toISOString(),
  };
}

/**
 * The public face of the language engine: `parse` for every message, and the intents and examples
 * that admins manage. Built-in intents ship with the code; the database holds custom intents,
 * overrides of built-in ones (description, enabled) and examples added by admins.
 */
@Injectable()
export class NluService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: NluModelRegistry,
    private readonly training: NluTrainingService,
  ) {}

  /** Language, intent with ranking, entities and emotion for one message. Never throws on any text. */
  parse(text: string, context?: NluParseContext): Promise<NluResult> {
    return this.registry.parse(text, context);
  }

  /** Adds product and brand names (e.g. from the catalog) to the entity gazetteer. */
  addGazetteerEntries(entries: { type: 'product' | 'brand'; value: string; aliases?: string[] }[]): void {
    this.registry.gazetteer.add(entries);
  }

  async listIntents(): Promise<NluIntentDto[]> {
    const rows = await this.db.getRepository(NluIntent).find();
    const byName = new Map(rows.map((r) => [r.name, r]));
    const counts = new Map<string, NluIntentDto['exampleCounts']>();
    const bump = (intent: string, lang: string, n = 1) => {
      const c = counts.get(intent) ?? { zh: 0, en: 0, ja: 0 };
      if (lang === 'zh' || lang === 'ja') c[lang] += n;
      else c.en += n;
      counts.set(intent, c);
    };
    for (const e of this.registry.builtinExamples()) bump(e.intent, e.corpus);
    const custom: { intent: string; language: string; n: string }[] = await this.db.query(
      `SELECT intent, language, count(*)::int AS n FROM nlu_examples GROUP BY intent, language`,
    );
    const customTotals = new Map<string, number>();
    for (const r of custom) {
      bump(r.intent, r.language, Number(r.n));
      customTotals.set(r.intent, (customTotals.get(r.intent) ?? 0) + Number(r.n));
    }
    const builtin = this.registry.builtinIntents();
    const builtinNames = new Set(builtin.map((b) => b.name));
    const out: NluIntentDto[] = builtin.map((b) => ({
      name: b.name,
      description: byName.get(b.name)?.description || b.description,
      builtin: true,
      enabled: byName.get(b.name)?.enabled ?? true,
      exampleCounts: counts.get(b.name) ?? { zh: 0, en: 0, ja: 0 },
      customExamples: customTotals.get(b.name) ?? 0,
    }));
    for (const r of rows) {
      if (builtinNames.has(r.name)) continue;
      out.push({
        name: r.name,
        description: r.description,
        builtin: false,
        enabled: r.enabled,
        exampleCounts: counts.get(r.name) ?? { zh: 0, en: 0, ja: 0 },
        customExamples: customTotals.get(r.name) ?? 0,
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async createIntent(body: unknown, userId: string | null): Promise<NluIntentDto> {
    const input = parseWith(createIntentSchema, body);
    if (await this.exists(input.name)) throw new ConflictException(`intent "${input.name}" already exists`);
    await this.db.getRepository(NluIntent).insert({
      name: input.name,
      description: input.description,
      builtin: false,
      enabled: true,
      createdBy: userId,
    });
    return (await this.listIntents()).find((i) => i.name === input.name) as NluIntentDto;
  }

  async updateIntent(name: string, body: unknown): Promise<NluIntentDto> {
    const input = parseWith(updateIntentSchema, body);
    await this.requireIntent(name);
    const repo = this.db.getRepository(NluIntent);
    const row =
      (await repo.findOneBy({ name })) ??
      repo.create({ name, builtin: true, description: '', enabled: true });
    if (input.description !== undefined) row.description = input.description;
    if (input.enabled !== undefined) {
      if (name === 'out_of_scope' && !input.enabled)
        throw new BadRequestException('out_of_scope cannot be disabled');
      row.enabled = input.enabled;
    }
    await repo.save(row);
    return (await this.listIntents()).find((i) => i.name === name) as NluIntentDto;
  }

  async deleteIntent(name: string): Promise<void> {
    const row = await this.db.getRepository(NluIntent).findOneBy({ name });
    if (!row || row.builtin || this.isBuiltin(name)) {
      if (this.isBuiltin(name))
        throw new BadRequestException(`"${name}" is built in: disable it instead of deleting it`);
      throw new NotFoundException(`intent "${name}" not found`);
    }
    await this.db.transaction(async (em) => {
      await em.delete(NluExample, { intent: name });
      await em.delete(NluIntent, { name });
    });
  }

  async listExamples(
    intent: string,
    source: 'custom' | 'builtin' = 'custom',
    limit = 200,
  ): Promise<NluExampleDto[]> {
    await this.requireIntent(intent);
    if (source === 'builtin') {
      return this.registry
        .builtinExamples()
        .filter((e) => e.intent === intent)
        .slice(0, limit)
        .map((e, i) => ({
          id: `builtin-${i}`,
          intent,
          text: e.text,
          language: e.corpus === 'bitext' ? 'en' : e.corpus,
          source: e.corpus === 'bitext' ? 'bitext' : 'builtin',
          createdAt: new Date(0).toISOString(),
        }));
    }
    const rows = await this.db
      .getRepository(NluExample)
      .find({ where: { intent }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map(toExampleDto);
  }

  async addExamples(
    intent: string,
    body: unknown,
    userId: string | null,
    source = 'admin',
  ): Promise<{ added: number; skipped: number }> {
    const input = parseWith(addExamplesSchema, body);
    await this.requireIntent(intent);
    return this.insertExamples(intent, input.examples, userId, source);
  }

  async deleteExample(id: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundException(`example ${id} not found`);
    const res = await this.db.getRepository(NluExample).delete({ id });
    if (!res.affected) throw new NotFoundException(`example ${id} not found`);
  }

  /** Examples taught by another domain (the unknown-question queue): stored, then retrained if asked. */
  @OnEvent(NLU_EXAMPLES_SUBMITTED, { async: true, promisify: true })
  async onExamplesSubmitted(event: NluExamplesSubmittedEvent): Promise<void> {
    if (!(await this.exists(event.intent))) {
      await this.db
        .getRepository(NluIntent)
        .insert({
          name: event.intent,
          description: '',
          builtin: false,
          enabled: true,
          createdBy: event.submittedBy,
        });
    }
    await this.insertExamples(event.intent, event.examples, event.submittedBy, event.source);
    if (event.retrain) await this.training.request(event.submittedBy);
  }

  private async insertExamples(
    intent: string,
    examples: { text: string; language?: 'zh' | 'en' | 'ja'; contactId?: string }[],
    userId: string | null,
    source: string,
  ): Promise<{ added: number; skipped: number }> {
    const rows = examples
      .map((e) => ({ ...e, text: e.text.trim().slice(0, 500) }))
      .filter((e) => e.text.length > 0)
      .map((e) => {
        const detected = detectLanguage(e.text).language;
        return {
          intent,
          text: e.text,
          language: e.language ?? (detected === 'und' ? 'en' : detected),
          source,
          contactId: e.contactId ?? null,
          createdBy: userId,
        };
      });
    if (!rows.length) return { added: 0, skipped: examples.length };
    const result = await this.db
      .createQueryBuilder()
      .insert()
      .into(NluExample)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    const added = result.raw?.length ?? 0;
    return { added, skipped: examples.length - added };
  }

  private isBuiltin(name: string): boolean {
    return this.registry.builtinIntents().some((b) => b.name === name);
  }

  private async exists(name: string): Promise<boolean> {
    return this.isBuiltin(name) || (await this.db.getRepository(NluIntent).existsBy({ name }));
  }

  private async requireIntent(name: string): Promise<void> {
    if (!(await this.exists(name))) throw new NotFoundException(`intent "${name}" not found`);
  }
}
