import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@kefu/api/platform/config';
import { DatabaseModule } from '@kefu/api/platform/database';
import { HttpModule } from '@kefu/api/platform/http';
import { QueueModule } from '@kefu/api/platform/queue';
import { IdentityModule } from '@kefu/api/identity';
import { ConversationsModule } from '@kefu/api/conversations';
import { ChannelsModule } from '@kefu/api/channels';
import { NluModule } from '@kefu/api/nlu';
import { KnowledgeModule } from '@kefu/api/knowledge';
import { CommerceModule } from '@kefu/api/commerce';
import { DialogueModule } from '@kefu/api/dialogue';
import { AuditModule } from '@kefu/api/audit';
import { HandoffModule } from '@kefu/api/handoff';
import { LlmModule } from '@kefu/api/llm';
import { migrations } from '../migrations';

/** Wiring only: every behaviour lives in a library. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ migrations }),
        QueueModule,
        HttpModule,
        IdentityModule,
        AuditModule,
        ConversationsModule,
        HandoffModule,
        ChannelsModule,
        NluModule,
        KnowledgeModule,
        CommerceModule,
        DialogueModule,
        LlmModule,
      ],
    };
  }
}
