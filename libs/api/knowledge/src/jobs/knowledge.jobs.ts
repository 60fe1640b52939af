import { defineJob } from '@kefu/api/platform/queue';

/** Every queue the knowledge domain owns. Payloads carry ids. */

/** Import one uploaded file. Enqueued with jobId = `knowledge-import-<import id>`. */
export interface KnowledgeImportPayload {
  importId: string;
}
export const KnowledgeImportJob = defineJob<KnowledgeImportPayload>('knowledge.import', {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
});

/**
 * Sync one feed. A scheduled run carries the due time it was enqueued for, and its jobId is
 * `knowledge-feed-<feed id>-<due time ms>`, so two schedulers enqueue it once (and a unique index
 * on the run's (feed, due time) stops a second run that slipped through); a manual run carries the
 * run row the API created instead.
 */
export interface KnowledgeFeedSyncPayload {
  feedId: string;
  scheduledFor: string | null;
  runId?: string;
}
export const KnowledgeFeedSyncJob = defineJob<KnowledgeFeedSyncPayload>('knowledge.feed-sync', {
  attempts: 1,
});

/**
 * Re-segment every article and recount terms: after the segmenter learned new words from synonyms,
 * or (with `indexVersion`, job id `knowledge-reindex-index-v<n>`) once when the segmentation code
 * changed since the index was written.
 */
export interface KnowledgeReindexPayload {
  requestedAt: string;
  /** Only if the stored index is older than this version. */
  indexVersion?: number;
}
export const KnowledgeReindexJob = defineJob<KnowledgeReindexPayload>('knowledge.reindex', {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
});
