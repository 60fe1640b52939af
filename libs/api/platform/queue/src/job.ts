export interface Backoff {
  type: 'fixed' | 'exponential';
  /** Milliseconds; for `exponential` the n-th retry waits delay * 2^(n-1). */
  delay: number;
}

export interface JobOptions {
  /** Deterministic id: a second add with the same id while the first is known is ignored. */
  jobId?: string;
  /** Total tries, the first included. */
  attempts?: number;
  backoff?: Backoff;
  /** Milliseconds to wait before the first try. */
  delay?: number;
}

/** A named job with a typed payload. Payloads carry ids, not entities. */
export interface JobDefinition<P> {
  readonly name: string;
  readonly defaults: JobOptions;
  /** Phantom field that carries the payload type; never set. */
  readonly payload?: P;
}

export function defineJob<P>(name: string, defaults: JobOptions = {}): JobDefinition<P> {
  if (!/^[a-z][a-z0-9.-]*$/.test(name)) throw new Error(`job name "${name}" must be lower-case words joined by dots`);
  return { name, defaults };
}

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** True when a failure now will not be retried. */
  readonly isLastAttempt: boolean;
}

export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

export interface ProcessOptions {
  concurrency?: number;
}

export function backoffDelay(backoff: Backoff | undefined, attempt: number): number {
  if (!backoff) return 0;
  return backoff.type === 'fixed' ? backoff.delay : backoff.delay * 2 ** Math.max(0, attempt - 1);
}

export function resolveOptions(job: JobDefinition<unknown>, opts: JobOptions = {}): Required<Omit<JobOptions, 'jobId' | 'backoff'>> & JobOptions {
  const merged = { ...job.defaults, ...opts };
  return { ...merged, attempts: Math.max(1, merged.attempts ?? 1), delay: merged.delay ?? 0 };
}
