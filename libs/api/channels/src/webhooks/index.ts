import { DeliveryFailuresController } from './delivery-failures.controller';
import { DeliveryFailuresService } from './delivery-failures.service';
import { DeliveryReplayService } from './delivery-replay.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Outbound webhooks and the delivery-failures list; ChannelsModule wires them (they need DeliveryService). */
export const WEBHOOK_CONTROLLERS = [WebhooksController, DeliveryFailuresController];
export const WEBHOOK_PROVIDERS = [
  WebhookSender,
  WebhookDeliveryService,
  WebhookDispatcher,
  WebhooksService,
  DeliveryFailuresService,
  DeliveryReplayService,
];

export { WebhookDispatcher, WebhookDeliveryService, WebhooksService, DeliveryReplayService };
export { WebhookDeliverJob } from './webhook-deliver.job';
