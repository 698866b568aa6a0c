// The specialised HKDF used by matching must equal RFC 5869 HKDF-SHA256 from both backends.
import { readFileSync } from 'node:fs';
import { createTekKeyBatchDeriver, createTekKeyDeriver, fromHex, TEK_BATCH_MAX, toHex } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';

const vectors = JSON.parse(
  readFileSync(new URL('../testdata/gaen-vectors/gaen-v1.2-test-vectors.json', import.meta.url), 'utf8'),
) as Record<string, string>;

describe('createTekKeyDeriver', () => {
  it('derives the official RPIK and AEMK of the GAEN v1.2 vectors', () => {
    const tek = fromHex(vectors.TEMPORARY_TRACING_KEY as string);
    const out = new Uint8Array(16);
    createTekKeyDeriver('EN-RPIK')(tek, out);
    expect(toHex(out)).toBe(vectors.RPIK);
    createTekKeyDeriver('EN-AEMK')(tek, out);
    expect(toHex(out)).toBe(vectors.AEMK);
  });

  for (const backend of BACKENDS) {
    it(`equals ${backend.name} hkdfSha256 on 300 random keys`, () => {
      const derive = createTekKeyDeriver('EN-RPIK');
      const info = new TextEncoder().encode('EN-RPIK');
      const out = new Uint8Array(16);
      for (let i = 0; i < 300; i++) {
        const tek = backend.randomBytes(16);
        derive(tek, out);
        expect(toHex(out)).toBe(toHex(backend.hkdfSha256(tek, new Uint8Array(0), info, 16)));
      }
    });
  }

  it('rejects an info that does not fit one block', () => {
    expect(() => createTekKeyDeriver('x'.repeat(55))).toThrow(RangeError);
  });
});

describe('createTekKeyBatchDeriver (WebAssembly SIMD, four keys per lane group)', () => {
  it('is available in Node (V8 has WebAssembly SIMD)', () => {
    expect(createTekKeyBatchDeriver('EN-RPIK')).toBeDefined();
  });

  it('derives the official RPIK and AEMK of the GAEN v1.2 vectors, in any lane', () => {
    const tek = fromHex(vectors.TEMPORARY_TRACING_KEY as string);
    for (const [info, expected] of [
      ['EN-RPIK', vectors.RPIK],
      ['EN-AEMK', vectors.AEMK],
    ] as const) {
      const derive = createTekKeyBatchDeriver(info);
      const others = Array.from({ length: 3 }, () => nodeBackend.randomBytes(16));
      for (let lane = 0; lane < 4; lane++) {
        const teks = [...others];
        teks.splice(lane, 0, tek);
        const out = new Uint8Array(64);
        derive?.derive(teks, 4, out);
        expect(toHex(out.subarray(lane * 16, lane * 16 + 16))).toBe(expected);
      }
    }
  });

  it('equals the scalar deriver for every batch size up to the maximum', () => {
    const batch = createTekKeyBatchDeriver('EN-RPIK');
    const scalar = createTekKeyDeriver('EN-RPIK');
    const one = new Uint8Array(16);
    for (const count of [1, 2, 3, 4, 5, 7, 8, 9, 63, 255, TEK_BATCH_MAX]) {
      const teks = Array.from({ length: count }, () => nodeBackend.randomBytes(16));
      const out = new Uint8Array(count * 16);
      batch?.derive(teks, count, out);
      for (let k = 0; k < count; k++) {
        scalar(teks[k] as Uint8Array, one);
        expect(toHex(out.subarray(k * 16, k * 16 + 16)), `key ${k} of ${count}`).toBe(toHex(one));
      }
    }
  });

  it('refuses more keys than one call holds', () => {
    const teks = Array.from({ length: TEK_BATCH_MAX + 1 }, () => new Uint8Array(16));
    expect(() =>
      createTekKeyBatchDeriver('EN-RPIK')?.derive(teks, TEK_BATCH_MAX + 1, new Uint8Array(16 * (TEK_BATCH_MAX + 1))),
    ).toThrow(RangeError);
  });
});
