/**
 * Field-test mode: how a health authority measures the proximity estimator on its own phones.
 * A test phone takes the authority's signed enrolment (a `BZFT1.` token from a QR code), verified
 * with the export keys the app already trusts and kept in the store's settings; after the test
 * it exports its own keys and stored scans within the test's window (field-test-recording.ts) for
 * `bluezone field-test-sightings`. Without an enrolment there is no export: an install that could
 * hand over its keys and what it heard on request would let anyone who can make a resident open
 * the app rebuild whom they met. The enrolment is forgotten when its export time is over
 * (FIELD_TEST_EXPORT_DAYS after the test), on "delete all data", or when the phone leaves the test.
 * The export names the calibration row the phone applied when the test started (its RSSI
 * correction and advertised TX power), kept with the enrolment from then on (a list fetched later,
 * before the export, changes nothing the phone did in the test), so the test is scored with the
 * corrections the phones made.
 */
import {
  type Clock,
  type CryptoBackend,
  type DeviceCalibration,
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

/**
 * The store setting holding the enrolment's signed JSON (`payload`, `signatures`) and, beside
 * them, the calibration row the phone applied (`calibration`: RSSI correction and advertised TX
 * power) as of `calibrationAtMs`; empty when none (the store has no delete).
 */
export const FIELD_TEST_SETTING = 'fieldTest.enrolment';

interface StoredFieldTest extends SignedFieldTestEnrolment {
  calibration?: DeviceCalibration;
  calibrationAtMs?: number;
}

const INTERVAL_MS = INTERVAL_SECONDS * 1000;

export interface FieldTestEnrolOptions {
  backend: CryptoBackend;
  store: ClientStore;
  /** The keys exports are verified with (ExposureCheckOptions.publicKeys). */
  publicKeys: readonly ExportPublicKey[];
  region: string;
  clock: Clock;
  /**
   * The calibration the phone applies now (the app's pinned one, else `currentPhoneCalibration`
   * with its device), kept with the enrolment. Default: `currentPhoneCalibration` of the store.
   */
  calibration?: PhoneCalibration;
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
  const applied = o.calibration ?? (await currentPhoneCalibration(o.store));
  await o.store.setSetting(FIELD_TEST_SETTING, storedText(signed, applied, o.clock.now()));
  return enrolment;
}

/** A recording's row: the correction the exposure check adds and the TX power the key schedule advertises. */
function rowOf(applied: PhoneCalibration): DeviceCalibration {
  return { rssiCorrection: applied.calibration.rssiCorrection, txPower: applied.metadata.txPowerDbm };
}

function storedText(signed: SignedFieldTestEnrolment, applied: PhoneCalibration, atMs: number): string {
  const stored: StoredFieldTest = {
    payload: signed.payload,
    signatures: signed.signatures,
    calibration: rowOf(applied),
    calibrationAtMs: atMs,
  };
  return JSON.stringify(stored);
}

function rejected(err: unknown): unknown {
  if (!(err instanceof ProtocolError)) return err;
  return new ClientError('field_test_rejected', err.message, { cause: err });
}

const isDb = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= -127 && v <= 127;

async function storedEnrolment(store: ClientStore) {
  const text = await store.getSetting(FIELD_TEST_SETTING);
  if (text === undefined || text === '') return undefined;
  try {
    const { payload, signatures, calibration: c, calibrationAtMs } = JSON.parse(text) as StoredFieldTest;
    const signed: SignedFieldTestEnrolment = { payload, signatures };
    const enrolment = parseFieldTestEnrolment(payload);
    // Absent from an enrolment stored before the row was kept with it (and from a damaged one).
    const calibration =
      typeof c === 'object' &&
      c !== null &&
      isDb(c.rssiCorrection) &&
      isDb(c.txPower) &&
      Number.isSafeInteger(calibrationAtMs)
        ? { row: { rssiCorrection: c.rssiCorrection, txPower: c.txPower }, atMs: calibrationAtMs as number }
        : undefined;
    return { signed, enrolment, calibration };
  } catch {
    return undefined;
  }
}

/**
 * Keeps with the enrolment the calibration the phone applies now (`applied`: the app's pinned
 * one, else `currentPhoneCalibration`), until the test starts: the first call at or after its start
 * fixes the row the export names, whatever list the phone fetches later. Nothing changes after the
 * test's end (a phone that did not run in the test keeps the row it had before). The SDK calls it
 * at every tick and exposure check.
 */
export async function noteFieldTestCalibration(
  store: ClientStore,
  nowMs: number,
  applied: () => Promise<PhoneCalibration>,
): Promise<void> {
  const held = await storedEnrolment(store);
  if (held === undefined || nowMs >= held.enrolment.endsAtMs) return;
  const kept = held.calibration;
  if (kept !== undefined && kept.atMs >= held.enrolment.startsAtMs) return;
  const now = await applied();
  const row = rowOf(now);
  const unchanged =
    kept !== undefined && kept.row.rssiCorrection === row.rssiCorrection && kept.row.txPower === row.txPower;
  // Before the start only a change is written; the first call from the start on fixes the row.
  if (unchanged && nowMs < held.enrolment.startsAtMs) return;
  await store.setSetting(FIELD_TEST_SETTING, storedText(held.signed, now, nowMs));
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
   * For an enrolment stored without the row it applied (by an SDK from before the row was kept
   * with it): the calibration the phone applies now, the app's pinned one
   * (BluezoneClientOptions.calibration) as the key schedule and the exposure check get it.
   * Default: theirs, `currentPhoneCalibration` of the store with `device`.
   */
  calibration?: PhoneCalibration;
}

/**
 * The recording's JSON text: this phone's keys valid at any time in the test's window and its
 * scan slots within it (the one it starts in too), with the calibration row it applied when the
 * test started (`noteFieldTestCalibration`; one row: a list served with another row for this phone
 * during the test changed it midway).
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
  // The row kept when the test started: what the exposure check corrected this phone's readings by
  // and the key schedule advertised then. An enrolment stored before the row was kept with it has
  // none: the row the phone applies now is the best there is (it may be a list fetched since).
  const calibration =
    held.calibration?.row ?? rowOf(o.calibration ?? (await currentPhoneCalibration(o.store, o.device)));
  return formatFieldTestRecording({
    signedEnrolment: held.signed,
    model: fieldTestModel(o.device),
    calibration,
    exportedAtMs: now,
    keys,
    scans,
  });
}
