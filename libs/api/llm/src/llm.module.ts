import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NluModule } from '@kefu/api/nlu';
import { LlmIntentClassifier, LlmReplyWriter } from './answer';
import { LLM_ENTITIES } from './entities';
import { BudgetAlerts, LlmRuntime } from './runtime';
import { LlmKeyTester, LlmSettingsController, LlmSettingsService, LlmSettingsStore } from './settings';
import { LlmTrainingCandidates, LlmTrainingCandidatesController } from './training';
import { LlmUsageController, LlmUsageReportService, PostgresUsageRecorder } from './usage';

/**
 * Claude's settings (encrypted key), usage and cost, the runtime that says whether Claude may answer a
 * scope and hands out the guarded client, the reply writer and the intent classifier the dialogue stage
 * calls, and the training candidates the classifications leave behind.
 * NluModule: an accepted candidate must name an intent the engine knows.
 */
@Module({
  imports: [TypeOrmModule.forFeature(LLM_ENTITIES), NluModule],
  controllers: [LlmSettingsController, LlmUsageController, LlmTrainingCandidatesController],
  providers: [
    LlmSettingsStore,
    LlmSettingsService,
    LlmKeyTester,
    PostgresUsageRecorder,
    LlmUsageReportService,
    BudgetAlerts,
    LlmRuntime,
    LlmTrainingCandidates,
    LlmReplyWriter,
    LlmIntentClassifier,
  ],
  exports: [LlmRuntime, LlmSettingsService, LlmTrainingCandidates, PostgresUsageRecorder, LlmReplyWriter, LlmIntentClassifier],
})
export class LlmModule {}
