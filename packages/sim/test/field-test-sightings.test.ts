// A field test's recordings resolved into sightings: phones running the SDK on a shared radio,
// enrolled, exported; every scan of another test phone's identifier becomes a row naming both
// labels with the TX power its advertisement carried, and every phone's scans become its census,
// a phone outside the test counted there by number, never named. The calibration rows the phones
// applied, gathered from their recordings, score the CSV as the phones corrected their readings; a
// phone whose recording has none is scored as the built-in list scores it, an iPhone uncorrected.
import { readFileSync } from 'node:fs';
import { devicePhoneCalibration, SCAN_PERIOD_MS, scanCensusOf } from '@bluezone/client';
import {
  DEFAULT_PROXIMITY_PARAMETERS,
  type DeviceCalibrationTable,
  formatCalibrationCsv,
  lookupDeviceCalibration,
  parseCalibrationCsv,
  parseFieldTestRecording,
  portableBackend,
  receiverActivityOfCounts,
  receiverActivityOfSightings,
  toHex,
} from '@bluezone/protocol';
import {
  EN_CALIBRATION_PATH,
  estimateSightings,
  fieldTestCalibration,
  fieldTestSightings,
  receiverCalibration,
  SimError,
} from '@bluezone/sim';
import { configurationAuthority, phoneKeyEstimates, recordFieldTest } from '@bluezone/test-support';
import { describe, expect, it } from 'vitest';

const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 8, 9);
/** Who hears whom, and how loud: T01–T02 close, T01–T03 across the room, T02–T03 out of range; X (not in the test) near T01. */
const RSSI: Record<string, number> = { 'T01<T02': -55, 'T02<T01': -57, 'T01<T03': -82, 'T03<T01': -80, 'T01<X': -66 };

/**
 * The list the key server served in the calibrated test: rows for the test phones' models that are
 * not the built-in list's (2020-06-13: Pixel 3a −5 dB, −39 dBm; SM-G973F −3 dB, −24 dBm).
 */
const SERVED_LIST =
  'oem,model,rssi correction,tx,has direct measurement\nGoogle,Pixel 3a,7,-30,yes\nSamsung,SM-G973F,4,-26,no\nGoogle,Pixel 4,5,-28,yes\n';
const SERVED_MODELS: Record<string, string> = { T01: 'Pixel 3a', T02: 'Pixel 3a', T03: 'SM-G973F' };

/** `crowd`: that many more outsiders, heard by every test phone at 70 dB of attenuation. */
async function recordTest(minutes: number, crowd = 0, served?: string) {
  const others = Array.from({ length: crowd }, (_, i) => `Y${i + 1}`);
  const texts = await recordFieldTest({
    authority: configurationAuthority(),
    testId: 'nam-dong-2026-12',
    startsAtMs: START,
    minutes,
    phones: ['T01', 'T02', 'T03'],
    outsiders: ['X', ...others],
    rssi: (rx, adv) => (adv.startsWith('Y') && rx.startsWith('T') ? -94 : RSSI[`${rx}<${adv}`]),
    model: (phone) => (served === undefined ? `Pixel ${phone.slice(1)}` : (SERVED_MODELS[phone] ?? 'Pixel 4')),
    ...(served === undefined ? {} : { servedCalibrationList: served }),
  });
  return texts.map(parseFieldTestRecording);
}

