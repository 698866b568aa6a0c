/**
 * Fixed-window request counter per key (API key id, client IP). In memory, per process: with
 * N processes behind a load balancer the effective limit is N × the configured one, which is
 * the intent — it stops one abusive client from starving a process, while global abuse is the
 * load balancer's/WAF's job.
 */
import type { Clock } from '../clock';

export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limitPerWindow: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one request; false when `key` has used up its window. */
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
}
