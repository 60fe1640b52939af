import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { SynonymGroupDto, synonymGroupSchema } from '@kefu/shared/contracts';
import { parseWith } from '@kefu/api/platform/http';
import { QueueService } from '@kefu/api/platform/queue';
import { covers, FALLBACK_TTL_MS, KnowledgeCacheBus } from '../cache/knowledge-cache-bus';
import { SynonymGroup } from '../entities/synonym-group.entity';
import { KnowledgeReindexJob } from '../jobs/knowledge.jobs';
import { KnowledgeSettingsService } from '../settings/knowledge-settings.service';
import { isUuid } from '../util';
import { addSegmenterWords } from '../text/segmenter';
import { SynonymIndex } from '../text/synonym-index';

export const DEFAULT_SYNONYMS_FILE = join(__dirname, '../../data/synonyms.json');
const SEEDED_FLAG = 'synonyms_seeded';

export function toSynonymGroupDto(g: SynonymGroup): SynonymGroupDto {
  return {
    id: g.id,
    terms: g.terms,
    locale: g.locale,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

/**
 * Admin-editable synonym groups, and the index retrieval reads them through. The index is kept in
 * memory until the groups change (announced as `synonyms` on KnowledgeCacheBus, so every process
 * reloads it); the Chinese segmenter learns every Chinese term so that a synonym is one token on
 * both sides.
 */
@Injectable()
export class SynonymsService {
  private readonly log = new Logger(SynonymsService.name);
  private cache?: { index: SynonymIndex; at: number };
  private loading?: Promise<SynonymIndex>;
  private generation = 0;

  constructor(
    @InjectRepository(SynonymGroup) private readonly groups: Repository<SynonymGroup>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: KnowledgeSettingsService,
    private readonly queue: QueueService,
    private readonly bus: KnowledgeCacheBus,
  ) {
    bus.subscribe((topics) => {
      if (covers(topics, 'synonyms')) this.forget();
    });
  }

  /** The current index. Call outside transactions (PGlite has one connection). */
  async index(): Promise<SynonymIndex> {
    const c = this.cache;
    if (c && (this.bus.reliable || Date.now() - c.at < FALLBACK_TTL_MS)) return c.index;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<SynonymIndex> {
    const generation = this.generation;
    const rows = await this.groups.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    addSegmenterWords(rows.flatMap((r) => r.terms));
    const index = new SynonymIndex(rows.map((r) => ({ id: r.id, terms: r.terms, locale: r.locale })));
    // Groups changed while we read: use this index once, read again next time.
    if (generation === this.generation) this.cache = { index, at: Date.now() };
    return index;
  }

  /** Drops the cached index (after a change, and in tests that empty the database between cases). */
  forget(): void {
    this.cache = undefined;
    this.loading = undefined;
    this.generation++;
  }

  async list(): Promise<SynonymGroupDto[]> {
    return (await this.groups.find({ order: { createdAt: 'ASC', id: 'ASC' } })).map(toSynonymGroupDto);
  }

  async get(id: string): Promise<SynonymGroup> {
    const g = isUuid(id) ? await this.groups.findOneBy({ id }) : null;
    if (!g) throw new NotFoundException(`synonym group ${id} does not exist`);
    return g;
  }

  async create(body: unknown): Promise<SynonymGroupDto> {
    const input = parseWith(synonymGroupSchema, body);
    const saved = await this.groups.save(this.groups.create({ terms: input.terms, locale: input.locale }));
    await this.changed();
    return toSynonymGroupDto(saved);
  }

  async update(id: string, body: unknown): Promise<SynonymGroupDto> {
    const input = parseWith(synonymGroupSchema, body);
    const g = await this.get(id);
    g.terms = input.terms;
    g.locale = input.locale;
    const saved = await this.groups.save(g);
    await this.changed();
    return toSynonymGroupDto(saved);
  }

  async remove(id: string): Promise<void> {
    const g = await this.get(id);
    await this.groups.remove(g);
    await this.changed();
  }

  /**
   * Inserts the shipped default groups once per install (an admin who deletes them keeps them
   * deleted). Groups marked `"since": n` came with a later release: an install seeded before it gets
   * them once too. Returns how many were added.
   */
  async seedDefaults(file = DEFAULT_SYNONYMS_FILE): Promise<number> {
    const defaults = (
      JSON.parse(readFileSync(file, 'utf8')) as {
        groups: { terms: string[]; locale: string | null; since?: number }[];
      }
    ).groups;
    const releases = [...new Set(defaults.map((g) => g.since ?? 1))].sort((a, b) => a - b);
    const added = await this.db.transaction(async (em: EntityManager) => {
      // Serialises two processes booting at once on the same database.
      await em.query(`LOCK TABLE knowledge_synonym_groups IN SHARE ROW EXCLUSIVE MODE`);
      let n = 0;
      for (const release of releases) {
        const flag = release === 1 ? SEEDED_FLAG : `${SEEDED_FLAG}_${release}`;
        if (await this.settings.flag(em, flag)) continue;
        const groups = defaults.filter((g) => (g.since ?? 1) === release);
        await em.insert(
          SynonymGroup,
          groups.map((g) => ({ terms: g.terms, locale: g.locale })),
        );
        await this.settings.setFlag(em, flag);
        n += groups.length;
      }
      return n;
    });
    if (added) {
      // Every process reloads the groups. Existing articles are re-segmented by the index-version job
      // a release that adds default groups comes with (see KnowledgeReindexProcessor).
      await this.bus.changed(null, ['synonyms']);
      this.log.log(`added ${added} default synonym groups`);
    }
    return added;
  }

  /** Drops the cache and re-segments the articles in the background (new words may cut differently). */
  private async changed(): Promise<void> {
    await this.bus.changed(null, ['synonyms']);
    // One job per edit; a job whose edit an already started re-index covers skips itself (see the processor).
    const at = new Date();
    await this.queue.add(
      KnowledgeReindexJob,
      { requestedAt: at.toISOString() },
      { jobId: `knowledge-reindex-${at.getTime()}`, delay: 1000 },
    );
  }
}
