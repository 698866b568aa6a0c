import { nodeBackend } from '@bluezone/protocol/node';
import { describe, expect, it } from 'vitest';
import { Prng, simCryptoBackend } from '../src/index';

describe('the simulated phones’ crypto backend', () => {
  it('computes AES-ECB and short AES-CTR exactly like node:crypto, across cached keys', () => {
    const prng = new Prng(9);
    const sim = simCryptoBackend(new Prng(1));
    for (let i = 0; i < 200; i++) {
      const key = prng.randomBytes(16);
      const blocks = prng.randomBytes(16 * (1 + (i % 5)));
      const iv = prng.randomBytes(16);
      const data = prng.randomBytes(i % 17);
      expect(sim.aes128Ecb(key, blocks)).toEqual(nodeBackend.aes128Ecb(key, blocks));
      // Twice with the same key: the cached cipher must not carry state between calls.
      expect(sim.aes128Ecb(key, blocks)).toEqual(nodeBackend.aes128Ecb(key, blocks));
      expect(sim.aes128Ctr(key, iv, data)).toEqual(nodeBackend.aes128Ctr(key, iv, data));
    }
    const long = prng.randomBytes(40);
    const k = prng.randomBytes(16);
    const iv = prng.randomBytes(16);
    expect(sim.aes128Ctr(k, iv, long)).toEqual(nodeBackend.aes128Ctr(k, iv, long));
  });

  it('memoizes multi-block ECB only for the very same blocks under the same key', () => {
    const prng = new Prng(10);
    const sim = simCryptoBackend(new Prng(1));
    const key = prng.randomBytes(16);
    const other = prng.randomBytes(16);
    const blocks = prng.randomBytes(16 * 148);
    // Same length and first block, a different last block: a memo keyed loosely would answer wrong.
    const sameStart = blocks.slice();
    sameStart[16 * 147] = (sameStart[16 * 147] as number) ^ 1;
    for (const [k, b] of [
      [key, blocks],
      [key, blocks],
      [key, sameStart],
      [other, blocks],
      [key, sameStart],
      [key, blocks],
    ] as const) {
      const out = sim.aes128Ecb(k, b);
      expect(out).toEqual(nodeBackend.aes128Ecb(k, b));
      out.fill(0); // a caller scribbling on a result must not change later answers
    }
  });

  it('draws randomness from the seed', () => {
    expect(simCryptoBackend(new Prng(3)).randomBytes(16)).toEqual(simCryptoBackend(new Prng(3)).randomBytes(16));
    expect(simCryptoBackend(new Prng(3)).randomBytes(16)).not.toEqual(simCryptoBackend(new Prng(4)).randomBytes(16));
  });
});
