import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { NluModelDto, NluTrainingRunDto } from '@kefu/shared/contracts';
import { QueueService } from '@kefu/api/platform/queue';
import { NluModel, NluTrainingRun } from './entities';
import { NluTrainJob, NluTrainPayload } from './jobs/nlu-train.job';
import { NluModelRegistry } from './nlu-model.registry';
import { buildModel } from './lib/training/model-builder';

const PROGRESS_WRITE_STEP = 0.05;
/** A run queued or running for this long was orphaned: training takes well under a minute. */
export const STALE_RUN_MS = 10 * 60_000;

export function toRunDto(r: NluTrainingRun): NluTrainingRunDto {
  return {
    id: r.id,
    status: r.status,
    progress: Math.round(r.progress * 1000) / 1000,
    stage: r.stage,
    modelVersion: r.modelVersion,
    error: r.error,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export function toModelDto(m: NluModel): NluModelDto {
  return {
    version: m.version,
    status: m.status,
    intents: m.intents,
    examples: m.examples,
    trainingMs: m.trainingMs,
    sizeBytes: m.sizeBytes,
    metrics: m.metrics,
    createdAt: m.createdAt.toISOString(),
    createdBy: m.createdBy,
  };
}

/**
 * Background retraining: a run row (queued → running → succeeded/failed) with progress, a job on
 * the queue, and the new model stored as the next version and activated. One run at a time:
 * asking again while one is queued or running returns that run.
 */
@Injectable()
export class NluTrainingService implements OnModuleInit {
  private readonly log = new Logger(NluTrainingService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly registry: NluModelRegistry,
  ) {}

  onModuleInit() {
    this.queue.process(NluTrainJob, (p) => this.handle(p), { concurrency: 1 });
  }

  async request(requestedBy: string | null): Promise<{ run: NluTrainingRun; created: boolean }> {
    const runs = this.db.getRepository(NluTrainingRun);
    const pending = () =>
      runs.findOne({ where: { status: In(['queued', 'running']) }, order: { createdAt: 'DESC' } });
    let existing = await pending();
    if (existing && this.isStale(existing)) {
      // The process that held it stopped (a crash, or an in-process queue lost on restart).
      await runs.update(
        { id: existing.id },
        {
          status: 'failed',
          stage: 'failed',
          error: 'interrupted: the process stopped before it finished',
          finishedAt: new Date(),
        },
      );
      existing = await pending();
    }
    if (existing) return { run: existing, created: false };
    let run: NluTrainingRun;
    try {
      run = await runs.save(runs.create({ status: 'queued', progress: 0, stage: 'queued', requestedBy }));
    } catch (err) {
      // Another request queued one at the same moment (unique index on the pending run): use it.
      const raced = await pending();
      if (raced) return { run: raced, created: false };
      throw err;
    }
    await this.queue.add(NluTrainJob, { runId: run.id }, { jobId: `nlu-train-${run.id}` });
    return { run, created: true };
  }

  private isStale(run: NluTrainingRun): boolean {
    const since = (run.startedAt ?? run.createdAt).getTime();
    return Date.now() - since > STALE_RUN_MS;
  }

  get(id: string) {
    return this.db.getRepository(NluTrainingRun).findOneBy({ id });
  }

  listRuns(limit = 20) {
    return this.db.getRepository(NluTrainingRun).find({ order: { createdAt: 'DESC' }, take: limit });
  }

  listModels() {
    return this.db.getRepository(NluModel).find({ order: { version: 'DESC' }, take: 50 });
  }

  async handle({ runId }: NluTrainPayload): Promise<void> {
    const runs = this.db.getRepository(NluTrainingRun);
    const run = await runs.findOneBy({ id: runId });
    if (!run || run.status === 'succeeded' || run.status === 'failed') return;
    await runs.update(
      { id: runId },
      { status: 'running', stage: 'collecting examples', startedAt: new Date(), progress: 0 },
    );
    let written = 0;
    try {
      const examples = await this.registry.trainingData();
      const built = await buildModel({
        examples,
        cacheDir: false,
        onProgress: async (progress, stage) => {
          if (progress - written < PROGRESS_WRITE_STEP && progress < 1) {
            await new Promise((r) => setImmediate(r));
            return;
          }
          written = progress;
          await runs.update({ id: runId }, { progress: Math.min(0.95, progress), stage });
        },
      });
      await runs.update({ id: runId }, { progress: 0.96, stage: 'evaluating' });
      const model = await this.registry.store(built, run.requestedBy, true);
      await runs.update(
        { id: runId },
        {
          status: 'succeeded',
          progress: 1,
          stage: 'done',
          modelVersion: model.version,
          finishedAt: new Date(),
        },
      );
      this.log.log(
        `NLU model v${model.version} trained on ${built.examples} examples in ${built.trainingMs} ms`,
      );
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      await runs.update(
        { id: runId },
        { status: 'failed', stage: 'failed', error: message.slice(0, 500), finishedAt: new Date() },
      );
      this.log.error(`NLU training run ${runId} failed: ${message}`);
    }
  }

  @OnEvent('nlu.retrain.requested', { async: true, promisify: true })
  async onRetrainRequested(payload: { requestedBy: string | null }): Promise<void> {
    await this.request(payload.requestedBy);
  }
}
