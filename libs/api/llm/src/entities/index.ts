import { registerPersonalData } from '@kefu/api/platform/database';
import { LlmSettingsRow } from './llm-settings.entity';
import { LlmTrainingCandidate } from './llm-training-candidate.entity';
import { LlmUsage } from './llm-usage.entity';

export { LlmSettingsRow, LlmTrainingCandidate, LlmUsage };
export type { TrainingCandidateStatus } from './llm-training-candidate.entity';
export const LLM_ENTITIES = [LlmSettingsRow, LlmTrainingCandidate, LlmUsage];

// llm_usage holds counts and costs only (no text); llm_settings holds the shop's key, not a person's data.
registerPersonalData({
  table: 'llm_training_candidates',
  columns: ['text'],
  subject: { kind: 'contact', column: 'contact_id' },
  description:
    "a shopper's message Claude read differently from the offline engine, kept for an admin to turn into training data",
});
