import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ExclusiveTransactions } from '@kefu/api/platform/database';
import type { NluParseContext, NluResult } from '@kefu/shared/contracts';
import { NluExample, NluIntent, NluModel } from './entities';
import { SoftmaxClassifier } from './lib/classifier/softmax-classifier';
import { createEngine, prepareEngines, sharedGazetteer } from './lib/engine-factory';
import { NluEngine } from './lib/nlu-engine';
import { BuiltModel, buildModel, evaluateHeldOut, hashTrainingData } from './lib/training/model-builder';
import { CorpusExample, loadBuiltinTraining, loadDefaultIntents } from './lib/training/training-data';

/** How often every process checks whether another process activated a different model. */
export const MODEL_REFRESH_MS = 5_000;
const KEEP_MODEL_DATA = 10;

/**
 * Owns the model every parse runs on. At boot it loads the active model from the database, or
 * trains the default one from the built-in data (cached on disk by data hash) and stores it as
 * version 1. Every process polls for the active version, so a model trained in a worker, or a
 * version an admin restored, is swapped in everywhere without a restart.
 */
@Injectable()
export class NluModelRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(NluModelRegistry.name);
  private engine: NluEngine | null = null;
  private loading: Promise<NluEngine> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private builtin: CorpusExample[] | null = null;
  private builtinHashValue: string | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly exclusive: ExclusiveTransactions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureActiveModel();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), MODEL_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The engine, once loaded. */
  ready(): Promise<NluEngine> {
    if (this.engine) return Promise.resolve(this.engine);
    this.loading ??= this.loadOrBuild().finally(() => (this.loading = null));
    return this.loading;
  }

  /**
   * Loads the active model, or builds and stores one when the database has none (first boot, or an
   * emptied database). Idempotent.
   */
  async ensureActiveModel(): Promise<NluEngine> {
    const engine = await this.loadOrBuild();
    this.engine = engine;
    return engine;
  }

  get current(): NluEngine | null {
    return this.engine;
  }

  async parse(text: unknown, context: NluParseContext = {}): Promise<NluResult> {
    const engine = await this.ready();
    return engine.parse(text, {
      now: context.now ? new Date(context.now) : undefined,
      language: context.language,
      timezone: context.timezone,
    });
  }

  /** The training data of the next model: built-in examples of enabled intents plus admins' examples. */
  async trainingData(em: EntityManager = this.db.manager): Promise<CorpusExample[]> {
    this.builtin ??= loadBuiltinTraining();
    const overrides = await em.find(NluIntent);
    const disabled = new Set(overrides.filter((i) => !i.enabled).map((i) => i.name));
    const custom = await em.find(NluExample, { order: { createdAt: 'ASC', id: 'ASC' } });
    return [
      ...this.builtin.filter((e) => !disabled.has(e.intent)),
      ...custom
        .filter((e) => !disabled.has(e.intent))
        .map((e) => ({ text: e.text, intent: e.intent, corpus: e.language })),
    ];
  }

  builtinIntents() {
    return loadDefaultIntents();
  }

  builtinExamples(): CorpusExample[] {
    this.builtin ??= loadBuiltinTraining();
    return this.builtin;
  }

  /** Stores a freshly built model as the next version and, when `activate`, makes it the active one. */
  async store(built: BuiltModel, createdBy: string | null, activate: boolean): Promise<NluModel> {
    const engine = createEngine(built.classifier, 0);
    const metrics = evaluateHeldOut((t) => engine.parse(t).intent);
    const saved = await this.exclusive.run(async (em) => {
      if (activate) await em.update(NluModel, { status: 'active' }, { status: 'ready' });
      const model = await em.save(
        em.create(NluModel, {
          status: activate ? 'active' : 'ready',
          data: built.data,
          dataHash: built.dataHash,
          builtinHash: this.builtinHash(),
          sizeBytes: built.data.length,
          intents: built.intents,
          examples: built.examples,
          trainingMs: built.trainingMs,
          metrics,
          createdBy,
        }),
      );
      // Keep the data of the newest models only; older rows stay as history.
      await em.query(
        `UPDATE nlu_models SET data = NULL, status = 'retired'
          WHERE status <> 'active' AND data IS NOT NULL
            AND version NOT IN (SELECT version FROM nlu_models ORDER BY version DESC LIMIT ${KEEP_MODEL_DATA})`,
      );
      return model;
    });
    if (activate) this.engine = createEngine(built.classifier, saved.version);
    return saved;
  }

  /** Makes `version` the active model (restore); every process picks it up on its next refresh. */
  async activate(version: number): Promise<NluModel | null> {
    const model = await this.exclusive.run(async (em) => {
      const row = await em
        .createQueryBuilder(NluModel, 'm')
        .addSelect('m.data')
        .where('m.version = :version', { version })
        .setLock('pessimistic_write')
        .getOne();
      if (!row || !row.data) return null;
      await em.update(NluModel, { status: 'active' }, { status: 'ready' });
      await em.update(NluModel, { version }, { status: 'active' });
      row.status = 'active';
      return row;
    });
    if (model?.data) this.engine = createEngine(SoftmaxClassifier.deserialize(model.data), model.version);
    return model;
  }

  /** Loads the active model if another process changed it. */
  async refresh(): Promise<void> {
    const rows: { version: number }[] = await this.db.query(
      `SELECT version FROM nlu_models WHERE status = 'active'`,
    );
    const version = rows[0]?.version;
    if (version === undefined || version === this.engine?.version) return;
    const engine = await this.loadVersion(version);
    if (engine) {
      this.engine = engine;
      this.log.log(`NLU model v${version} swapped in`);
    }
  }

  private builtinHash(): string {
    return (this.builtinHashValue ??= hashTrainingData(this.builtinExamples()));
  }

  private async loadVersion(version: number): Promise<NluEngine | null> {
    const row = await this.db
      .createQueryBuilder(NluModel, 'm')
      .addSelect('m.data')
      .where('m.version = :version', { version })
      .getOne();
    if (!row?.data) return null;
    return createEngine(SoftmaxClassifier.deserialize(row.data), row.version);
  }

  private async loadOrBuild(): Promise<NluEngine> {
    await prepareEngines();
    const rows: { version: number; builtin_hash: string }[] = await this.db.query(
      `SELECT version, builtin_hash FROM nlu_models WHERE status = 'active'`,
    );
    // A model trained on older built-in data (before an upgrade) is replaced by one on the new data.
    if (rows[0] && rows[0].builtin_hash === this.builtinHash()) {
      try {
        const engine = await this.loadVersion(rows[0].version);
        if (engine) return (this.engine = engine);
      } catch (err) {
        this.log.error(
          `active NLU model v${rows[0].version} cannot be read (${(err as Error).message}); retraining`,
        );
      }
    }
    const started = Date.now();
    const built = await buildModel({ examples: await this.trainingData() });
    this.log.log(
      `NLU model built from ${built.examples} examples in ${Date.now() - started} ms${built.fromCache ? ' (cached)' : ''}`,
    );
    try {
      await this.store(built, null, true);
    } catch {
      // Another process stored one at the same moment: use theirs.
      await this.refresh();
    }
    return (this.engine ??= createEngine(built.classifier, 0));
  }

  /** The gazetteer product and brand names are matched against; the catalog adds its own. */
  get gazetteer() {
    return sharedGazetteer();
  }
}
