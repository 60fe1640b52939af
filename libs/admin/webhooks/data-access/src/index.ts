export * from './lib/webhooks-api.service';
export * from './lib/delivery-failures-api.service';
export * from './lib/replay-all';
export * from './lib/delivery-failures.store';
