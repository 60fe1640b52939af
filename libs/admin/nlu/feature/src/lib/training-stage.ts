import type { NluTrainingRunDto } from '@kefu/shared/contracts';

/** The stages the API reports, mapped to keys under `nlu.training.stages`. */
const STAGE_KEYS: Record<string, string> = {
  queued: 'queued',
  'collecting examples': 'collecting',
  preparing: 'preparing',
  training: 'training',
  'loaded from cache': 'cached',
  evaluating: 'evaluating',
  done: 'done',
  failed: 'failed',
};

/** The translation key for a run's stage, or null for a stage this admin does not know (shown as is). */
export function trainingStageKey(run: Pick<NluTrainingRunDto, 'stage'>): string | null {
  const key = STAGE_KEYS[run.stage.trim().toLowerCase()];
  return key ? `nlu.training.stages.${key}` : null;
}

/** Milliseconds from request to end, or null while the run is not finished. */
export function runDurationMs(run: Pick<NluTrainingRunDto, 'createdAt' | 'finishedAt'>): number | null {
  if (!run.finishedAt) return null;
  const ms = new Date(run.finishedAt).getTime() - new Date(run.createdAt).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}
