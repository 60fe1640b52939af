import { defineJob } from '@kefu/api/platform/queue';

/** Retrain the language engine for one training run. Enqueued with jobId = run id. */
export interface NluTrainPayload {
  runId: string;
}

export const NluTrainJob = defineJob<NluTrainPayload>('nlu.train', {
  attempts: 2,
  backoff: { type: 'fixed', delay: 5000 },
});
