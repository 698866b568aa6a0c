/**
 * Time and randomness, injected so tests and the simulator can drive expiry (15-minute codes,
 * 24-hour tokens, embargo, 14-day retention) without sleeping. The clock is the protocol's
 * (shared with the phone SDK and the simulator); randomness here is node:crypto's.
 */
import { randomBytes } from 'node:crypto';

export { type Clock, ManualClock, systemClock } from '@bluezone/protocol';

export interface Random {
  bytes(length: number): Uint8Array;
}

/** Node's CSPRNG; the only source codes, keys and padding may come from in production. */
export const cryptoRandom: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };

/** Uniform integer in [0, n) without modulo bias. */
export function randomInt(random: Random, n: number): number {
  if (n <= 0 || n > 2 ** 32) throw new RangeError(`randomInt: n must be in (0, 2^32], got ${n}`);
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const b = random.bytes(4);
    const v =
      ((b[0] as number) * 2 ** 24 + ((b[1] as number) << 16) + ((b[2] as number) << 8) + (b[3] as number)) >>> 0;
    if (v < limit) return v % n;
  }
}
