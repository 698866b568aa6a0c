/**
 * A field test's recordings (one per test phone, @bluezone/protocol field-test-recording.ts) →
 * the sightings CSV `bluezone proximity` and `proximity-score` read. Each phone's scans become
 * sightings as its own exposure check makes them (`scanRecordSightings`: the strongest RSSI and
 * one that keeps the scan's mean), and every other test phone's keys are matched against them
 * as a published key would be (the protocol's matcher, with its ±2 h tolerance): a match names
 * the transmitter by its label and gives the TX power decrypted from the AEM. Receiver and
 * transmitter are the enrolments' labels, the models the recordings'. Beside them, each phone's
 * census: one census line per scan record, the identifier named by its number among the phone's
 * (`#1`, `#2`, … in the order first heard), so `bluezone proximity` counts the phone's scans and
 * how crowded they were as its exposure check counts them, phones outside the test included,
 * while no identifier reaches the CSV. `fieldTestCalibration` gathers the calibration rows the
 * phones applied (their recordings name them) into the list that scores the CSV as they corrected.
 */
import { SCAN_PERIOD_MS, scanRecordSightings } from '@bluezone/client';
import {
  type CryptoBackend,
  calibrationNameKey,
  type DeviceCalibrationEntry,
  type DeviceCalibrationTable,
  type DiagnosisKey,
  type FieldTestRecording,
  isIPhoneModel,
  lookupDeviceCalibration,
  matchDiagnosisKeysSync,
  ReportType,
  toHex,
} from '@bluezone/protocol';
import { SimError } from '../sim-error';
import type { CensusSighting, SightingLine, SightingRow } from './sightings-csv';

const order = (a: { timeMs: number; receiver: string }, b: { timeMs: number; receiver: string }) =>
  a.timeMs - b.timeMs || (a.receiver < b.receiver ? -1 : a.receiver > b.receiver ? 1 : 0);

/** The CSV's lines: each receiver's readings, then its census, time by time. */
export function fieldTestLines(test: Pick<FieldTestSightings, 'rows' | 'census'>): SightingLine[] {
  // A stable sort keeps readings before census lines of one receiver and time, and each list's own order.
  return [...test.rows, ...test.census].sort(order);
}

export interface FieldTestPhoneSummary {
  phone: string;
  model: string;
  keys: number;
  /** Scan records in the test's window (one identifier in one scan). */
  scans: number;
  /** Test phones it heard. */
  heardPhones: number;
  /** Of its scan records, those of identifiers outside the test (no test phone's key derives them). */
  otherScans: number;
}

export interface FieldTestSightings {
  testId: string;
  startsAtMs: number;
  endsAtMs: number;
  /** In time order, then receiver, then transmitter. */
  rows: SightingRow[];
  /** Every test phone's scan census in the window: one line per scan record, in the same order. */
  census: CensusSighting[];
  /** One per recording, in label order. */
  phones: FieldTestPhoneSummary[];
}

/**
 * Resolves a test's recordings. Throws `invalid_data` for none, for recordings of different tests
 * (or of one test enrolled with different windows), for two recordings of one phone label and for
 * a model name holding a line break (no phone's is; the file was edited or damaged).
 */
