/**
 * Randomness, injected everywhere like time (`Clock` from @bluezone/protocol) so tests and the
 * simulator can drive days of life in milliseconds and replay a run from a seed.
 */
import type { CryptoBackend } from '@bluezone/protocol';

export interface RandomSource {
  /** Uniformly random bytes; secret material (TEKs, HMAC keys) comes from here. */
  bytes(length: number): Uint8Array;
  /** Uniform in [0, 1), for jitter and decoy timing. */
  float(): number;
}

/** Cryptographically secure randomness from the crypto backend: what a real phone uses. */
export function cryptoRandom(backend: CryptoBackend): RandomSource {
  return {
    bytes: (length) => backend.randomBytes(length),
    float: () => {
      const b = backend.randomBytes(4);
      return new DataView(b.buffer, b.byteOffset, 4).getUint32(0) / 2 ** 32;
    },
  };
}

/**
 * A deterministic generator (sfc32, from PractRand) for tests and the simulator ONLY: it is not
 * cryptographically secure, so keys made with it are guessable.
 */
export function seededRandom(seed: number): RandomSource {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next();
  return {
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 4) {
        const v = next();
        for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
      }
      return out;
    },
    float: () => next() / 2 ** 32,
  };
}
