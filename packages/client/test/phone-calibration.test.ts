// Google's EN calibration list (packages/protocol/en-calibration) through the protocol parser.
import { readFileSync } from 'node:fs';
import { DEFAULT_CALIBRATION, phoneCalibration } from '@bluezone/client';
import { parseCalibrationCsv } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';

const table = parseCalibrationCsv(
  readFileSync(new URL('../../protocol/en-calibration/en-calibration-2020-06-13.csv', import.meta.url), 'utf8'),
);

describe('phoneCalibration', () => {
  it('uses a directly measured model with high confidence', () => {
    expect(phoneCalibration(table, 'Pixel 4')).toEqual({
      calibration: { rssiCorrection: 5, txPower: -28 },
      metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 3, txPowerDbm: -28 },
    });
  });

  it('uses an estimated model with low confidence, matching case-insensitively', () => {
    expect(phoneCalibration(table, 'sm-g970f', 'Samsung')).toEqual({
      calibration: { rssiCorrection: -3, txPower: -24 },
      metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 1, txPowerDbm: -24 },
    });
  });

  it('falls back to the list medians, with no confidence, for unknown models or no list', () => {
    const unknown = phoneCalibration(table, 'Bluezone Phone 1');
    expect(unknown.calibration).toEqual(table.fallback);
    expect(unknown.metadata.calibrationConfidence).toBe(0);
    // The built-in default is the medians of this list.
    expect(DEFAULT_CALIBRATION).toEqual(table.fallback);
    expect(phoneCalibration(undefined, 'Pixel 4')).toEqual(unknown);
  });
});
