import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DIALOGUE_ENTITIES } from './entities';
import { DialogueStateStore } from './state/dialogue-state.store';
import { DialogueTemplatesController } from './templates/dialogue-templates.controller';
import { DialogueTemplatesService } from './templates/dialogue-templates.service';
import { TemplateSeeder } from './templates/template-seeder.service';

/**
 * The dialogue engine's foundations: reply templates (admin-editable, seeded with defaults,
 * rendered per locale) and the per-conversation dialogue state. Import it once in the root module.
 */
@Module({
  imports: [TypeOrmModule.forFeature(DIALOGUE_ENTITIES)],
  controllers: [DialogueTemplatesController],
  providers: [DialogueTemplatesService, TemplateSeeder, DialogueStateStore],
  exports: [DialogueTemplatesService, TemplateSeeder, DialogueStateStore],
})
export class DialogueModule {}
