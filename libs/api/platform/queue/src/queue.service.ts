import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { JobDefinition, JobHandler, JobOptions, ProcessOptions } from './job';
import { QueueDriver } from './queue-driver';

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');

/**
 * The one door to the queue for domain code. Which driver sits behind it (BullMQ or in-process)
 * is decided by config; handlers are only attached in processes that run the worker role.
 */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly log = new Logger(QueueService.name);

  constructor(
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get kind() {
    return this.driver.kind;
  }

  add<P>(job: JobDefinition<P>, payload: P, opts?: JobOptions): Promise<void> {
    return this.driver.add(job, payload, opts);
  }

  /** Registers the processor for `job` if this process runs the worker role. */
  process<P>(job: JobDefinition<P>, handler: JobHandler<P>, opts?: ProcessOptions): boolean {
    if (!this.config.runsWorker) return false;
    this.driver.process(job, handler, opts);
    return true;
  }

  ping(): Promise<boolean> {
    return this.driver.ping();
  }

  counts(name: string) {
    return this.driver.counts(name);
  }

  async onApplicationShutdown(): Promise<void> {
    this.log.log('closing queue: waiting for in-flight jobs');
    await this.driver.close(this.config.SHUTDOWN_TIMEOUT_MS);
  }
}
