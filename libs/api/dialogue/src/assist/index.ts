import type { Provider, Type } from '@nestjs/common';
import { HandoffSummaryController } from './handoff-summary.controller';
import { HandoffSummaryListener } from './handoff-summary.listener';
import { HandoffSummaryProcessor } from './handoff-summary.processor';
import { HandoffSummaryService } from './handoff-summary.service';
import { HumanEditSenderController } from './human-edit-sender.controller';
import { HumanEditSenderService } from './human-edit-sender.service';
import { ClaudeSuggester } from './llm-suggester';
import { RuleTesterController } from './rule-tester.controller';
import { RuleTesterService } from './rule-tester.service';
import { SuggestionsController } from './suggestions.controller';
import { LLM_SUGGESTER, SuggestionsService } from './suggestions.service';

/**
 * Help for the hand-off on the dialogue side: the rule tester, suggested replies for agents (Claude's
 * beside the bot's when Claude is on), the hand-off summary written as an internal note at every hand-off,
 * and human edits sent to the knowledge base or the training data. Wired by DialogueModule.
 */
export const ASSIST_PROVIDERS: Provider[] = [
  RuleTesterService,
  SuggestionsService,
  HumanEditSenderService,
  HandoffSummaryService,
  HandoffSummaryListener,
  HandoffSummaryProcessor,
  { provide: LLM_SUGGESTER, useClass: ClaudeSuggester },
];
export const ASSIST_CONTROLLERS: Type<unknown>[] = [
  RuleTesterController,
  SuggestionsController,
  HumanEditSenderController,
  HandoffSummaryController,
];

export { RuleTesterService, SuggestionsService, HumanEditSenderService, HandoffSummaryService };
export { LLM_SUGGESTER } from './suggestions.service';
export type { LlmSuggester, LlmSuggestInput } from './suggestions.service';
export { HandoffSummaryJob } from './handoff-summary.job';
export type { HandoffSummaryPayload } from './handoff-summary.job';
