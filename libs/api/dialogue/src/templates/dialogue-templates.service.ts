import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { parseWith } from '@kefu/api/platform/http';
import { DialogueTemplate } from '../entities/dialogue-template.entity';
import { formattingLocale, timeZoneFor } from './locale-format';
import { Reply } from './reply';
import { renderTemplate, TemplateVariables, templateVariables } from './template-renderer';
import {
  DialogueTemplateDto,
  listTemplatesQuerySchema,
  putTemplateSchema,
  TemplateLocale,
  templateLocale,
  updateTemplateSchema,
} from './template.schemas';

/** How long a process trusts its copy of the templates after another process may have edited them. */
const CACHE_TTL_MS = 30_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TemplateNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no reply template "${key}" in any locale`);
  }
}

export interface RenderContext {
  /** The shopper's locale (`zh-CN`, `zh-TW`, `en-GB`, `ja`); mapped to a template locale. */
  locale: string;
  /** The shopper's region (`CN`, `JP`, `US`), for regional variants, number formats and time zone. */
  region?: string | null;
}

export function toTemplateDto(t: DialogueTemplate): DialogueTemplateDto {
  return {
    id: t.id,
    key: t.key,
    locale: t.locale as TemplateLocale,
    region: t.region,
    text: t.text,
    quickReplies: t.quickReplies,
    variables: templateVariables(t.text),
    version: t.version,
    updatedBy: t.updatedBy,
    updatedAt: t.updatedAt.toISOString(),
  };
}

const slotOf = (key: string, locale: string, region: string | null) => `${key}|${locale}|${region ?? ''}`;

/**
 * Reply templates: the admin API's reads and edits, and rendering for the dialogue engine with the
 * fallback region → locale → `en`. Templates are cached per process (they are few and read on
 * every reply); an edit clears this process's copy, other processes refresh within 30 s.
 */
@Injectable()
export class DialogueTemplatesService {
  private readonly log = new Logger(DialogueTemplatesService.name);
  private cache?: { bySlot: Map<string, DialogueTemplate>; at: number };

  constructor(
    @InjectRepository(DialogueTemplate) private readonly templates: Repository<DialogueTemplate>,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: unknown): Promise<DialogueTemplateDto[]> {
    const f = parseWith(listTemplatesQuerySchema, query, 'query');
    const qb = this.templates
      .createQueryBuilder('t')
      .orderBy('t.key')
      .addOrderBy('t.locale')
      .addOrderBy('t.region');
    if (f.key)
      qb.andWhere(`(t.key = :key OR t.key LIKE :prefix)`, { key: f.key, prefix: `${escapeLike(f.key)}.%` });
    if (f.locale) qb.andWhere('t.locale = :locale', { locale: f.locale });
    if (f.region) qb.andWhere('t.region = :region', { region: f.region });
    if (f.q) qb.andWhere(`t.text ILIKE :q`, { q: `%${escapeLike(f.q)}%` });
    return (await qb.getMany()).map(toTemplateDto);
  }

  async get(id: string): Promise<DialogueTemplateDto> {
    const t = UUID.test(id) ? await this.templates.findOneBy({ id }) : null;
    if (!t) throw new NotFoundException(`reply template ${id} does not exist`);
    return toTemplateDto(t);
  }

  /** Edits one template by id: a new version. */
  async update(id: string, body: unknown, userId: string | null): Promise<DialogueTemplateDto> {
    const input = parseWith(updateTemplateSchema, body);
    if (!UUID.test(id)) throw new NotFoundException(`reply template ${id} does not exist`);
    const saved = await this.db.transaction(async (em) => {
      const t = await em.findOne(DialogueTemplate, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!t) throw new NotFoundException(`reply template ${id} does not exist`);
      return this.edit(em, t, input, userId);
    });
    this.forget();
    return toTemplateDto(saved);
  }

  /**
   * Edits the template of a key, locale and region, or adds a regional variant of a key that
   * exists. A key that exists in no locale is a 404: the engine would never ask for it.
   */
  async put(body: unknown, userId: string | null): Promise<DialogueTemplateDto> {
    const input = parseWith(putTemplateSchema, body);
    const region = input.region ?? null;
    const saved = await this.db.transaction(async (em) => {
      // Serialises two admins adding the same regional variant at once.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dialogue_template:${input.key}`]);
      const existing = await em.findOne(DialogueTemplate, {
        where: { key: input.key, locale: input.locale, region: region ?? IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing) return this.edit(em, existing, input, userId);
      const known = await em.count(DialogueTemplate, { where: { key: input.key } });
      if (!known) throw new NotFoundException(`reply template "${input.key}" does not exist`);
      if (input.expectedVersion !== undefined)
        throw new ConflictException(`reply template "${input.key}" has no ${input.locale} version yet`);
      return em.save(
        em.create(DialogueTemplate, {
          key: input.key,
          locale: input.locale,
          region,
          text: input.text,
          quickReplies: input.quickReplies?.length ? input.quickReplies : null,
          version: 1,
          updatedBy: userId,
        }),
      );
    });
    this.forget();
    return toTemplateDto(saved);
  }

  private edit(
    em: EntityManager,
    t: DialogueTemplate,
    input: {
      text: string;
      quickReplies?: { label: string; payload: string }[] | null;
      expectedVersion?: number;
    },
    userId: string | null,
  ): Promise<DialogueTemplate> {
    if (input.expectedVersion !== undefined && input.expectedVersion !== t.version)
      throw new ConflictException(
        `reply template ${t.key} (${t.locale}) is at version ${t.version}, not ${input.expectedVersion}: reload and edit again`,
      );
    t.text = input.text;
    if (input.quickReplies !== undefined)
      t.quickReplies = input.quickReplies?.length ? input.quickReplies : null;
    t.version += 1;
    t.updatedBy = userId;
    return em.save(t);
  }

  /**
   * The template for `key` in the shopper's region, else their locale, else English. Pass the
   * transaction's manager when inside one (the embedded database has a single connection).
   */
  async resolve(key: string, ctx: RenderContext, em?: EntityManager): Promise<DialogueTemplate | null> {
    const bySlot = await this.all(em);
    const locale = templateLocale(ctx.locale);
    const region = ctx.region ? ctx.region.toUpperCase() : null;
    return (
      (region ? bySlot.get(slotOf(key, locale, region)) : undefined) ??
      bySlot.get(slotOf(key, locale, null)) ??
      bySlot.get(slotOf(key, 'en', null)) ??
      null
    );
  }

  /**
   * Renders a template as a structured reply. A missing variable or template throws outside
   * production (so tests catch it); in production it is logged by name and rendered empty.
   */
  async render(key: string, vars: TemplateVariables, ctx: RenderContext, em?: EntityManager): Promise<Reply> {
    const strict = this.config.NODE_ENV !== 'production';
    const t = await this.resolve(key, ctx, em);
    if (!t) {
      if (strict) throw new TemplateNotFoundError(key);
      this.log.warn(`reply template "${key}" is missing`);
      return { text: '' };
    }
    const locale = t.locale as TemplateLocale;
    const region = ctx.region ? ctx.region.toUpperCase() : null;
    const options = {
      locale: formattingLocale(locale, region),
      timeZone: timeZoneFor(locale, region),
      strict,
      onMissing: (name: string) =>
        this.log.warn(`reply template "${key}" (${locale}) is missing variable "${name}"`),
    };
    const reply: Reply = { text: renderTemplate(t.text, vars, options) };
    if (t.quickReplies?.length)
      reply.quickReplies = t.quickReplies.map((q) => ({
        label: renderTemplate(q.label, vars, options),
        payload: q.payload,
      }));
    return reply;
  }

  /** Drops this process's copy (after an edit, and in tests that empty the database). */
  forget(): void {
    this.cache = undefined;
  }

  private async all(em?: EntityManager): Promise<Map<string, DialogueTemplate>> {
    if (this.cache && Date.now() - this.cache.at < CACHE_TTL_MS) return this.cache.bySlot;
    const rows = await (em ?? this.db.manager).find(DialogueTemplate);
    const bySlot = new Map(rows.map((r) => [slotOf(r.key, r.locale, r.region), r]));
    this.cache = { bySlot, at: Date.now() };
    return bySlot;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
