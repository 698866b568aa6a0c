/**
 * Fixed-window request counters per key (API key id, client IP). `RateLimiter` counts in
 * memory, per process: with N processes behind a load balancer the effective limit is N × the
 * configured one. RATE_LIMIT_STORE=database counts in the database instead
 * (ratelimit/database-rate-limiter.ts), so all processes share one limit.
 */
import type { Clock } from '../clock';

export interface RequestLimiter {
  /** Counts one request; false when `key` has used up its window. */
  take(key: string): boolean | Promise<boolean>;
  /**
   * Gives back one request `take` counted in the current window, for limits that count only
   * what fails (a verification code that turned out valid is not a guess). Counting first and
   * refunding after keeps a burst of parallel requests from all passing a check made before any
   * of them was counted.
   */
  refund(key: string): void | Promise<void>;
}

export class RateLimiter implements RequestLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limitPerWindow: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  take(key: string): boolean {
    const now = this.clock.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now - (now % this.windowMs);
      this.counts = new Map();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.limitPerWindow;
  }

  refund(key: string): void {
    const n = this.counts.get(key);
    if (n !== undefined && n > 0) this.counts.set(key, n - 1);
  }
}
