import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '@kefu/api/conversations';
import { IdentityModule } from '@kefu/api/identity';
import { HANDOFF_ENTITIES } from './entities';
import { HandoffSeeder } from './handoff.seeder';
import { RULES_CONTROLLERS, RULES_PROVIDERS } from './rules';
import { ROUTING_CONTROLLERS, ROUTING_PROVIDERS } from './routing';
import { WORKSPACE_CONTROLLERS, WORKSPACE_PROVIDERS } from './workspace';

/**
 * When the bot stops and who takes over: escalation rules and thresholds (rules/), teams, routing,
 * time limits and the kill switch (routing/), the agent workspace's API (workspace/).
 */
@Module({
  imports: [TypeOrmModule.forFeature(HANDOFF_ENTITIES), ConversationsModule, IdentityModule],
  controllers: [...RULES_CONTROLLERS, ...ROUTING_CONTROLLERS, ...WORKSPACE_CONTROLLERS],
  providers: [...RULES_PROVIDERS, ...ROUTING_PROVIDERS, ...WORKSPACE_PROVIDERS, HandoffSeeder],
  exports: [...RULES_PROVIDERS, ...ROUTING_PROVIDERS, ...WORKSPACE_PROVIDERS, HandoffSeeder],
})
export class HandoffModule {}
