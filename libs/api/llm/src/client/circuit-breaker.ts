export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through. */
  cooldownMs: number;
}

/**
 * A consecutive-failure circuit breaker with an injectable clock.
 * closed → (failureThreshold failures in a row) → open → (cooldownMs) → half_open: one trial call;
 * its success closes the breaker, its failure opens it again for another cooldown.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly opts: CircuitBreakerOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now().getTime() - this.openedAt >= this.opts.cooldownMs ? 'half_open' : 'open';
  }

  /**
   * Asks to send a call. False: fail fast (open, or half-open with its trial already under way).
   * True: go ahead, then report `success()`, `failure()` or `release()` (call ended without a verdict).
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    this.failures += 1;
    if (wasTrial || this.openedAt !== null || this.failures >= Math.max(1, this.opts.failureThreshold)) {
      this.openedAt = this.now().getTime();
    }
  }

  /** The call ended in a way that says nothing about the service's health (bad request, budget refusal). */
  release(): void {
    this.trialInFlight = false;
  }
}
