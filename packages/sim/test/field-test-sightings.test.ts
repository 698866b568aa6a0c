// A field test's recordings resolved into sightings: phones running the SDK on a shared radio,
// enrolled, exported; every scan of another test phone's identifier becomes a row naming both
// labels with the TX power its advertisement carried, and every phone's scans become its census,
// a phone outside the test counted there by number, never named.
import { keyReadings, SCAN_PERIOD_MS, scanCensusOf, scanRecordSightings } from '@bluezone/client';
import {
  DEFAULT_PROXIMITY_PARAMETERS,
  type DiagnosisKey,
  estimateCloseTime,
  matchDiagnosisKeysSync,
  parseFieldTestRecording,
  portableBackend,
  ReportType,
  receiverActivityOfCounts,
  receiverActivityOfSightings,
  toHex,
} from '@bluezone/protocol';
import { estimateSightings, fieldTestSightings, receiverCalibration, SimError } from '@bluezone/sim';
import { configurationAuthority, recordFieldTest } from '@bluezone/test-support';
import { describe, expect, it } from 'vitest';

const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 8, 9);
/** Who hears whom, and how loud: T01–T02 close, T01–T03 across the room, T02–T03 out of range; X (not in the test) near T01. */
const RSSI: Record<string, number> = { 'T01<T02': -55, 'T02<T01': -57, 'T01<T03': -82, 'T03<T01': -80, 'T01<X': -66 };

/** `crowd`: that many more outsiders, heard by every test phone at 70 dB of attenuation. */
async function recordTest(minutes: number, crowd = 0) {
  const others = Array.from({ length: crowd }, (_, i) => `Y${i + 1}`);
  const texts = await recordFieldTest({
    authority: configurationAuthority(),
    testId: 'nam-dong-2026-12',
    startsAtMs: START,
    minutes,
    phones: ['T01', 'T02', 'T03'],
    outsiders: ['X', ...others],
    rssi: (rx, adv) => (adv.startsWith('Y') && rx.startsWith('T') ? -94 : RSSI[`${rx}<${adv}`]),
    model: (phone) => `Pixel ${phone.slice(1)}`,
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
    const inWindow = (scans: (typeof recordings)[number]['scans']) =>
      scans.filter((s) => s.scanTimeMs + SCAN_PERIOD_MS > START && s.scanTimeMs < START + 60 * MINUTE);
    let compared = 0;
    // The defaults' one-minute bins, and ten-minute bins, which hold two scans each: counted per scan, as the phone counts.
    for (const p of [DEFAULT_PROXIMITY_PARAMETERS, { ...DEFAULT_PROXIMITY_PARAMETERS, binSeconds: 600 }])
      for (const rec of recordings) {
        const receiver = rec.enrolment.phone;
        const rows = result.rows.filter((r) => r.receiver === receiver);
        const census = result.census.filter((c) => c.receiver === receiver);
        const byKey = estimateSightings(rows, p, { census, eachKey: true });
        // The phone: its stored scans matched against a published key, estimated with its census.
        const scans = inWindow(rec.scans);
        const activity = receiverActivityOfCounts(scanCensusOf(scans), p.binSeconds);
        for (const other of recordings) {
          if (other === rec) continue;
          const keys: DiagnosisKey[] = other.keys.map((k) => ({
            ...k,
            transmissionRiskLevel: 0,
            reportType: ReportType.ConfirmedTest,
          }));
          const { matches } = matchDiagnosisKeysSync(portableBackend, keys, scanRecordSightings(scans));
          const phone = matches.flatMap((m) =>
            estimateCloseTime(keyReadings(m, receiverCalibration(undefined)(rec.model)), { parameters: p, activity }),
          );
          const csv = byKey.filter((e) => e.transmitter === other.enrolment.phone);
          expect(csv.map((e) => [e.closeMinutes, e.closeMinutesLow, e.closeMinutesHigh, e.heardMinutes])).toEqual(
            phone.map((e) => [e.closeMinutes, e.lowCloseMinutes, e.highCloseMinutes, e.heardMinutes]),
          );
          expect(csv.map((e) => e.notifyProbability)).toEqual(
            phone.map((e) => Math.round(e.notifyProbability * 1000) / 1000),
          );
          compared += phone.length;
        }
      }
    // Every heard pair (T01–T02 and T01–T03 both ways) was compared, at both bin sizes.
    expect(compared).toBe(8);
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
  });
});
