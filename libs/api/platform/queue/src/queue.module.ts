import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { BullMqQueueDriver } from './bullmq.driver';
import { InProcessQueueDriver } from './in-process.driver';
import { QUEUE_DRIVER, QueueService } from './queue.service';
import { QueueDriver } from './queue-driver';

export function createQueueDriver(config: AppConfig): QueueDriver {
  return config.queue.kind === 'bullmq'
    ? new BullMqQueueDriver(config.queue.url, config.queue.prefix)
    : new InProcessQueueDriver();
}

@Global()
@Module({
  providers: [
    { provide: QUEUE_DRIVER, inject: [APP_CONFIG], useFactory: createQueueDriver },
    QueueService,
  ],
  exports: [QueueService],
})
export class QueueModule {}
