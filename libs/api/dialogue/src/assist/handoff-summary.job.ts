import { defineJob } from '@kefu/api/platform/queue';

/** Write the summary of one hand-off. Enqueued with jobId `handoff-summary-<conversation>-<hand-off ms>`. */
export interface HandoffSummaryPayload {
  conversationId: string;
  /** ISO time of the hand-off (the conversation's `handoff_at`): a later hand-off is another job. */
  handoffAt: string;
}

export const HandoffSummaryJob = defineJob<HandoffSummaryPayload>('dialogue.handoff-summary', {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
});

export const handoffSummaryJobId = (conversationId: string, handoffAt: Date) =>
  `handoff-summary-${conversationId}-${handoffAt.getTime()}`;
