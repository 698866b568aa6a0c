/**
 * The crypto backend of the simulated phones: node:crypto, with two changes that matter at
 * the scale of 10,000 phones rotating identifiers every 10–20 minutes for two weeks.
 *
 * 1. AES key schedules are cached. A phone encrypts one RPI per rotation under the same RPIK
 *    all day; node:crypto's `createCipheriv` costs ~8 µs per call, most of the rotation. An
 *    ECB cipher without padding is stateless across `update` calls, so one cipher per key
 *    serves every block (an LRU bounds the cache).
 * 2. AES-CTR over at most one block (the 4-byte AEM) is computed as AES-ECB(key, counter
 *    block) ⊕ data — the definition of CTR mode (NIST SP 800-38A §6.5) for its first block —
 *    so it uses the cached cipher too. Longer inputs go to node:crypto unchanged.
 * 3. Multi-block ECB results are memoized. Matching encrypts one ENIN run (~148 blocks) per
 *    published key, and every phone that checks in the same hour matches the same export
 *    files (~1000 keys each, padding included): the same (key, blocks) pairs thousands of
 *    times. A hit is taken only when the blocks are byte-for-byte the ones remembered; the memo
 *    is dropped whole when full. These one-off keys bypass the cipher cache of (1).
 *
 * Randomness comes from the seeded PRNG. test/sim-crypto-backend.test.ts checks every
 * primitive against the protocol's node backend.
 */
import { type Cipher, createCipheriv } from 'node:crypto';
import type { CryptoBackend } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import type { Prng } from '../prng';

const MAX_CACHED_KEYS = 65_536;
/** ~2.4 KB each: ~50 MB, a few hours' export files (1,000–1,100 keys per 4-hour file). */
const MAX_MEMOIZED_RUNS = 20_000;

export function simCryptoBackend(prng: Prng): CryptoBackend {
  const ciphers = new Map<string, Cipher>();
  const ecbCipher = (key: Uint8Array): Cipher => {
    const id = Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');
    let c = ciphers.get(id);
    if (c === undefined) {
      if (ciphers.size >= MAX_CACHED_KEYS) {
        const oldest = ciphers.keys().next().value;
        if (oldest !== undefined) ciphers.delete(oldest);
      }
      c = createCipheriv('aes-128-ecb', key, null);
      c.setAutoPadding(false);
      ciphers.set(id, c);
    }
    return c;
  };
  // Blocks seen, by (first block, length): the memo's keys name blocks by this, and a hit
  // requires the call's blocks to equal the remembered ones.
  const blockRuns = new Map<string, Uint8Array>();
  const runs = new Map<string, Uint8Array>();
  const latin1 = (b: Uint8Array, from: number, to: number) =>
    Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1');
  const memoizedEcb = (key: Uint8Array, blocks: Uint8Array): Uint8Array => {
    const runId = `${blocks.length}:${latin1(blocks, 0, 16)}`;
    let known = blockRuns.get(runId);
    if (known === undefined) {
      known = blocks.slice();
      blockRuns.set(runId, known);
    }
    const sameBlocks = Buffer.from(known.buffer, known.byteOffset, known.byteLength).equals(
      Buffer.from(blocks.buffer, blocks.byteOffset, blocks.byteLength),
    );
    const id = `${latin1(key, 0, 16)}${runId}`;
    const hit = sameBlocks ? runs.get(id) : undefined;
    if (hit !== undefined) return hit.slice();
    const cipher = ciphers.get(latin1(key, 0, 16)) ?? createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
    const out = cipher.update(blocks);
    const result = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    if (sameBlocks) {
      if (runs.size >= MAX_MEMOIZED_RUNS) {
        runs.clear();
        blockRuns.clear();
      }
      runs.set(id, result.slice());
    }
    return result;
  };
  return {
    ...nodeBackend,
    name: 'sim (node:crypto, cached AES keys, seeded randomness)',
    aes128Ecb(key, blocks) {
      if (key.length !== 16 || blocks.length % 16 !== 0) return nodeBackend.aes128Ecb(key, blocks);
      if (blocks.length > 16) return memoizedEcb(key, blocks);
      const out = ecbCipher(key).update(blocks);
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    },
    aes128Ctr(key, iv, data) {
      if (key.length !== 16 || iv.length !== 16 || data.length > 16) return nodeBackend.aes128Ctr(key, iv, data);
      const stream = ecbCipher(key).update(iv);
      const out = new Uint8Array(data.length);
      for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) ^ (stream[i] as number);
      return out;
    },
    randomBytes: (n) => prng.randomBytes(n),
  };
}
