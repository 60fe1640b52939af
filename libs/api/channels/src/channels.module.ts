import { Module } from '@nestjs/common';
import { ConversationsModule } from '@kefu/api/conversations';
import { ApiChannelController } from './api/api-channel.controller';
import { ApiWebhookAdapter } from './api/api-webhook.adapter';
import { DeliveryService } from './delivery/delivery.service';

@Module({
  imports: [ConversationsModule],
  controllers: [ApiChannelController],
  providers: [ApiWebhookAdapter, DeliveryService],
  exports: [DeliveryService],
})
export class ChannelsModule {}
