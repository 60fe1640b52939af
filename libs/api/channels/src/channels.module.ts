import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '@kefu/api/conversations';
import { CHANNEL_ENTITIES } from './entities';
import { ApiChannelController } from './api/api-channel.controller';
import { ApiWebhookAdapter } from './api/api-webhook.adapter';
import { DeliveryService } from './delivery/delivery.service';
import { EMAIL_CONTROLLERS, EMAIL_PROVIDERS } from './email';
import { WEBHOOK_CONTROLLERS, WEBHOOK_PROVIDERS } from './webhooks';
import { WECHAT_CONTROLLERS, WECHAT_PROVIDERS } from './wechat';
import { WIDGET_CONTROLLERS, WIDGET_PROVIDERS } from './widget';
import { WidgetAssetsModule } from './widget-assets';

@Module({
  imports: [TypeOrmModule.forFeature(CHANNEL_ENTITIES), ConversationsModule, WidgetAssetsModule],
  controllers: [...WEBHOOK_CONTROLLERS, ...WECHAT_CONTROLLERS, ...WIDGET_CONTROLLERS, ...EMAIL_CONTROLLERS, ApiChannelController],
  providers: [...WEBHOOK_PROVIDERS, ...WECHAT_PROVIDERS, ...WIDGET_PROVIDERS, ...EMAIL_PROVIDERS, ApiWebhookAdapter, DeliveryService],
  exports: [DeliveryService],
})
export class ChannelsModule {}
