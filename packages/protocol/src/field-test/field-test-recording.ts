/**
 * What an enrolled test phone exports at the end of a field test (field-test-enrolment.ts): its
 * own temporary exposure keys and its stored scans (per rolling identifier per scan: strongest
 * RSSI, sum, count, as the phone keeps them) within the test's window, with the signed
 * enrolment that names the test and the phone's label, the phone's model and the calibration row
 * it applied (so the test is scored with the corrections the phones made, whatever list the
 * authority has at hand when it scores).
 * The health authority gathers every test phone's file; `bluezone field-test-sightings` resolves
 * each scan of another test phone's identifier through that phone's keys into the sightings CSV
 * `bluezone proximity-score` scores against the test's ground truth.
 *
 * The file ties the phone's identifiers to its label: it is made only under an enrolment, is the
 * test's personal data, and is deleted once converted. Identifiers of phones outside the test
 * are in it as the phone heard them (a phone cannot tell them apart); the CSV never carries one.
 */
import { fromBase64, toBase64 } from '../bytes';
import type { DeviceCalibration } from '../device-calibration';
import { ProtocolError } from '../errors';
import { RPI_LENGTH } from '../rolling-proximity-id';
import { TEK_LENGTH, type TemporaryExposureKey } from '../temporary-exposure-key';
import {
  type FieldTestEnrolment,
  parseFieldTestEnrolment,
  type SignedFieldTestEnrolment,
} from './field-test-enrolment';

export const FIELD_TEST_RECORDING_FORMAT = 'bluezone-field-test-recording-v1';
/** Bytes of an associated encrypted metadata block (GAEN's AEM). */
const AEM_LENGTH = 4;

/** One rolling identifier in one scan, as the phone stores it (the client's ScanRecord). */
export interface RecordedScan {
  rpi: Uint8Array;
  /** AEM of the first sighting; it is constant for an RPI. */
  aem: Uint8Array;
  /** Start of the scan, Unix ms. */
  scanTimeMs: number;
  /** Strongest raw RSSI of the scan's sightings, dBm (becomes minAttenuationDb). */
  rssiMax: number;
  /** Sum of the raw RSSIs over `count` sightings (their mean becomes typicalAttenuationDb). */
  rssiSum: number;
  count: number;
}

export interface FieldTestRecording {
  /** The enrolment as the authority signed it: the test and the phone's label. */
  signedEnrolment: SignedFieldTestEnrolment;
  /** Its parsed payload (the signature was checked on the phone before it exported). */
  enrolment: FieldTestEnrolment;
  /** The phone's model as its calibration looks it up (`Build.MODEL`); empty when unknown. */
  model: string;
  /**
   * The calibration row the phone applied when the test started (kept with its enrolment; an
   * enrolment stored by an earlier SDK gives the row at the export): the RSSI correction its
   * exposure check adds to what it hears and the TX power it advertises (the app's pinned
   * calibration, else its row of the list the key server served, else the list's medians; an
   * iPhone's correction 0). Absent in recordings of an SDK from before 7 Dec 2026, which did not
   * write it.
   */
  calibration?: DeviceCalibration;
  exportedAtMs: number;
  keys: TemporaryExposureKey[];
  scans: RecordedScan[];
}

function invalid(message: string): never {
  throw new ProtocolError('invalid_field_test_recording', `field test recording: ${message}`);
}

