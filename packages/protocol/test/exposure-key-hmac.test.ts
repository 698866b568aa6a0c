// The exposure key HMAC (ekeyhmac / tekmac). Vectors from google/exposure-notifications-server
// pkg/verification/utils_test.go: TestCalculateHMAC (canonical form) and TestCalculateDualHMACs
// (all risks 0: canonical and short form). Every backend must give the Go reference's bytes.
import { createHmac } from 'node:crypto';
import {
  exposureKeyHmac,
  exposureKeyHmacMatches,
  exposureKeyHmacMessage,
  type PublishKey,
  toBase64,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';

const GO_SECRET = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
const GO_KEYS: PublishKey[] = [
  { key: 'z2Cx9hdz2SlxZ8GEgqTYpA==', rollingStartNumber: 1, rollingPeriod: 144, transmissionRisk: 3 },
  { key: 'dPCphLzfG4uzXneNimkPRQ==', rollingStartNumber: 144, rollingPeriod: 144, transmissionRisk: 5 },
];
const GO_HMAC = '2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY=';
const GO_KEYS_RISK0 = GO_KEYS.map((k) => ({ ...k, transmissionRisk: 0 }));
const GO_DUAL_HMACS = ['mFNI9zhTA17n4ndd1Vu5tsn4XQX0gPrIKyjeh/9noUE=', 'J9S7xVebH/66dm14wGsIcAnSUR3PHD4NtDQEOGZbDUo='];

// The key server's own pair of keys (formerly its tekmac test).
const hmacKey = Uint8Array.from(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'));
const keys = (risk: number): PublishKey[] => [
  { key: 'z8kBSUo/qmeM8ytnJm2Ahw==', rollingStartNumber: 2650032, rollingPeriod: 144, transmissionRisk: risk },
  { key: 'BpYaLnx/fXtmcC5bVEN4Tg==', rollingStartNumber: 2649888, rollingPeriod: 144, transmissionRisk: risk },
];
const hmacOf = (lines: string[]) => createHmac('sha256', hmacKey).update(lines.join(',')).digest('base64');

describe('exposure key HMAC message', () => {
  it('sorts by base64 key and joins key.start.period.risk with commas', () => {
    expect(exposureKeyHmacMessage(GO_KEYS)).toBe('dPCphLzfG4uzXneNimkPRQ==.144.144.5,z2Cx9hdz2SlxZ8GEgqTYpA==.1.144.3');
    expect(exposureKeyHmacMessage(GO_KEYS, { withTransmissionRisk: false })).toBe(
      'dPCphLzfG4uzXneNimkPRQ==.144.144,z2Cx9hdz2SlxZ8GEgqTYpA==.1.144',
    );
  });

  it('sorts by the key, not the line, and does not depend on input order', () => {
    // "+" sorts before ".": sorting whole lines would put the longer key first.
    const prefixKeys: PublishKey[] = [
      { key: 'AAAA', rollingStartNumber: 1, rollingPeriod: 144, transmissionRisk: 0 },
      { key: 'AAAA+AAA', rollingStartNumber: 1, rollingPeriod: 144, transmissionRisk: 0 },
    ];
    expect(exposureKeyHmacMessage(prefixKeys)).toBe('AAAA.1.144.0,AAAA+AAA.1.144.0');
    expect(exposureKeyHmacMessage([...prefixKeys].reverse())).toBe('AAAA.1.144.0,AAAA+AAA.1.144.0');
    const twins = [
      { ...GO_KEYS[0], rollingStartNumber: 2 },
      { ...GO_KEYS[0], rollingStartNumber: 1 },
    ] as PublishKey[];
    expect(exposureKeyHmacMessage(twins)).toBe(exposureKeyHmacMessage([...twins].reverse()));
  });

  it('refuses an empty key list', () => {
    expect(() => exposureKeyHmacMessage([])).toThrow(
      expect.objectContaining({ name: 'ProtocolError', code: 'no_keys' }),
    );
  });
});

for (const backend of BACKENDS) {
  describe(`exposure key HMAC (${backend.name})`, () => {
    it('matches the Go reference vector (TestCalculateHMAC), in any input order', () => {
      expect(exposureKeyHmac(backend, GO_KEYS, GO_SECRET)).toBe(GO_HMAC);
      expect(exposureKeyHmac(backend, [...GO_KEYS].reverse(), GO_SECRET)).toBe(GO_HMAC);
    });

    it('matches the Go dual vectors (TestCalculateDualHMACs) and accepts both forms when every risk is 0', () => {
      expect(exposureKeyHmac(backend, GO_KEYS_RISK0, GO_SECRET)).toBe(GO_DUAL_HMACS[0]);
      expect(exposureKeyHmac(backend, GO_KEYS_RISK0, GO_SECRET, { withTransmissionRisk: false })).toBe(
        GO_DUAL_HMACS[1],
      );
      for (const mac of GO_DUAL_HMACS) {
        expect(exposureKeyHmacMatches(backend, GO_KEYS_RISK0, GO_SECRET, mac as string)).toBe(true);
      }
    });

    it('computes the canonical form over sorted key.start.period.risk lines', () => {
      expect(exposureKeyHmac(backend, keys(4), hmacKey)).toBe(
        hmacOf(['BpYaLnx/fXtmcC5bVEN4Tg==.2649888.144.4', 'z8kBSUo/qmeM8ytnJm2Ahw==.2650032.144.4']),
      );
    });

    it('accepts the short form only when every transmission risk is 0', () => {
      const mac = (risk: number, withTransmissionRisk = true) =>
        exposureKeyHmac(backend, keys(risk), hmacKey, { withTransmissionRisk });
      expect(exposureKeyHmacMatches(backend, keys(4), hmacKey, mac(4))).toBe(true);
      expect(exposureKeyHmacMatches(backend, keys(4), hmacKey, mac(4, false))).toBe(false);
      expect(exposureKeyHmacMatches(backend, keys(0), hmacKey, mac(0, false))).toBe(true);
      expect(exposureKeyHmacMatches(backend, keys(0), hmacKey, mac(0))).toBe(true);
      expect(exposureKeyHmacMatches(backend, keys(0), hmacKey, mac(4))).toBe(false);
    });

    it('reads the MAC padded or not, in either base64 alphabet, as the reference key server does', () => {
      const good = exposureKeyHmac(backend, keys(4), hmacKey);
      const bytes = Buffer.from(good, 'base64');
      for (const form of [
        good,
        good.replace(/=+$/, ''),
        bytes.toString('base64url'),
        `${bytes.toString('base64url')}=`,
      ]) {
        expect(exposureKeyHmacMatches(backend, keys(4), hmacKey, form), form).toBe(true);
      }
    });

    it('matches nothing under another secret, with a truncated MAC, or with a MAC that is not base64', () => {
      const good = exposureKeyHmac(backend, keys(4), hmacKey);
      expect(exposureKeyHmacMatches(backend, keys(4), GO_SECRET, good)).toBe(false);
      const truncated = toBase64(Uint8Array.from(Buffer.from(good, 'base64')).subarray(0, 16));
      expect(exposureKeyHmacMatches(backend, keys(4), hmacKey, truncated)).toBe(false);
      for (const bad of ['', 'not base64!', `${good}AAAA`, good.slice(1)]) {
        expect(exposureKeyHmacMatches(backend, keys(4), hmacKey, bad), bad).toBe(false);
      }
    });
  });
}
