/**
 * Field-test mode: how a health authority measures the proximity estimator on its own phones.
 * A test phone takes the authority's signed enrolment (a `BZFT1.` token from a QR code), verified
 * with the export keys the app already trusts and kept in the store's settings; after the test
 * it exports its own keys and stored scans within the test's window (field-test-recording.ts) for
 * `bluezone field-test-sightings`. Without an enrolment there is no export: an install that could
 * hand over its keys and what it heard on request would let anyone who can make a resident open
 * the app rebuild whom they met. The enrolment is forgotten when its export time is over
 * (FIELD_TEST_EXPORT_DAYS after the test), on "delete all data", or when the phone leaves the test.
 * The export names the calibration row the phone applies (its RSSI correction and advertised TX
 * power), so the test is scored with the corrections the phones made.
 */
import {
  type Clock,
  type CryptoBackend,
  decodeFieldTestToken,
  type FieldTestEnrolment,
  fieldTestExportEndsAt,
  formatFieldTestRecording,
  INTERVAL_SECONDS,
  ProtocolError,
  parseFieldTestEnrolment,
  type SignedFieldTestEnrolment,
  verifyFieldTestEnrolment,
} from '@bluezone/protocol';
import { ClientError } from '../client-error';
import { currentPhoneCalibration } from '../configuration/served-calibration';
import type { ExportPublicKey } from '../exposure/export-public-key';
import type { PhoneCalibration, PhoneDevice } from '../phone-calibration';
import { SCAN_PERIOD_MS } from '../sighting-recorder';
import type { ClientStore } from '../storage/client-store';

/** The store setting holding the enrolment's signed JSON; empty when none (the store has no delete). */
export const FIELD_TEST_SETTING = 'fieldTest.enrolment';

const INTERVAL_MS = INTERVAL_SECONDS * 1000;

export interface FieldTestEnrolOptions {
  backend: CryptoBackend;
  store: ClientStore;
  /** The keys exports are verified with (ExposureCheckOptions.publicKeys). */
  publicKeys: readonly ExportPublicKey[];
  region: string;
  clock: Clock;
}

/**
 * Verifies the enrolment a token carries and keeps it, replacing any earlier one. Throws
 * `field_test_rejected` (cause: the ProtocolError) for a damaged token, one no trusted key
 * signed, another region's, or one whose export time is over; nothing is stored then.
 */
export async function enrolFieldTest(token: string, o: FieldTestEnrolOptions): Promise<FieldTestEnrolment> {
  let signed: SignedFieldTestEnrolment;
  let enrolment: FieldTestEnrolment;
  try {
    signed = decodeFieldTestToken(token);
    enrolment = verifyFieldTestEnrolment(o.backend, signed, o.publicKeys, { region: o.region, nowMs: o.clock.now() });
  } catch (err) {
    throw rejected(err);
  }
  await o.store.setSetting(FIELD_TEST_SETTING, JSON.stringify(signed));
  return enrolment;
}

function rejected(err: unknown): unknown {
  if (!(err instanceof ProtocolError)) return err;
  return new ClientError('field_test_rejected', err.message, { cause: err });
}

async function storedEnrolment(store: ClientStore) {
  const text = await store.getSetting(FIELD_TEST_SETTING);
  if (text === undefined || text === '') return undefined;
  try {
    const signed = JSON.parse(text) as SignedFieldTestEnrolment;
    return { signed, enrolment: parseFieldTestEnrolment(signed.payload) };
  } catch {
    return undefined;
  }
}

/** The stored enrolment while it may be exported; one whose export time is over is forgotten here. */
async function heldEnrolment(store: ClientStore, nowMs: number) {
  const held = await storedEnrolment(store);
  if (held === undefined) return undefined;
  if (nowMs > fieldTestExportEndsAt(held.enrolment)) {
    await leaveFieldTest(store);
    return undefined;
  }
  return held;
}

/**
 * The enrolment this phone holds while its test runs or may still be exported; one whose export
 * time is over is forgotten here (the SDK calls it at every exposure check).
 */
export async function currentFieldTest(store: ClientStore, nowMs: number): Promise<FieldTestEnrolment | undefined> {
  return (await heldEnrolment(store, nowMs))?.enrolment;
}

/** Forgets the enrolment: the phone is an ordinary install again and can export nothing. */
export async function leaveFieldTest(store: ClientStore): Promise<void> {
  if ((await store.getSetting(FIELD_TEST_SETTING)) !== undefined) await store.setSetting(FIELD_TEST_SETTING, '');
}

/** The model a recording names, as the EN calibration list finds it: `iPhone`, or Android's OEM and `Build.MODEL`. */
export function fieldTestModel(device: PhoneDevice | undefined): string {
  if (device === undefined) return '';
  if (device.platform === 'ios') return 'iPhone';
  const model = device.model?.trim() ?? '';
  const oem = device.manufacturer?.trim() ?? '';
  return oem !== '' && model !== '' && !model.toLowerCase().startsWith(oem.toLowerCase()) ? `${oem} ${model}` : model;
}

export interface FieldTestExportOptions {
  store: ClientStore;
  clock: Clock;
  /** The phone's device (fieldTestModel); absent in a browser. */
  device?: PhoneDevice;
  /** The recorder's scan slot (SCAN_PERIOD_MS by default): a slot the test starts in is exported whole. */
  scanPeriodMs?: number;
  /**
   * The calibration the app pins (BluezoneClientOptions.calibration), as the key schedule and the
   * exposure check get it. Default: theirs, `currentPhoneCalibration` of the store.
   */
  calibration?: PhoneCalibration;
}

/**
 * The recording's JSON text: this phone's keys valid at any time in the test's window and its
 * scan slots within it (the one it starts in too), with the calibration it applies at the export
 * (one row: a list served with another row for this phone during the test changed it midway).
 * Throws `field_test_not_enrolled` without a current enrolment and `field_test_not_started`
 * before the test starts (there is nothing to export yet).
 */
export async function exportFieldTestRecording(o: FieldTestExportOptions): Promise<string> {
  const now = o.clock.now();
  const held = await heldEnrolment(o.store, now);
  if (held === undefined)
    throw new ClientError('field_test_not_enrolled', 'this phone is not enrolled in a field test');
  const { enrolment } = held;
  if (now < enrolment.startsAtMs) {
    throw new ClientError('field_test_not_started', 'the field test has not started: there is nothing to export yet');
  }
  const { startsAtMs, endsAtMs } = enrolment;
  const keys = (await o.store.listKeys()).filter((k) => {
    const from = k.rollingStartIntervalNumber * INTERVAL_MS;
    const until = (k.rollingStartIntervalNumber + k.rollingPeriod) * INTERVAL_MS;
    return from < endsAtMs && until > startsAtMs;
  });
  // Records are kept per scan slot, named by its start: the slot the test starts in holds some of it.
  const period = o.scanPeriodMs ?? SCAN_PERIOD_MS;
  const scans = await o.store.listScans(Math.floor(startsAtMs / period) * period, endsAtMs);
  // What the exposure check corrects this phone's readings by and the key schedule advertises.
  const applied = o.calibration ?? (await currentPhoneCalibration(o.store));
  return formatFieldTestRecording({
    signedEnrolment: held.signed,
    model: fieldTestModel(o.device),
    calibration: { rssiCorrection: applied.calibration.rssiCorrection, txPower: applied.metadata.txPowerDbm },
    exportedAtMs: now,
    keys,
    scans,
  });
}
