// A test phone's recording: written and read back byte for byte, and refused with the bad field
// named, so a truncated or hand-edited file never turns into wrong sightings.
import {
  type FieldTestEnrolment,
  type FieldTestRecording,
  formatFieldTestRecording,
  ProtocolError,
  parseFieldTestRecording,
  portableBackend,
  signFieldTestEnrolment,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { signingAuthority } from './signing-authority';

const START = Date.UTC(2026, 11, 8, 7);
const ENROLMENT: FieldTestEnrolment = {
  kind: 'bluezone-field-test',
  region: 'VN',
  testId: 'nam-dong-2026-12',
  phone: 'T07',
  startsAtMs: START,
  endsAtMs: START + 3_600_000,
};
const signed = signFieldTestEnrolment(portableBackend, ENROLMENT, [signingAuthority().signer]);
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) & 0xff);

const RECORDING: Omit<FieldTestRecording, 'enrolment'> = {
  signedEnrolment: signed,
  model: 'Samsung SM-G973F',
  exportedAtMs: START + 7_200_000,
  keys: [{ keyData: bytes(16, 1), rollingStartIntervalNumber: 2_943_504, rollingPeriod: 144 }],
  scans: [
    { rpi: bytes(16, 2), aem: bytes(4, 3), scanTimeMs: START + 60_000, rssiMax: -61, rssiSum: -190, count: 3 },
    { rpi: bytes(16, 4), aem: bytes(4, 5), scanTimeMs: START + 360_000, rssiMax: -80, rssiSum: -80, count: 1 },
  ],
};

function problem(text: string): string {
  try {
    parseFieldTestRecording(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError);
    return `${(err as ProtocolError).code}: ${(err as Error).message}`;
  }
  throw new Error('expected a ProtocolError');
}

describe('field test recording', () => {
  it('reads back what was written, with the enrolment parsed', () => {
    const text = formatFieldTestRecording(RECORDING);
    expect(JSON.parse(text).format).toBe('bluezone-field-test-recording-v1');
    const read = parseFieldTestRecording(text);
    expect(read).toEqual({ ...RECORDING, enrolment: ENROLMENT });
    expect(formatFieldTestRecording(read)).toBe(text);
  });

  it('carries the calibration row the phone applied, and reads a recording without one as before', () => {
    const withRow = { ...RECORDING, calibration: { rssiCorrection: 7, txPower: -30 } };
    const text = formatFieldTestRecording(withRow);
    expect(JSON.parse(text).calibration).toEqual({ rssiCorrection: 7, txPower: -30 });
    const read = parseFieldTestRecording(text);
    expect(read).toEqual({ ...withRow, enrolment: ENROLMENT });
    expect(formatFieldTestRecording(read)).toBe(text);
    // A recording of an earlier SDK has none (the format is the same): nothing is made up for it.
    const older = parseFieldTestRecording(formatFieldTestRecording(RECORDING));
    expect(older).not.toHaveProperty('calibration');
    expect(JSON.parse(formatFieldTestRecording(RECORDING))).not.toHaveProperty('calibration');
  });

  it('names the field that is wrong', () => {
    const json = JSON.parse(formatFieldTestRecording(RECORDING));
    const edited = (f: (j: typeof json) => void) => {
      const copy = structuredClone(json);
      f(copy);
      return problem(JSON.stringify(copy));
    };
    expect(problem('{"format"')).toBe('invalid_field_test_recording: field test recording: not JSON');
    expect(edited((j) => (j.format = 'v0'))).toMatch(/format must be "bluezone-field-test-recording-v1"/);
    expect(edited((j) => (j.enrolment = j.enrolment.payload))).toMatch(/enrolment must be the signed enrolment/);
    expect(edited((j) => (j.enrolment.payload = '{}'))).toMatch(/^invalid_field_test: .*kind must be/);
    expect(edited((j) => (j.keys[0].keyData = 'AAAA'))).toBe(
      'invalid_field_test_recording: field test recording: keys[0].keyData must be 16 bytes, got 3',
    );
    expect(edited((j) => (j.keys[0].rollingPeriod = 145))).toMatch(
      /keys\[0\]\.rollingPeriod must be an integer in \[1, 144\]/,
    );
    expect(edited((j) => (j.scans[1].rpi = 'not base64!'))).toMatch(/scans\[1\]\.rpi must be base64/);
    expect(edited((j) => (j.scans[0].aem = j.scans[0].rpi))).toMatch(/scans\[0\]\.aem must be 4 bytes, got 16/);
    // A sum above count × the strongest RSSI cannot come from the phone's own records.
    expect(edited((j) => (j.scans[0].rssiSum = -150))).toMatch(
      /scans\[0\]\.rssiSum must be an integer in \[-381, -183\]/,
    );
    expect(edited((j) => (j.scans[0].count = 0))).toMatch(/scans\[0\]\.count must be an integer/);
    expect(edited((j) => delete j.scans)).toMatch(/scans must be an array/);
    // The calibration row: integer dB in the calibration list's range, both fields there.
    const withRow = JSON.parse(
      formatFieldTestRecording({ ...RECORDING, calibration: { rssiCorrection: 7, txPower: -30 } }),
    );
    const calibration = (f: (c: Record<string, unknown>) => void) => {
      const copy = structuredClone(withRow);
      f(copy.calibration);
      return problem(JSON.stringify(copy));
    };
    expect(calibration((c) => (c.rssiCorrection = 7.5))).toBe(
      'invalid_field_test_recording: field test recording: calibration.rssiCorrection must be an integer in [-127, 127]',
    );
    expect(calibration((c) => (c.txPower = -128))).toBe(
      'invalid_field_test_recording: field test recording: calibration.txPower must be an integer in [-127, 127]',
    );
    expect(calibration((c) => (c.rssiCorrection = '7'))).toMatch(/calibration\.rssiCorrection must be an integer/);
    expect(calibration((c) => delete c.txPower)).toMatch(/calibration\.txPower must be an integer/);
    expect(problem(JSON.stringify({ ...withRow, calibration: null }))).toBe(
      'invalid_field_test_recording: field test recording: calibration must be an object ({rssiCorrection, txPower})',
    );
    expect(problem(JSON.stringify({ ...withRow, calibration: [7, -30] }))).toMatch(/calibration must be an object/);
  });
});
