export * from './channels.module';
export { sign, verify } from './api/signature';
export { DeliveryService } from './delivery/delivery.service';
export type { ChannelAdapter, OutboundDelivery } from './delivery/channel-adapter';
export { ChannelDeliverJob } from './delivery/channel-deliver.job';
export * from './delivery/capabilities';
export * from './entities';