/** The file's JSON text (keys and identifiers base64). */
export function formatFieldTestRecording(r: Omit<FieldTestRecording, 'enrolment'>): string {
  return JSON.stringify({
    format: FIELD_TEST_RECORDING_FORMAT,
    enrolment: r.signedEnrolment,
    model: r.model,
    ...(r.calibration === undefined
      ? {}
      : { calibration: { rssiCorrection: r.calibration.rssiCorrection, txPower: r.calibration.txPower } }),
    exportedAtMs: r.exportedAtMs,
    keys: r.keys.map((k) => ({
      keyData: toBase64(k.keyData),
      rollingStartIntervalNumber: k.rollingStartIntervalNumber,
      rollingPeriod: k.rollingPeriod,
    })),
    scans: r.scans.map((s) => ({
      rpi: toBase64(s.rpi),
      aem: toBase64(s.aem),
      scanTimeMs: s.scanTimeMs,
      rssiMax: s.rssiMax,
      rssiSum: s.rssiSum,
      count: s.count,
    })),
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function integer(o: Record<string, unknown>, name: string, where: string, min: number, max: number): number {
  const v = o[name];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    invalid(`${where}.${name} must be an integer in [${min}, ${max}]`);
  }
  return v;
}

function bytes(o: Record<string, unknown>, name: string, where: string, length: number): Uint8Array {
  const v = o[name];
  let b: Uint8Array;
  try {
    b = fromBase64(v as string, `${where}.${name}`);
  } catch {
    invalid(`${where}.${name} must be base64`);
  }
  if (b.length !== length) invalid(`${where}.${name} must be ${length} bytes, got ${b.length}`);
  return b;
}

/** Parses a recording file; throws `invalid_field_test_recording` (or the enrolment's `invalid_field_test`) naming the bad field. */
export function parseFieldTestRecording(text: string): FieldTestRecording {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    invalid('not JSON');
  }
  if (!isObject(value)) invalid('must be an object');
  if (value.format !== FIELD_TEST_RECORDING_FORMAT) invalid(`format must be "${FIELD_TEST_RECORDING_FORMAT}"`);
  const signed = value.enrolment;
  if (!isObject(signed) || typeof signed.payload !== 'string' || !Array.isArray(signed.signatures)) {
    invalid('enrolment must be the signed enrolment ({payload, signatures})');
  }
  const enrolment = parseFieldTestEnrolment(signed.payload);
  if (typeof value.model !== 'string' || value.model.length > 200) invalid('model must be a string of at most 200');
  let calibration: DeviceCalibration | undefined;
  if (value.calibration !== undefined) {
    const c = value.calibration;
    if (!isObject(c)) invalid('calibration must be an object ({rssiCorrection, txPower})');
    // The calibration list's range (parseCalibrationCsv): integer dB.
    calibration = {
      rssiCorrection: integer(c, 'rssiCorrection', 'calibration', -127, 127),
      txPower: integer(c, 'txPower', 'calibration', -127, 127),
    };
  }
  const exportedAtMs = integer(value, 'exportedAtMs', 'recording', 0, Number.MAX_SAFE_INTEGER);
  if (!Array.isArray(value.keys)) invalid('keys must be an array');
  if (!Array.isArray(value.scans)) invalid('scans must be an array');
  const keys = value.keys.map((k: unknown, i: number): TemporaryExposureKey => {
    const where = `keys[${i}]`;
    if (!isObject(k)) invalid(`${where} must be an object`);
    return {
      keyData: bytes(k, 'keyData', where, TEK_LENGTH),
      rollingStartIntervalNumber: integer(k, 'rollingStartIntervalNumber', where, 0, 0xffffffff),
      rollingPeriod: integer(k, 'rollingPeriod', where, 1, 144),
    };
  });
  const scans = value.scans.map((s: unknown, i: number): RecordedScan => {
    const where = `scans[${i}]`;
    if (!isObject(s)) invalid(`${where} must be an object`);
    const count = integer(s, 'count', where, 1, 1_000_000);
    const rssiMax = integer(s, 'rssiMax', where, -127, 20);
    const rssiSum = integer(s, 'rssiSum', where, -127 * count, rssiMax * count);
    return {
      rpi: bytes(s, 'rpi', where, RPI_LENGTH),
      aem: bytes(s, 'aem', where, AEM_LENGTH),
      scanTimeMs: integer(s, 'scanTimeMs', where, 0, Number.MAX_SAFE_INTEGER),
      rssiMax,
      rssiSum,
      count,
    };
  });
  return {
    signedEnrolment: { payload: signed.payload, signatures: signed.signatures },
    enrolment,
    model: value.model,
    ...(calibration === undefined ? {} : { calibration }),
    exportedAtMs,
    keys,
    scans,
  };
}
