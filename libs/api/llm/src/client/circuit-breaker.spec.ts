import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let t = 0;
  const clock = () => new Date(t);
  const make = () => new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 }, clock);
  beforeEach(() => (t = 0));

  it('stays closed until the threshold of consecutive failures, and a success resets the count', () => {
    const b = make();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
  });

  it('lets exactly one trial through after the cooldown; success closes', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure();
    t = 999;
    expect(b.tryAcquire()).toBe(false);
    t = 1000;
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('re-opens for a full cooldown when the trial fails', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure();
    t = 1500;
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    t = 2499;
    expect(b.state).toBe('open');
    t = 2500;
    expect(b.state).toBe('half_open');
  });

  it('frees the trial slot when a trial ends without a verdict', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure();
    t = 1000;
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
  });
});
