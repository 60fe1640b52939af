export * from './channels.module';
export { sign, verify } from './api/signature';
export { DeliveryService } from './delivery/delivery.service';
export type { ChannelAdapter, OutboundDelivery } from './delivery/channel-adapter';
export { ChannelDeliverJob } from './delivery/channel-deliver.job';
export * from './delivery/capabilities';
export * from './entities';
export { EmailAdapter, EmailInboundService, MimeError, emailMaxBytes, ourMessageId, stripQuoted } from './email';
export { WebhookDispatcher, WebhookDeliveryService, WebhooksService, DeliveryReplayService, WebhookDeliverJob } from './webhooks';
export {
  WechatAdapter,
  WechatApiClient,
  WechatApiError,
  decryptMessage as decryptWechatMessage,
  encryptMessage as encryptWechatMessage,
  wechatSignature,
  buildTextReply as buildWechatTextReply,
  parseWechatXml,
} from './wechat';
export {
  WidgetAdapter,
  WidgetBroadcaster,
  WidgetEvents,
  WidgetRefusal,
  WIDGET_NAMESPACE,
  widgetIdentityHash,
  identityRoom as widgetIdentityRoom,
  type WidgetMessage,
  type WidgetSession,
} from './widget';
