import { randomUUID } from 'node:crypto';
import { BullMqQueueDriver } from './bullmq.driver';
import { InProcessQueueDriver } from './in-process.driver';
import { defineJob } from './job';
import { QueueDriver } from './queue-driver';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const drivers: [string, () => QueueDriver][] = [
  ['in-process', () => new InProcessQueueDriver()],
  ['bullmq', () => new BullMqQueueDriver(REDIS_URL, `kefu-test-${randomUUID().slice(0, 8)}`)],
];

describe.each(drivers)('%s queue driver', (_kind, make) => {
  let driver: QueueDriver;
  beforeEach(() => (driver = make()));
  afterEach(() => driver.close(2000));

  it('runs a job with its typed payload', async () => {
    const job = defineJob<{ n: number }>('test.echo');
    const seen: number[] = [];
    driver.process(job, async (p) => {
      seen.push(p.n);
    });
    await driver.add(job, { n: 42 });
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([42]);
  });

  it('ignores a second job with the same id', async () => {
    const job = defineJob<{ n: number }>('test.dedupe');
    const seen: number[] = [];
    await driver.add(job, { n: 1 }, { jobId: 'same-id', delay: 50 });
    await driver.add(job, { n: 2 }, { jobId: 'same-id' });
    driver.process(job, async (p) => {
      seen.push(p.n);
    });
    await waitFor(() => seen.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([1]);
  });

  it('retries a failing job with exponential backoff until its attempts run out', async () => {
    const job = defineJob<Record<string, never>>('test.retry');
    const attempts: { attempt: number; last: boolean; at: number }[] = [];
    driver.process(job, async (_p, ctx) => {
      attempts.push({ attempt: ctx.attempt, last: ctx.isLastAttempt, at: Date.now() });
      throw new Error('boom');
    });
    await driver.add(job, {}, { attempts: 3, backoff: { type: 'exponential', delay: 50 } });
    await waitFor(() => attempts.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(attempts.map((a) => a.last)).toEqual([false, false, true]);
    // second wait (100 ms) is at least the first (50 ms)
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(90);
  });

  it('succeeds on a later attempt and then stops', async () => {
    const job = defineJob<Record<string, never>>('test.flaky');
    let calls = 0;
    driver.process(job, async () => {
      calls++;
      if (calls < 2) throw new Error('first try fails');
    });
    await driver.add(job, {}, { attempts: 5, backoff: { type: 'fixed', delay: 20 } });
    await waitFor(() => calls === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(2);
  });

  it('lets an in-flight job finish on close', async () => {
    const job = defineJob<Record<string, never>>('test.graceful');
    let finished = false;
    let started = false;
    driver.process(job, async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    await driver.add(job, {});
    await waitFor(() => started);
    await driver.close(5000);
    expect(finished).toBe(true);
  });

  it('answers ping while it can take jobs', async () => {
    expect(await driver.ping()).toBe(true);
  });
});
