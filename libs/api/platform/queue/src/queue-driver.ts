import { JobDefinition, JobHandler, JobOptions, ProcessOptions } from './job';

/** What both drivers (BullMQ and in-process) offer. Domain code only sees QueueService. */
export interface QueueDriver {
  readonly kind: 'bullmq' | 'in-process';
  add<P>(job: JobDefinition<P>, payload: P, opts?: JobOptions): Promise<void>;
  /** Starts consuming `job`. Called only in processes that run the worker role. */
  process<P>(job: JobDefinition<P>, handler: JobHandler<P>, opts?: ProcessOptions): void;
  /** True when jobs can be enqueued right now. */
  ping(): Promise<boolean>;
  /** Jobs waiting or delayed, and active, per job name. */
  counts(name: string): Promise<{ waiting: number; active: number; failed: number }>;
  /** Stop taking new jobs; in-flight jobs finish (or return to the queue) within timeoutMs. */
  close(timeoutMs: number): Promise<void>;
}
