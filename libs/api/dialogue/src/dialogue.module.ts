import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommerceModule } from '@kefu/api/commerce';
import { ConversationsModule } from '@kefu/api/conversations';
import { HandoffModule } from '@kefu/api/handoff';
import { KnowledgeModule } from '@kefu/api/knowledge';
import { LlmModule } from '@kefu/api/llm';
import { NluModule } from '@kefu/api/nlu';
import { ASSIST_CONTROLLERS, ASSIST_PROVIDERS } from './assist';
import { ClaudeTurns } from './claude/claude-turns';
import { DialogueStage } from './engine/dialogue.stage';
import { DIALOGUE_ENTITIES } from './entities';
import { EscalationFlow } from './escalation/escalation-flow.service';
import { IdleRulesService } from './escalation/idle-rules.service';
import { ContactProfileController } from './profile/contact-profile.controller';
import { ContactProfileService } from './profile/contact-profile.service';
import { DialogueStateStore } from './state/dialogue-state.store';
import { DialogueTemplatesController } from './templates/dialogue-templates.controller';
import { DialogueTemplatesService } from './templates/dialogue-templates.service';
import { TemplateSeeder } from './templates/template-seeder.service';

/**
 * The dialogue engine: reply templates (admin-editable, seeded with defaults, rendered per
 * locale), the per-conversation dialogue state, the contact's profile, and the pipeline stage that
 * answers shoppers from the shop's data and the knowledge base. Import it once in the root module.
 */
@Module({
  imports: [TypeOrmModule.forFeature(DIALOGUE_ENTITIES), ConversationsModule, HandoffModule, NluModule, KnowledgeModule, CommerceModule, LlmModule],
  controllers: [DialogueTemplatesController, ContactProfileController, ...ASSIST_CONTROLLERS],
  providers: [DialogueTemplatesService, TemplateSeeder, DialogueStateStore, ContactProfileService, EscalationFlow, IdleRulesService, ClaudeTurns, DialogueStage, ...ASSIST_PROVIDERS],
  exports: [DialogueTemplatesService, TemplateSeeder, DialogueStateStore, ContactProfileService],
})
export class DialogueModule {}
