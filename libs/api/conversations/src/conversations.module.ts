import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@kefu/api/identity';
import { ConversationAccess } from './access/conversation-access';
import { AutoReplyStage } from './auto-reply/auto-reply.stage';
import { ConversationProcessor } from './conversation.processor';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { DeliveryRecorder } from './delivery-recorder.service';
import { CONVERSATION_ENTITIES } from './entities';
import { InboxesController } from './inboxes.controller';
import { InboxesService } from './inboxes.service';
import { IngestService } from './ingest.service';
import { ProcessingPipeline } from './processing-pipeline';
import { AdminGateway } from './realtime/admin.gateway';
import { ReplyStreams } from './reply-stream';
import { SweeperService } from './sweeper.service';

@Module({
  imports: [TypeOrmModule.forFeature(CONVERSATION_ENTITIES), IdentityModule],
  controllers: [InboxesController, ConversationsController],
  providers: [
    ConversationAccess,
    InboxesService,
    ConversationsService,
    IngestService,
    ProcessingPipeline,
    AutoReplyStage,
    ConversationProcessor,
    SweeperService,
    DeliveryRecorder,
    AdminGateway,
    ReplyStreams,
  ],
  exports: [ConversationAccess, AdminGateway, InboxesService, ConversationsService, IngestService, ProcessingPipeline, DeliveryRecorder, SweeperService, ReplyStreams],
})
export class ConversationsModule {}
