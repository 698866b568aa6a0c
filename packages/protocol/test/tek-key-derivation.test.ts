// The specialised HKDF used by matching must equal RFC 5869 HKDF-SHA256 from both backends.
import { readFileSync } from 'node:fs';
import { createTekKeyDeriver, fromHex, toHex } from '@bluezone/protocol';
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