export function fieldTestSightings(
  backend: CryptoBackend,
  recordings: readonly FieldTestRecording[],
): FieldTestSightings {
  const first = recordings[0];
  if (first === undefined) throw new SimError('invalid_data', 'no field test recordings given');
  const { testId, startsAtMs, endsAtMs } = first.enrolment;
  const byPhone = new Map<string, FieldTestRecording>();
  for (const r of recordings) {
    const e = r.enrolment;
    if (e.testId !== testId) {
      throw new SimError(
        'invalid_data',
        `recordings of two field tests: "${testId}" and "${e.testId}" (phone ${e.phone})`,
      );
    }
    if (e.startsAtMs !== startsAtMs || e.endsAtMs !== endsAtMs) {
      throw new SimError('invalid_data', `phone ${e.phone} was enrolled in "${testId}" for another time window`);
    }
    if (byPhone.has(e.phone)) throw new SimError('invalid_data', `two recordings of phone ${e.phone}`);
    // The sightings CSV (read line by line) and a calibration list hold a row to a line.
    if (/[\r\n]/.test(r.model)) {
      throw new SimError(
        'invalid_data',
        `the recording of phone ${e.phone} names its model with a line break (${JSON.stringify(r.model)}): no CSV line can hold it`,
      );
    }
    byPhone.set(e.phone, r);
  }
  const phones = [...byPhone.keys()].sort();
  // Every test phone's keys, each knowing its phone: one matching pass per receiver names them all.
  const phoneOfKey = new Map<DiagnosisKey, string>();
  for (const p of phones) {
    for (const k of (byPhone.get(p) as FieldTestRecording).keys) {
      phoneOfKey.set({ ...k, transmissionRiskLevel: 0, reportType: ReportType.ConfirmedTest }, p);
    }
  }
  const rows: SightingRow[] = [];
  const census: CensusSighting[] = [];
  const summaries: FieldTestPhoneSummary[] = [];
  for (const receiver of phones) {
    const rec = byPhone.get(receiver) as FieldTestRecording;
    // A scan slot is named by its start: the one the test starts in is the test's too.
    const scans = rec.scans
      .filter((s) => s.scanTimeMs + SCAN_PERIOD_MS > startsAtMs && s.scanTimeMs < endsAtMs)
      .sort((a, b) => a.scanTimeMs - b.scanTimeMs);
    const numberOf = new Map<string, number>();
    for (const s of scans) {
      const rpi = toHex(s.rpi);
      if (!numberOf.has(rpi)) numberOf.set(rpi, numberOf.size + 1);
      census.push({
        census: true,
        timeMs: s.scanTimeMs,
        receiver,
        transmitter: `#${numberOf.get(rpi)}`,
        receiverModel: rec.model,
      });
    }
    const others = [...phoneOfKey].filter(([, p]) => p !== receiver).map(([k]) => k);
    const { matches } = matchDiagnosisKeysSync(backend, others, scanRecordSightings(scans));
    const testRpis = new Set<string>();
    const heard = new Set<string>();
    for (const m of matches) {
      const transmitter = phoneOfKey.get(m.key) as string;
      const model = (byPhone.get(transmitter) as FieldTestRecording).model;
      for (const { sighting, metadata } of m.sightings) {
        heard.add(transmitter);
        testRpis.add(toHex(sighting.rpi));
        rows.push({
          timeMs: sighting.timeMs,
          receiver,
          transmitter,
          rssi: sighting.rssi,
          txPower: metadata.txPowerDbm,
          receiverModel: rec.model,
          transmitterModel: model,
        });
      }
    }
    summaries.push({
      phone: receiver,
      model: rec.model,
      keys: rec.keys.length,
      scans: scans.length,
      heardPhones: heard.size,
      otherScans: scans.filter((s) => !testRpis.has(toHex(s.rpi))).length,
    });
  }
  rows.sort((a, b) => order(a, b) || (a.transmitter < b.transmitter ? -1 : a.transmitter > b.transmitter ? 1 : 0));
  census.sort(order);
  return { testId, startsAtMs, endsAtMs, rows, census, phones: summaries };
}

/** A row of the list the phones applied: one model's, with the phones it corrects. */
export interface FieldTestCalibrationRow extends DeviceCalibrationEntry {
  /** Labels of the phones whose recording names this row, in order; none for a row from the base list. */
  phones: string[];
  /**
   * Labels of this model's phones whose recording names no row (an SDK from before 7 Dec 2026),
   * in order: scored with this row, the one other phones of the model applied or else the base
   * list's.
   */
  unrecorded: string[];
  /** The row is the base list's for the model (no phone of it named one): as `bluezone proximity` without `--calibration` corrects it. */
  fromBase: boolean;
}

