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
  type DiagnosisKey,
  type FieldTestRecording,
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
 * (or of one test enrolled with different windows) and for two recordings of one phone label.
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

/** A row of the list the phones applied: one model's, with the phones that applied it. */
export interface FieldTestCalibrationRow extends DeviceCalibrationEntry {
  /** Labels, in order. */
  phones: string[];
}

export interface FieldTestCalibration {
  /**
   * One row per model (as the calibration list compares names: no case, single spaces), in the
   * order the phones' labels first name them: the model as the first recording writes it, no OEM
   * (recordings name the model as the list looks it up, "Samsung SM-G973F" too), the RSSI
   * correction the phones applied and the TX power they advertised, no direct measurement.
   * `formatCalibrationCsv` writes them as a list `bluezone proximity-score --calibration` reads.
   */
  rows: FieldTestCalibrationRow[];
  /** Phones whose recording names no calibration (an SDK from before 7 Dec 2026), in label order. */
  without: string[];
}

/**
 * The calibration list the test phones applied, from their recordings: scored with it, a
 * receiver's readings are corrected as the phone corrected them, whatever list the authority
 * has now. Throws `invalid_data` when two phones of one model applied different rows (no list
 * can give both; each is named) or for one phone's two recordings.
 */
export function fieldTestCalibration(recordings: readonly FieldTestRecording[]): FieldTestCalibration {
  const sorted = [...recordings].sort((a, b) =>
    a.enrolment.phone < b.enrolment.phone ? -1 : a.enrolment.phone > b.enrolment.phone ? 1 : 0,
  );
  const byModel = new Map<string, FieldTestCalibrationRow>();
  const without: string[] = [];
  let previous: string | undefined;
  for (const r of sorted) {
    const phone = r.enrolment.phone;
    if (phone === previous) throw new SimError('invalid_data', `two recordings of phone ${phone}`);
    previous = phone;
    const c = r.calibration;
    if (c === undefined) {
      without.push(phone);
      continue;
    }
    const key = calibrationNameKey(r.model);
    const row = byModel.get(key);
    if (row === undefined) {
      byModel.set(key, {
        oem: '',
        model: r.model,
        rssiCorrection: c.rssiCorrection,
        txPower: c.txPower,
        hasDirectMeasurement: false,
        phones: [phone],
      });
    } else if (row.rssiCorrection !== c.rssiCorrection || row.txPower !== c.txPower) {
      const other = row.phones[0] as string;
      throw new SimError(
        'invalid_data',
        `phones ${other} and ${phone}, both model "${r.model}", applied different calibration rows ` +
          `(${other}: RSSI correction ${row.rssiCorrection} dB, TX power ${row.txPower} dBm; ` +
          `${phone}: ${c.rssiCorrection} dB, ${c.txPower} dBm): no one list corrects both as they did`,
      );
    } else {
      row.phones.push(phone);
    }
  }
  return { rows: [...byModel.values()], without };
}
