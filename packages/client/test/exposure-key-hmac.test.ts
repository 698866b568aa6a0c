// Vector from google/exposure-notifications-server pkg/verification/utils_test.go TestCalculateHMAC:
// the same secret and keys must give the same ekeyhmac the Go reference computes.
import { exposureKeyHmac, exposureKeyHmacMessage } from '@bluezone/client';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';

const SECRET = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
const KEYS = [
  { key: 'z2Cx9hdz2SlxZ8GEgqTYpA==', rollingStartNumber: 1, rollingPeriod: 144, transmissionRisk: 3 },
  { key: 'dPCphLzfG4uzXneNimkPRQ==', rollingStartNumber: 144, rollingPeriod: 144, transmissionRisk: 5 },
];

describe('exposure key HMAC (ekeyhmac)', () => {
  it('sorts by base64 key and joins key.start.period.risk with commas', () => {
    expect(exposureKeyHmacMessage(KEYS)).toBe('dPCphLzfG4uzXneNimkPRQ==.144.144.5,z2Cx9hdz2SlxZ8GEgqTYpA==.1.144.3');
  });

  for (const backend of BACKENDS) {
    it(`matches the Go reference vector (${backend.name})`, () => {
      expect(exposureKeyHmac(backend, KEYS, SECRET)).toBe('2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY=');
      expect(exposureKeyHmac(backend, [...KEYS].reverse(), SECRET)).toBe(
        '2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY=',
      );
    });
  }

  it('refuses an empty key list', () => {
    expect(() => exposureKeyHmacMessage([])).toThrow(expect.objectContaining({ code: 'no_keys' }));
  });
});
