import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '@kefu/api/conversations';
import { CHANNEL_ENTITIES } from './entities';
import { ApiChannelController } from './api/api-channel.controller';
import { ApiWebhookAdapter } from './api/api-webhook.adapter';
import { DeliveryService } from './delivery/delivery.service';

@Module({
  imports: [TypeOrmModule.forFeature(CHANNEL_ENTITIES), ConversationsModule],
  controllers: [ApiChannelController],
  providers: [ApiWebhookAdapter, DeliveryService],
  exports: [DeliveryService],
})
export class ChannelsModule {}