describe('field test sightings', () => {
  it('names both test phones of every scan they shared, with the advertised TX power, and reads no outsider', async () => {
    const recordings = await recordTest(60);
    const result = fieldTestSightings(portableBackend, recordings);
    expect(result).toMatchObject({ testId: 'nam-dong-2026-12', startsAtMs: START, endsAtMs: START + 60 * MINUTE });
    const pairs = new Map<string, number[]>();
    for (const r of result.rows) {
      expect(r.timeMs).toBeGreaterThanOrEqual(START);
      expect(r.timeMs).toBeLessThan(START + 60 * MINUTE + 1);
      // The SDK's default calibration: every phone advertises the list's median, -24 dBm.
      expect(r.txPower).toBe(-24);
      expect(r.receiverModel).toBe(`Pixel ${r.receiver.slice(1)}`);
      expect(r.transmitterModel).toBe(`Pixel ${r.transmitter.slice(1)}`);
      const key = `${r.receiver}<${r.transmitter}`;
      pairs.set(key, [...(pairs.get(key) ?? []), r.rssi]);
    }
    // A scan record per identifier per 5-minute slot (the recorder's): at least 12 in the hour (a
    // slot in which the transmitter changed identifier has two), each one row at its RSSI.
    expect([...pairs.keys()].sort()).toEqual(['T01<T02', 'T01<T03', 'T02<T01', 'T03<T01']);
    for (const [key, rssis] of pairs) {
      expect(rssis.length).toBeGreaterThanOrEqual(12);
      expect(new Set(rssis)).toEqual(new Set([RSSI[key]]));
    }
    expect(result.rows.some((r) => r.transmitter === 'X' || r.receiver === 'X')).toBe(false);
    expect(result.phones.map(({ phone, model, keys, heardPhones }) => ({ phone, model, keys, heardPhones }))).toEqual([
      { phone: 'T01', model: 'Pixel 01', keys: 1, heardPhones: 2 },
      { phone: 'T02', model: 'Pixel 02', keys: 1, heardPhones: 1 },
      { phone: 'T03', model: 'Pixel 03', keys: 1, heardPhones: 1 },
    ]);
    // Every scan record in the window is resolved (its first row is at the slot's start; a record
    // of several sightings adds one a millisecond later) or counted as an outsider's: X's, heard
    // by T01 only.
    for (const p of result.phones) {
      const resolved = result.rows.filter((r) => r.receiver === p.phone && r.timeMs % (5 * MINUTE) === 0);
      expect(p.scans).toBe(resolved.length + p.otherScans);
    }
    expect(result.phones.map((p) => p.otherScans >= 12)).toEqual([true, false, false]);
    // Rows are in time order.
    expect(result.rows.map((r) => r.timeMs)).toEqual([...result.rows.map((r) => r.timeMs)].sort((a, b) => a - b));
  });

  it("gives each phone the census of its scans its own exposure check counts, outsiders' by number only", async () => {
    const recordings = await recordTest(60);
    const result = fieldTestSightings(portableBackend, recordings);
    const { binSeconds } = DEFAULT_PROXIMITY_PARAMETERS;
    for (const rec of recordings) {
      const phone = rec.enrolment.phone;
      const inWindow = rec.scans.filter(
        (s) => s.scanTimeMs + SCAN_PERIOD_MS > START && s.scanTimeMs < START + 60 * MINUTE,
      );
      const lines = result.census.filter((c) => c.receiver === phone);
      // One line per scan record, each identifier a number of its own…
      expect(lines).toHaveLength(inWindow.length);
      expect(new Set(lines.map((c) => c.transmitter)).size).toBe(new Set(inWindow.map((s) => toHex(s.rpi))).size);
      expect(lines.every((c) => /^#\d+$/.test(c.transmitter) && c.receiverModel === rec.model)).toBe(true);
      // …so the scans and their crowd are what the phone counts of its own stored scans.
      expect(receiverActivityOfSightings(lines, binSeconds)).toEqual(
        receiverActivityOfCounts(scanCensusOf(inWindow), binSeconds),
      );
    }
    // T01 heard X as well as two test phones: its scans count three identifiers, its readings two phones.
    const t01 = receiverActivityOfSightings(
      result.census.filter((c) => c.receiver === 'T01'),
      binSeconds,
    );
    expect(Math.max(...(t01.heard ?? []))).toBeGreaterThanOrEqual(3);
    expect(new Set(result.rows.filter((r) => r.receiver === 'T01').map((r) => r.transmitter))).toEqual(
      new Set(['T02', 'T03']),
    );
    // No identifier is written: the census names numbers, the rows labels.
    const written = JSON.stringify(result);
    for (const rec of recordings) for (const s of rec.scans) expect(written).not.toContain(toHex(s.rpi));
  });

  it("estimated each key on its own, gives each pair what the receiver's exposure check computes", async () => {
    // T01 and T02 close, T03 across the room; X outside the test, near T01, and a crowd of twelve
    // more around them all (so the census decides: without it the estimates differ).
    const recordings = await recordTest(60, 12);
    const result = fieldTestSightings(portableBackend, recordings);
    // The phones applied no row of a list here: both sides correct by receiverCalibration's own (none given).
    const correction = (phone: string) =>
      receiverCalibration(undefined)(recordings.find((r) => r.enrolment.phone === phone)?.model ?? '');
    let compared = 0;
    // The defaults' one-minute bins, and ten-minute bins, which hold two scans each: counted per scan, as the phone counts.
    for (const p of [DEFAULT_PROXIMITY_PARAMETERS, { ...DEFAULT_PROXIMITY_PARAMETERS, binSeconds: 600 }]) {
      // The phone: its stored scans matched against a published key, estimated with its census.
      const phones = phoneKeyEstimates(recordings, p, correction);
      for (const rec of recordings) {
        const receiver = rec.enrolment.phone;
        const byKey = estimateSightings(
          result.rows.filter((r) => r.receiver === receiver),
          p,
          { census: result.census.filter((c) => c.receiver === receiver), eachKey: true },
        );
        for (const other of recordings) {
          if (other === rec) continue;
          const transmitter = other.enrolment.phone;
          const phone = phones.find((e) => e.receiver === receiver && e.transmitter === transmitter)?.estimates ?? [];
          const csv = byKey.filter((e) => e.transmitter === transmitter);
          expect(csv.map((e) => [e.closeMinutes, e.closeMinutesLow, e.closeMinutesHigh, e.heardMinutes])).toEqual(
            phone.map((e) => [e.closeMinutes, e.lowCloseMinutes, e.highCloseMinutes, e.heardMinutes]),
          );
          expect(csv.map((e) => e.notifyProbability)).toEqual(
            phone.map((e) => Math.round(e.notifyProbability * 1000) / 1000),
          );
          compared += phone.length;
        }
      }
    }
    // Every heard pair (T01–T02 and T01–T03 both ways) was compared, at both bin sizes.
    expect(compared).toBe(8);
  });

  it("scored with the list of rows the phones applied, gives each key the phone's estimate; the built-in list does not", async () => {
    // The key server served a list whose rows for the test phones' models differ from the
    // built-in list's: each phone fetched it and applied its row (the Pixel 3a's +7 dB).
    const recordings = await recordTest(60, 12, SERVED_LIST);
    const result = fieldTestSightings(portableBackend, recordings);
    const served = parseCalibrationCsv(SERVED_LIST);
    const builtIn = parseCalibrationCsv(readFileSync(EN_CALIBRATION_PATH, 'utf8'));
    for (const model of ['Pixel 3a', 'SM-G973F']) {
      expect(lookupDeviceCalibration(builtIn, model).rssiCorrection).not.toBe(
        lookupDeviceCalibration(served, model).rssiCorrection,
      );
    }
    // Every reading carries the TX power the served row made its transmitter advertise.
    expect(new Set(result.rows.map((r) => `${r.transmitter} ${r.txPower}`))).toEqual(
      new Set(['T01 -30', 'T02 -30', 'T03 -26']),
    );

    // The rows the phones applied, one per model, written as a list and read back.
    const applied = fieldTestCalibration(recordings, builtIn);
    const row = { oem: '', hasDirectMeasurement: false, unrecorded: [], fromBase: false };
    expect(applied).toEqual({
      rows: [
        { ...row, model: 'Pixel 3a', rssiCorrection: 7, txPower: -30, phones: ['T01', 'T02'] },
        { ...row, model: 'SM-G973F', rssiCorrection: 4, txPower: -26, phones: ['T03'] },
      ],
      without: [],
      iPhonesCorrected: [],
    });
    const written = parseCalibrationCsv(formatCalibrationCsv(applied.rows));

    // The phones: each one's stored scans matched against the other's key, corrected by the row
    // it looked itself up in the served list with (not the recordings').
    const correction = (phone: string) =>
      devicePhoneCalibration(served, { platform: 'android', model: SERVED_MODELS[phone] as string }).calibration;
    expect(correction('T01').rssiCorrection).toBe(7);
    let compared = 0;
    for (const p of [DEFAULT_PROXIMITY_PARAMETERS, { ...DEFAULT_PROXIMITY_PARAMETERS, binSeconds: 600 }]) {
      const phones = phoneKeyEstimates(recordings, p, correction);
      const scored = (table: DeviceCalibrationTable) =>
        phones.map(({ receiver, transmitter }) =>
          estimateSightings(
            result.rows.filter((r) => r.receiver === receiver),
            p,
            { census: result.census.filter((c) => c.receiver === receiver), eachKey: true, calibrationTable: table },
          )
            .filter((e) => e.transmitter === transmitter)
            .map((e) => [e.closeMinutes, e.closeMinutesLow, e.closeMinutesHigh, e.heardMinutes, e.notifyProbability]),
        );
      const expected = phones.map(({ estimates }) =>
        estimates.map((e) => [
          e.closeMinutes,
          e.lowCloseMinutes,
          e.highCloseMinutes,
          e.heardMinutes,
          Math.round(e.notifyProbability * 1000) / 1000,
        ]),
      );
      // T01–T02 and T01–T03, both ways.
      expect(phones.map((e) => `${e.receiver}<${e.transmitter}`)).toEqual(['T01<T02', 'T01<T03', 'T02<T01', 'T03<T01']);
      expect(scored(written)).toEqual(expected);
      // The built-in list corrects the receivers by other rows: the pairs across the room come out otherwise.
      const byBuiltIn = scored(builtIn);
      expect(byBuiltIn).not.toEqual(expected);
      expect(byBuiltIn[1]).not.toEqual(expected[1]);
      expect(byBuiltIn[3]).not.toEqual(expected[3]);
      compared += expected.length;
    }
    expect(compared).toBe(8);
  });

  it('gathers one row per model, gives a phone without one its model’s applied row, and refuses a model two phones applied differently', async () => {
    const [a, b, c] = await recordTest(10, 0, SERVED_LIST);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three recordings expected');
    const builtIn = parseCalibrationCsv(readFileSync(EN_CALIBRATION_PATH, 'utf8'));
    // T02 exported by an earlier SDK; T03 named "sm-g973f" by another app: one model as the list compares names.
    const { calibration: _, ...older } = b;
    const list = fieldTestCalibration([c, older, { ...a, model: '  pixel  3A' }], builtIn);
    expect(list.without).toEqual(['T02']);
    expect(list.rows.map((r) => [r.model, r.rssiCorrection, r.phones, r.unrecorded, r.fromBase])).toEqual([
      ['  pixel  3A', 7, ['T01'], ['T02'], false],
      ['SM-G973F', 4, ['T03'], [], false],
    ]);
    const problem = (list: Parameters<typeof fieldTestCalibration>[0]) => {
      try {
        fieldTestCalibration(list, builtIn);
      } catch (err) {
        expect(err).toBeInstanceOf(SimError);
        return (err as Error).message;
      }
      throw new Error('expected a SimError');
    };
    // T02 applied the medians (it never fetched the list), T01 the served row: both Pixel 3a.
    expect(problem([a, { ...b, calibration: { rssiCorrection: -5, txPower: -24 } }])).toBe(
      'phones T01 and T02, both model "Pixel 3a", applied different calibration rows (T01: RSSI correction 7 dB, TX power -30 dBm; T02: -5 dB, -24 dBm): no one list corrects both as they did',
    );
    expect(problem([a, a])).toBe('two recordings of phone T01');
  });

  it("writes the built-in list's row for the model of a phone without one, and scores it as the built-in list does", async () => {
    const recordings = await recordTest(60, 0, SERVED_LIST);
    // T03, an SM-A505F, exported by an earlier SDK: no row in its recording, none of its model's in another.
    const t03 = recordings[2];
    if (t03 === undefined) throw new Error('three recordings expected');
    const { calibration: _, ...older } = t03;
    recordings[2] = { ...older, model: 'SM-A505F' };
    const builtIn = parseCalibrationCsv(readFileSync(EN_CALIBRATION_PATH, 'utf8'));
    const list = fieldTestCalibration(recordings, builtIn);
    expect(list.without).toEqual(['T03']);
    expect(list.rows.map((r) => [r.model, r.rssiCorrection, r.txPower, r.phones, r.unrecorded, r.fromBase])).toEqual([
      ['Pixel 3a', 7, -30, ['T01', 'T02'], [], false],
      ['SM-A505F', -3, -24, [], ['T03'], true],
    ]);
    const written = parseCalibrationCsv(formatCalibrationCsv(list.rows));
    // Left out, T03 would be corrected by the written list's median: the Pixel 3a's +7 dB.
    const { rssiCorrection, txPower } = lookupDeviceCalibration(builtIn, 'SM-A505F');
    expect(receiverCalibration(written)('SM-A505F')).toMatchObject({ rssiCorrection, txPower });
    const result = fieldTestSightings(portableBackend, recordings);
    const t03Estimates = (table: DeviceCalibrationTable) =>
      estimateSightings(
        result.rows.filter((r) => r.receiver === 'T03'),
        DEFAULT_PROXIMITY_PARAMETERS,
        { census: result.census.filter((c) => c.receiver === 'T03'), eachKey: true, calibrationTable: table },
      );
    expect(t03Estimates(written).length).toBeGreaterThan(0);
    expect(t03Estimates(written)).toEqual(t03Estimates(builtIn));
  });

  it('writes no correction for an iPhone, naming one that applied another, and the medians’ TX power for one without a row', async () => {
    const [a, b, c] = await recordTest(10, 0, SERVED_LIST);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three recordings expected');
    const builtIn = parseCalibrationCsv(readFileSync(EN_CALIBRATION_PATH, 'utf8'));
    // T01 corrected by the list's median (an SDK before iPhones were the reference), T02 by none: one row, 0 dB.
    const iPhones = fieldTestCalibration(
      [
        { ...a, model: 'iPhone', calibration: { rssiCorrection: -5, txPower: -24 } },
        { ...b, model: 'iPhone', calibration: { rssiCorrection: 0, txPower: -24 } },
      ],
      builtIn,
    );
    expect(iPhones.rows.map((r) => [r.model, r.rssiCorrection, r.txPower, r.phones])).toEqual([
      ['iPhone', 0, -24, ['T01', 'T02']],
    ]);
    expect(iPhones.iPhonesCorrected).toEqual([{ phone: 'T01', rssiCorrection: -5 }]);
    const { calibration: _, ...older } = c;
    const without = fieldTestCalibration([{ ...older, model: 'Apple iPhone 12' }], builtIn);
    expect(without.rows.map((r) => [r.model, r.rssiCorrection, r.txPower, r.fromBase])).toEqual([
      ['Apple iPhone 12', 0, builtIn.fallback.txPower, true],
    ]);
    expect(without.iPhonesCorrected).toEqual([]);
  });

  it('keeps the scan slot a test starts in, which holds its first minutes', async () => {
    const recordings = await recordTest(10);
    const firstSlot = (list: typeof recordings) =>
      fieldTestSightings(portableBackend, list).rows.filter((r) => r.timeMs < START + 5 * MINUTE).length;
    // Every phone heard its neighbours in the 09:00 slot; a test enrolled from 09:02 keeps that slot.
    const from0902 = recordings.map((r) => ({ ...r, enrolment: { ...r.enrolment, startsAtMs: START + 2 * MINUTE } }));
    expect(firstSlot(recordings)).toBeGreaterThan(0);
    expect(firstSlot(from0902)).toBe(firstSlot(recordings));
  });

  it('refuses no recordings, two tests, another window and one phone twice', async () => {
    const [a, b] = await recordTest(10);
    if (a === undefined || b === undefined) throw new Error('two recordings expected');
    const problem = (list: Parameters<typeof fieldTestSightings>[1]) => {
      try {
        fieldTestSightings(portableBackend, list);
      } catch (err) {
        expect(err).toBeInstanceOf(SimError);
        return (err as Error).message;
      }
      throw new Error('expected a SimError');
    };
    expect(problem([])).toBe('no field test recordings given');
    expect(problem([a, { ...b, enrolment: { ...b.enrolment, testId: 'hue-2027' } }])).toBe(
      'recordings of two field tests: "nam-dong-2026-12" and "hue-2027" (phone T02)',
    );
    expect(problem([a, { ...b, enrolment: { ...b.enrolment, endsAtMs: START + MINUTE } }])).toBe(
      'phone T02 was enrolled in "nam-dong-2026-12" for another time window',
    );
    expect(problem([a, a])).toBe('two recordings of phone T01');
    // A model no CSV line can hold (an edited file): the sightings CSV is read line by line.
    expect(problem([a, { ...b, model: 'Pixel\n3a' }])).toBe(
      'the recording of phone T02 names its model with a line break ("Pixel\\n3a"): no CSV line can hold it',
    );
  });
});
