/**
 * Bounded retries with exponential backoff and full jitter (AWS Architecture Blog,
 * "Exponential Backoff and Jitter"): delay_n = random(0, min(cap, base × 2^n)). Only failures
 * that may succeed later are retried: network errors, 429 and 5xx. A 4xx is the answer.
 */
import { ClientError } from '../client-error';
import type { RandomSource } from '../environment';

export interface RetryPolicy {
  /** Total attempts including the first; default 4. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function isRetryable(err: unknown): boolean {
  if (!(err instanceof ClientError)) return false;
  if (err.code === 'network') return true;
  return err.status !== undefined && (err.status === 429 || err.status >= 500);
}

export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  deps: { sleep: Sleep; random: RandomSource },
): Promise<T> {
  const attempts = policy.attempts ?? 4;
  const base = policy.baseDelayMs ?? 1000;
  const cap = policy.maxDelayMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await deps.sleep(Math.floor(deps.random.float() * Math.min(cap, base * 2 ** (attempt - 1))));
    }
  }
}
