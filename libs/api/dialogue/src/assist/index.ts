import type { Provider, Type } from '@nestjs/common';
import { HumanEditSenderController } from './human-edit-sender.controller';
import { HumanEditSenderService } from './human-edit-sender.service';
import { RuleTesterController } from './rule-tester.controller';
import { RuleTesterService } from './rule-tester.service';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsService } from './suggestions.service';

/**
 * Help for the hand-off on the dialogue side: the rule tester, suggested replies for agents, and
 * human edits sent to the knowledge base or the training data. Wired by DialogueModule.
 */
export const ASSIST_PROVIDERS: Provider[] = [RuleTesterService, SuggestionsService, HumanEditSenderService];
export const ASSIST_CONTROLLERS: Type<unknown>[] = [RuleTesterController, SuggestionsController, HumanEditSenderController];

export { RuleTesterService, SuggestionsService, HumanEditSenderService };
export { LLM_SUGGESTER } from './suggestions.service';
export type { LlmSuggester } from './suggestions.service';
