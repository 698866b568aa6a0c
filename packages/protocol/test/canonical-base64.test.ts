// Canonical base64 (RFC 4648 §3.5): each byte string has exactly one accepted text, so a key
// compared as text is compared as bytes.
import { fromBase64, fromCanonicalBase64, toBase64 } from '@bluezone/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Every text that plain (non-canonical) decoding reads as the same bytes as `text`. */
function spellings(text: string): string[] {
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (pad === 0) return [text];
  const at = text.length - pad - 1;
  const value = ALPHABET.indexOf(text[at] as string);
  const unused = pad === 2 ? 0b1111 : 0b11;
  return Array.from(
    { length: unused + 1 },
    (_, low) => text.slice(0, at) + ALPHABET[(value & ~unused) | low] + text.slice(at + 1),
  );
}

describe('fromCanonicalBase64', () => {
  it('accepts what toBase64 writes and nothing else that decodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toBase64(bytes);
        expect(fromCanonicalBase64(text)).toEqual(bytes);
        for (const other of spellings(text)) {
          expect(fromBase64(other)).toEqual(bytes);
          if (other !== text) {
            expect(() => fromCanonicalBase64(other)).toThrow(expect.objectContaining({ code: 'invalid_base64' }));
          }
        }
      }),
    );
  });

  it('refuses the spellings of one 16-byte key that were stored as three keys', () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i * 17 + 3);
    const canonical = toBase64(key);
    expect(spellings(canonical)).toHaveLength(16);
    for (const other of spellings(canonical).filter((s) => s !== canonical)) {
      expect(() => fromCanonicalBase64(other, 'key')).toThrow('key is not canonical base64 (non-zero trailing bits)');
    }
  });

  it('keeps fromBase64 strict about alphabet and padding', () => {
    for (const bad of ['AAA', 'AA=A', '-_8=', 'A A=', 'AAAA=']) {
      expect(() => fromCanonicalBase64(bad), bad).toThrow(expect.objectContaining({ code: 'invalid_base64' }));
    }
  });
});
