// The configuration preview's sample: a matched key's readings and the phone's scans around
// them survive the compact form, a malformed sample is refused with the field named, and a key
// recorded with its scans is re-scored as the exposure check scored it (crowd and silences
// included), one recorded without them as before.
import { describe, expect, it } from 'vitest';
import {
  type AttenuationReading,
  decodePreviewKey,
  decodePreviewScans,
  encodePreviewKey,
  estimateCloseTime,
  DEFAULT_PROXIMITY_PARAMETERS as P,
  PREVIEW_SAMPLE_FORMAT,
  type PreviewSample,
  parsePreviewSample,
  previewPhoneNotified,
  receiverActivityOfCounts,
} from '../src/index';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
/** A key heard in GAEN's scans every 5 minutes for an hour at `level` dB. */
const key = (level: number): AttenuationReading[] =>
  Array.from({ length: 12 }, (_, k) => ({ timeMs: T0 + k * 300_000, attenuationDb: level }));
/** The phone's scans from 30 minutes before to 30 after, each hearing `heard` identifiers. */
const scans = (heard: number) => Array.from({ length: 25 }, (_, k) => ({ timeMs: T0 + (k - 6) * 300_000, heard }));

describe('the preview sample', () => {
  it('keeps readings and scans through the compact form', () => {
    const k = encodePreviewKey(key(61.5), scans(7));
    expect(decodePreviewKey(k)).toEqual(key(61.5));
    expect(decodePreviewScans(k)).toEqual(scans(7));
    expect(decodePreviewScans(encodePreviewKey(key(61.5)))).toBeUndefined();
  });

  it('refuses scans that are not pairs of numbers', () => {
    const sample = (k: unknown): string =>
      JSON.stringify({
        format: PREVIEW_SAMPLE_FORMAT,
        version: 1,
        source: 'test',
        scanPeriodSeconds: 300,
        trueContacts: 1,
        phones: [{ trueContact: true, keys: [k] }],
      });
    const good = encodePreviewKey(key(60), scans(3));
    expect(parsePreviewSample(sample(good)).phones[0]?.keys[0]?.scans).toEqual(good.scans);
    expect(() => parsePreviewSample(sample({ ...good, scans: [1, 2, 3] }))).toThrow(/phones\.0: a key's scans/);
    expect(() => parsePreviewSample(sample({ ...good, scans: [1, 'x'] }))).toThrow(/phones\.0: a key's scans/);
  });

  it('re-scores a key with its scans as the exposure check does, crowd included', () => {
    const level = P.states[1]?.meanAttenuationDb as number;
    const sample: PreviewSample = {
      format: PREVIEW_SAMPLE_FORMAT,
      version: 1,
      source: 'test',
      scanPeriodSeconds: 300,
      trueContacts: 1,
      phones: [
        { trueContact: true, keys: [encodePreviewKey(key(level), scans(3))] },
        { trueContact: true, keys: [encodePreviewKey(key(level), scans(30))] },
      ],
    };
    const checked = (heard: number) =>
      estimateCloseTime(key(level), { parameters: P, activity: receiverActivityOfCounts(scans(heard), P.binSeconds) });
    for (const [i, heard] of [3, 30].entries()) {
      const notified = (checked(heard)[0]?.closeMinutes ?? 0) >= P.notifyCloseMinutes;
      expect(previewPhoneNotified(sample.phones[i] as PreviewSample['phones'][number], P, 300)).toBe(notified);
    }
    // In a crowd of thirty the same hour at the close band's level is no longer enough.
    expect(previewPhoneNotified(sample.phones[0] as PreviewSample['phones'][number], P, 300)).toBe(true);
    expect(previewPhoneNotified(sample.phones[1] as PreviewSample['phones'][number], P, 300)).toBe(false);
  });
});
