// Official GAEN cryptography test vectors v1.2, from google/exposure-notifications-internals
// (TestVectors), copied to testdata/gaen-vectors with all 144 RPI/AEM pairs.
import { readFileSync } from 'node:fs';
import {
  associatedMetadataKey,
  decodeMetadata,
  decryptMetadata,
  encodeMetadata,
  encryptMetadata,
  fromHex,
  intervalNumber,
  rollingProximityId,
  rollingProximityIdKey,
  rollingProximityIds,
  toHex,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';

const vectors = JSON.parse(
  readFileSync(new URL('../testdata/gaen-vectors/gaen-v1.2-test-vectors.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const v = (name: string): string => {
  const value = vectors[name];
  if (value === undefined) throw new Error(`missing vector ${name}`);
  return value;
};

const KEY_GENERATED_AT = 1585785600; // 2020-04-02T00:00:00Z, as stated by the vectors
const FIRST_ENIN = 2642976;

describe('GAEN v1.2 test vectors', () => {
  it('ENIntervalNumber of the key generation time is the first RPI interval', () => {
    expect(intervalNumber(KEY_GENERATED_AT)).toBe(FIRST_ENIN);
    expect(intervalNumber(KEY_GENERATED_AT + 143 * 600 + 599)).toBe(2643119);
  });

  it('the issue-quoted values match the vector file', () => {
    expect(v('TEMPORARY_TRACING_KEY')).toBe('75c734c6dd1a782de7a965da5eb93125');
    expect(v('RPI143')).toBe('f431b62ecf443102ce4ed0407de54bd4');
    expect(v('AEM143')).toBe('1215e57e');
  });

  it('metadata 40080000 is version 1.0, TX power 8 dBm, and round-trips', () => {
    const meta = decodeMetadata(fromHex(v('BLE_METADATA')));
    expect(meta).toEqual({ majorVersion: 1, minorVersion: 0, calibrationConfidence: 0, txPowerDbm: 8 });
    expect(toHex(encodeMetadata(meta))).toBe(v('BLE_METADATA'));
  });

  for (const backend of BACKENDS) {
    describe(`${backend.name} backend`, () => {
      const tek = fromHex(v('TEMPORARY_TRACING_KEY'));
      const metadata = fromHex(v('BLE_METADATA'));

      it('derives RPIK and AEMK', () => {
        expect(toHex(rollingProximityIdKey(backend, tek))).toBe(v('RPIK'));
        expect(toHex(associatedMetadataKey(backend, tek))).toBe(v('AEMK'));
      });

      it('derives all 144 RPIs and AEMs, one by one and in one batch', () => {
        const rpik = rollingProximityIdKey(backend, tek);
        const aemk = associatedMetadataKey(backend, tek);
        const batch = rollingProximityIds(backend, rpik, FIRST_ENIN, 144);
        for (let j = 0; j < 144; j++) {
          const rpi = rollingProximityId(backend, rpik, FIRST_ENIN + j);
          expect(toHex(rpi), `RPI${j}`).toBe(v(`RPI${j}`));
          expect(toHex(batch.subarray(16 * j, 16 * j + 16)), `batch RPI${j}`).toBe(v(`RPI${j}`));
          const aem = encryptMetadata(backend, aemk, rpi, metadata);
          expect(toHex(aem), `AEM${j}`).toBe(v(`AEM${j}`));
          expect(toHex(decryptMetadata(backend, aemk, rpi, aem))).toBe(v('BLE_METADATA'));
        }
      });
    });
  }
});