export interface FieldTestCalibration {
  /**
   * One row per test phone's model (as the calibration list compares names: no case, single
   * spaces), in the order the phones' labels first name them: the model as the first recording
   * writes it, no OEM (recordings name the model as the list looks it up, "Samsung SM-G973F"
   * too), no direct measurement, and the RSSI correction and TX power the phones applied, else
   * the base list's for the model. An iPhone's correction is 0, the list's reference, as
   * scoring takes every iPhone (`receiverCalibration`) whatever it applied (`iPhonesCorrected`).
   * `formatCalibrationCsv` writes them as a list `bluezone proximity-score --calibration` reads;
   * every test phone's model has its row, so none falls to the written list's median.
   */
  rows: FieldTestCalibrationRow[];
  /** Phones whose recording names no calibration (an SDK from before 7 Dec 2026), in label order. */
  without: string[];
  /**
   * iPhones whose recording names a correction other than 0 (an SDK from before the one that
   * gives an iPhone none: the list's median when it had fetched no list): scored as the list's
   * reference, their readings are not corrected as they were. In label order.
   */
  iPhonesCorrected: { phone: string; rssiCorrection: number }[];
}

/**
 * The calibration list the test phones applied, from their recordings: scored with it, a
 * receiver's readings are corrected as the phone corrected them, whatever list the authority
 * has now. A phone whose recording names no row is corrected by its model's row as another phone
 * applied it, else by `base`'s (the list `bluezone proximity` scores with by default: its row
 * for the model, else its median), as if the CSV were scored with `base`. Throws `invalid_data`
 * when two phones of one model applied different rows (no list can give both; each is named) or
 * for one phone's two recordings.
 */
export function fieldTestCalibration(
  recordings: readonly FieldTestRecording[],
  base: DeviceCalibrationTable,
): FieldTestCalibration {
  const sorted = [...recordings].sort((a, b) =>
    a.enrolment.phone < b.enrolment.phone ? -1 : a.enrolment.phone > b.enrolment.phone ? 1 : 0,
  );
  const applied = new Map<string, FieldTestCalibrationRow>();
  const iPhonesCorrected: FieldTestCalibration['iPhonesCorrected'] = [];
  let previous: string | undefined;
  for (const r of sorted) {
    const phone = r.enrolment.phone;
    if (phone === previous) throw new SimError('invalid_data', `two recordings of phone ${phone}`);
    previous = phone;
    const c = r.calibration;
    if (c === undefined) continue;
    const iPhone = isIPhoneModel(r.model);
    if (iPhone && c.rssiCorrection !== 0) iPhonesCorrected.push({ phone, rssiCorrection: c.rssiCorrection });
    // Scoring corrects no iPhone: its row says so, and iPhones differ only by the TX power they advertised.
    const rssiCorrection = iPhone ? 0 : c.rssiCorrection;
    const key = calibrationNameKey(r.model);
    const row = applied.get(key);
    if (row === undefined) {
      applied.set(key, {
        oem: '',
        model: r.model,
        rssiCorrection,
        txPower: c.txPower,
        hasDirectMeasurement: false,
        phones: [phone],
        unrecorded: [],
        fromBase: false,
      });
    } else if (row.rssiCorrection !== rssiCorrection || row.txPower !== c.txPower) {
      const other = row.phones[0] as string;
      const first = iPhone ? '' : `RSSI correction ${row.rssiCorrection} dB, `;
      const second = iPhone ? '' : `${c.rssiCorrection} dB, `;
      throw new SimError(
        'invalid_data',
        `phones ${other} and ${phone}, both model "${r.model}", applied different calibration rows ` +
          `(${other}: ${first}TX power ${row.txPower} dBm; ${phone}: ${second}${c.txPower} dBm): no one list corrects both as they did`,
      );
    } else {
      row.phones.push(phone);
    }
  }
  // Every model in label order, a phone without a row joining its model's.
  const rows = new Map<string, FieldTestCalibrationRow>();
  const without: string[] = [];
  for (const r of sorted) {
    const key = calibrationNameKey(r.model);
    let row = rows.get(key) ?? applied.get(key);
    if (row === undefined) {
      const b = isIPhoneModel(r.model)
        ? { rssiCorrection: 0, txPower: base.fallback.txPower }
        : lookupDeviceCalibration(base, r.model);
      row = {
        oem: '',
        model: r.model,
        rssiCorrection: b.rssiCorrection,
        txPower: b.txPower,
        hasDirectMeasurement: false,
        phones: [],
        unrecorded: [],
        fromBase: true,
      };
    }
    rows.set(key, row);
    if (r.calibration === undefined) {
      without.push(r.enrolment.phone);
      row.unrecorded.push(r.enrolment.phone);
    }
  }
  return { rows: [...rows.values()], without, iPhonesCorrected };
}
