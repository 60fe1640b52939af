export * from './job';
export * from './queue-driver';
export * from './queue.service';
export * from './queue.module';
export { InProcessQueueDriver } from './in-process.driver';
export { BullMqQueueDriver } from './bullmq.driver';
