export { LlmTrainingCandidates, TRAINING_PAGE_SIZE } from './llm-training-candidates.service';
export type { TrainingCandidateInput } from './llm-training-candidates.service';
export { LlmTrainingCandidatesController } from './llm-training-candidates.controller';
