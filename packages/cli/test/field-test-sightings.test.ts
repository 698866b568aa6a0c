// `bluezone field-test-sightings`, end to end: four enrolled phones run the SDK for an hour over a
// shared radio (T01 and T02 side by side, T03 and T04 side by side, the two pairs far apart) with
// an unenrolled phone nearby; their exports become the sightings CSV (the phones' census with
// them, the outsider by number only), the truth template names every ordered pair, and
// `proximity-score` on them flags exactly the two pairs that were close. Phones served a calibration
// list whose rows are not the built-in list's: `--calibration-out` writes the rows they applied,
// and scored with it each key gets the phone's own estimate, where the built-in list gives another.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_PROXIMITY_PARAMETERS,
  formatFieldTestRecording,
  lookupDeviceCalibration,
  parseCalibrationCsv,
  parseFieldTestRecording,
  toHex,
} from '@bluezone/protocol';
import { EN_CALIBRATION_PATH, SIGHTINGS_CSV_HEADER } from '@bluezone/sim';
import { configurationAuthority, phoneKeyEstimates, recordFieldTest } from '@bluezone/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

const START = Date.UTC(2026, 11, 8, 9);
const PHONES = ['T01', 'T02', 'T03', 'T04'];
const side = (p: string) => (p === 'T01' || p === 'T02' ? 'a' : p === 'X' ? 'x' : 'b');

describe('bluezone field-test-sightings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluezone-field-test-'));
  beforeAll(async () => {
    const texts = await recordFieldTest({
      authority: configurationAuthority(),
      testId: 'nam-dong-2026-12',
      startsAtMs: START,
      minutes: 60,
      phones: PHONES,
      outsiders: ['X'],
      // Side by side: attenuation about 20 dB; across the hall: about 80 dB; X near T01 only.
      rssi: (rx, adv) =>
        side(rx) === 'x' || side(adv) === 'x' ? (rx === 'T01' ? -60 : undefined) : side(rx) === side(adv) ? -45 : -100,
    });
    for (const [i, text] of texts.entries()) writeFileSync(join(dir, `${PHONES[i]}.json`), text);
  });

  it('writes the labelled sightings and a truth template, then scores the test', async () => {
    const files = PHONES.map((p) => `${p}.json`);
    const c = await runCli(dir, [
      'field-test-sightings',
      '--out',
      'sightings.csv',
      '--truth-template',
      'truth.csv',
      ...files,
    ]);
    expect(c.stderr).toEqual([]);
    expect(c.code).toBe(0);
    expect(c.stdout[0]).toBe(
      'Field test nam-dong-2026-12, 2026-12-08T09:00:00.000Z – 2026-12-08T10:00:00.000Z: 4 test phones.',
    );
    expect(c.stdout).toContain(
      '| phone | model | keys | scan records | test phones heard | scan records of phones outside the test |',
    );
    // T01 heard the three others and X; the others heard the three test phones only.
    const row = (p: string) =>
      c.stdout
        .find((l) => l.startsWith(`| ${p} |`))
        ?.split('|')
        .map((f) => f.trim());
    expect(row('T01')?.slice(2, 4)).toEqual(['Pixel 4', '1']);
    expect(row('T01')?.[5]).toBe('3');
    expect(Number(row('T01')?.[6])).toBeGreaterThanOrEqual(12);
    expect(row('T02')?.slice(5, 7)).toEqual(['3', '0']);
    expect(
      c.stdout.some((l) =>
        /^\d+ sightings of 12 pairs and the phones' census \(\d+ scan records, identifiers by number only\) → .*sightings\.csv$/.test(
          l,
        ),
      ),
    ).toBe(true);

    const text = readFileSync(join(dir, 'sightings.csv'), 'utf8');
    const csv = text.trim().split('\n');
    expect(csv[0]).toBe(SIGHTINGS_CSV_HEADER);
    // Readings name two test phones; census lines (rssi and tx_power empty) a number per identifier.
    const all = csv.slice(1).map((l) => l.split(','));
    const fields = all.filter((f) => f[3] !== '');
    const census = all.filter((f) => f[3] === '');
    expect(census.every((f) => /^#\d+$/.test(f[2] as string) && f[4] === '' && f[6] === '')).toBe(true);
    expect(new Set(census.map((f) => f[1]))).toEqual(new Set(PHONES));
    // T01's scans heard X too: more identifiers than its three fellow phones' (which rotate as well).
    const numbers = (p: string) => new Set(census.filter((f) => f[1] === p).map((f) => f[2])).size;
    expect(numbers('T01')).toBeGreaterThan(numbers('T02'));
    for (const p of PHONES) {
      const recording = parseFieldTestRecording(readFileSync(join(dir, `${p}.json`), 'utf8'));
      expect(census.filter((f) => f[1] === p)).toHaveLength(recording.scans.length);
      for (const scan of recording.scans) expect(text).not.toContain(toHex(scan.rpi));
    }
    expect(new Set(fields.map((f) => f[1]))).toEqual(new Set(PHONES));
    expect(new Set(fields.map((f) => f[2]))).toEqual(new Set(PHONES));
    expect(new Set(fields.map((f) => `${f[3]} ${f[4]} ${f[5]}`))).toEqual(
      new Set(['-45 -24 Pixel 4', '-100 -24 Pixel 4']),
    );

    // The observers fill in the template: the side-by-side pairs were within 2 m all hour.
    const template = readFileSync(join(dir, 'truth.csv'), 'utf8').trim().split('\n');
    expect(template[0]).toBe('receiver,transmitter,true_close_minutes');
    expect(template.slice(1)).toHaveLength(12);
    const filled = template.map((l, i) =>
      i === 0 ? l : `${l}${side(l.split(',')[0] as string) === side(l.split(',')[1] as string) ? 60 : 0}`,
    );
    writeFileSync(join(dir, 'truth-filled.csv'), `${filled.join('\n')}\n`);

    const s = await runCli(dir, [
      'proximity-score',
      '--input',
      'sightings.csv',
      '--truth',
      'truth-filled.csv',
      '--json',
    ]);
    expect(s.code).toBe(0);
    const score = JSON.parse(s.stdout[0] as string) as {
      rows: {
        method: string;
        accuracy: { pairs: number; closePairs: number; flagged: number; precision: number; recall: number };
      }[];
    };
    expect(score.rows[0]?.accuracy).toMatchObject({ pairs: 12, closePairs: 4, flagged: 4, precision: 1, recall: 1 });
    // As the phones estimate them (each key on its own), the same two pairs.
    const asPhones = await runCli(dir, [
      'proximity-score',
      '--input',
      'sightings.csv',
      '--truth',
      'truth-filled.csv',
      '--each-key',
      '--json',
    ]);
    expect(asPhones.code).toBe(0);
    expect(JSON.parse(asPhones.stdout[0] as string).rows[0]).toMatchObject({
      method: 'bluezone-hmm-v6 (each key, as a phone)',
      accuracy: { pairs: 12, closePairs: 4, flagged: 4, precision: 1, recall: 1 },
    });

    // `bluezone proximity` gives the twelve pairs' verdicts and none to a census number.
    const p = await runCli(dir, ['proximity', '--input', 'sightings.csv', '--json']);
    expect(p.code).toBe(0);
    const verdicts = p.stdout.map((l) => JSON.parse(l) as { receiver: string; transmitter: string });
    expect(new Set(verdicts.map((v) => `${v.receiver}<${v.transmitter}`)).size).toBe(12);
    expect(verdicts.every((v) => PHONES.includes(v.transmitter))).toBe(true);
  });

  it('refuses a damaged recording, one phone twice, no recording and no --out, naming each', async () => {
    writeFileSync(join(dir, 'damaged.json'), '{"format":"bluezone-field-test-recording-v1"');
    const damaged = await runCli(dir, ['field-test-sightings', '--out', 'x.csv', 'T01.json', 'damaged.json']);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr.join('\n')).toContain('recording damaged.json: field test recording: not JSON');
    const twice = await runCli(dir, ['field-test-sightings', '--out', 'x.csv', 'T01.json', 'T01.json']);
    expect(twice.code).toBe(1);
    expect(twice.stderr.join('\n')).toContain('two recordings of phone T01');
    const none = await runCli(dir, ['field-test-sightings', '--out', 'x.csv']);
    expect(none.code).toBe(2);
    expect(none.stderr.join('\n')).toContain("name the test phones' recordings");
    const noOut = await runCli(dir, ['field-test-sightings', 'T01.json']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr.join('\n')).toContain('missing --out');
  });
});

/** The key server's list: the Pixel 3a's and the SM-G973F's rows are not the built-in list's (−5 and −3 dB). */
const SERVED_LIST =
  'oem,model,rssi correction,tx,has direct measurement\nGoogle,Pixel 3a,7,-30,yes\nSamsung,SM-G973F,4,-26,no\n';
const MODELS: Record<string, string> = { T01: 'Pixel 3a', T02: 'Pixel 3a', T03: 'SM-G973F' };
/** T01–T02 close, T01–T03 across the room, T02–T03 out of range; X, outside the test, near T01. */
const LEVELS: Record<string, number> = { 'T01<T02': -55, 'T02<T01': -57, 'T01<T03': -82, 'T03<T01': -80, 'T01<X': -66 };

describe('bluezone field-test-sightings --calibration-out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluezone-field-test-calibration-'));
  const files = ['T01.json', 'T02.json', 'T03.json'];
  beforeAll(async () => {
    const texts = await recordFieldTest({
      authority: configurationAuthority(),
      testId: 'nam-dong-2026-12',
      startsAtMs: START,
      minutes: 60,
      phones: ['T01', 'T02', 'T03'],
      outsiders: ['X'],
      rssi: (rx, adv) => LEVELS[`${rx}<${adv}`],
      model: (phone) => MODELS[phone] as string,
      servedCalibrationList: SERVED_LIST,
    });
    for (const [i, text] of texts.entries()) writeFileSync(join(dir, files[i] as string), text);
  });

  it("writes the rows the phones applied; scored with them each key gets the phone's estimate, with the built-in list not", async () => {
    const c = await runCli(dir, [
      'field-test-sightings',
      '--out',
      'field.csv',
      '--calibration-out',
      'applied.csv',
      ...files,
    ]);
    expect(c.stderr).toEqual([]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(
      `Calibration rows the phones applied: 3 of 3 phones, 2 models → ${join(dir, 'applied.csv')}`,
    );
    expect(c.stdout.at(-1)).toContain(
      `--each-key (each key on its own, as the phones estimate it; with --parameters as the phones were served, and --calibration ${join(dir, 'applied.csv')}, the rows the phones applied).`,
    );
    const applied = parseCalibrationCsv(readFileSync(join(dir, 'applied.csv'), 'utf8'));
    expect(applied.entries.map((e) => [e.model, e.rssiCorrection, e.txPower])).toEqual([
      ['Pixel 3a', 7, -30],
      ['SM-G973F', 4, -26],
    ]);
    const builtIn = parseCalibrationCsv(readFileSync(EN_CALIBRATION_PATH, 'utf8'));
    expect(lookupDeviceCalibration(builtIn, 'Pixel 3a').rssiCorrection).toBe(-5);
    expect(lookupDeviceCalibration(builtIn, 'SM-G973F').rssiCorrection).toBe(-3);

    // Each phone's own estimate of each key it matched, with the row it looked itself up in the served list with.
    const recordings = files.map((f) => parseFieldTestRecording(readFileSync(join(dir, f), 'utf8')));
    const served = parseCalibrationCsv(SERVED_LIST);
    const phones = phoneKeyEstimates(recordings, DEFAULT_PROXIMITY_PARAMETERS, (phone) =>
      lookupDeviceCalibration(served, MODELS[phone]),
    );
    expect(phones.map((p) => `${p.receiver}<${p.transmitter}`)).toEqual(['T01<T02', 'T01<T03', 'T02<T01', 'T03<T01']);
    const expected = phones.map((p) =>
      p.estimates.map((e) => [
        e.closeMinutes,
        e.lowCloseMinutes,
        e.highCloseMinutes,
        e.heardMinutes,
        Math.round(e.notifyProbability * 1000) / 1000,
      ]),
    );
    /** `bluezone proximity --each-key` on the CSV, as the pairs of `phones`. */
    const scored = async (...calibration: string[]) => {
      const r = await runCli(dir, ['proximity', '--input', 'field.csv', '--each-key', '--json', ...calibration]);
      expect(r.code).toBe(0);
      const lines = r.stdout.map(
        (l) =>
          JSON.parse(l) as {
            receiver: string;
            transmitter: string;
            closeMinutes: number;
            closeMinutesLow: number;
            closeMinutesHigh: number;
            heardMinutes: number;
            notifyProbability: number;
          },
      );
      return phones.map(({ receiver, transmitter }) =>
        lines
          .filter((l) => l.receiver === receiver && l.transmitter === transmitter)
          .map((l) => [l.closeMinutes, l.closeMinutesLow, l.closeMinutesHigh, l.heardMinutes, l.notifyProbability]),
      );
    };
    expect(await scored('--calibration', 'applied.csv')).toEqual(expected);
    // The built-in list (no --calibration) corrects the receivers by its own rows: the pairs across the room differ.
    const byBuiltIn = await scored();
    expect(byBuiltIn[1]).not.toEqual(expected[1]);
    expect(byBuiltIn[3]).not.toEqual(expected[3]);

    // proximity-score takes the file as it takes any list.
    writeFileSync(
      join(dir, 'truth.csv'),
      'receiver,transmitter,true_close_minutes\nT01,T02,60\nT02,T01,60\nT01,T03,0\nT03,T01,0\n',
    );
    const s = await runCli(dir, [
      'proximity-score',
      '--input',
      'field.csv',
      '--truth',
      'truth.csv',
      '--each-key',
      '--calibration',
      'applied.csv',
      '--json',
    ]);
    expect(s.stderr).toEqual([]);
    expect(s.code).toBe(0);
  });

  it('names phones whose recording has no row, and refuses phones of one model that applied two', async () => {
    const older = parseFieldTestRecording(readFileSync(join(dir, 'T02.json'), 'utf8'));
    const { calibration: _, ...withoutRow } = older;
    writeFileSync(join(dir, 'T02-older.json'), formatFieldTestRecording(withoutRow));
    const c = await runCli(dir, [
      'field-test-sightings',
      '--out',
      'x.csv',
      '--calibration-out',
      'x-applied.csv',
      'T01.json',
      'T02-older.json',
      'T03.json',
    ]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(
      `Calibration rows the phones applied: 2 of 3 phones, 2 models → ${join(dir, 'x-applied.csv')}`,
    );
    expect(c.stdout).toContain(
      "No calibration in the recording of T02 (an SDK from before 7 Dec 2026): corrected by its model's row as T01 applied it (Pixel 3a, 7 dB, -30 dBm), which may not be what it applied.",
    );

    // T02 never fetched the list: it applied the medians, T01 the served row, both Pixel 3a.
    writeFileSync(
      join(dir, 'T02-medians.json'),
      formatFieldTestRecording({ ...older, calibration: { rssiCorrection: -5, txPower: -24 } }),
    );
    const two = await runCli(dir, [
      'field-test-sightings',
      '--out',
      'y.csv',
      '--calibration-out',
      'y-applied.csv',
      'T01.json',
      'T02-medians.json',
    ]);
    expect(two.code).toBe(1);
    expect(two.stderr.join('\n')).toContain(
      'phones T01 and T02, both model "Pixel 3a", applied different calibration rows',
    );
    expect(() => readFileSync(join(dir, 'y.csv'))).toThrow();

    // No recording names a row: the built-in list's row for the model, as bluezone proximity scores without --calibration.
    const none = await runCli(dir, [
      'field-test-sightings',
      '--out',
      'z.csv',
      '--calibration-out',
      'z-applied.csv',
      'T02-older.json',
    ]);
    expect(none.stderr).toEqual([]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(
      "No calibration in the recording of T02 (an SDK from before 7 Dec 2026), nor in another of its model: the file holds its model's row of the built-in EN list (Pixel 3a), so it is scored as bluezone proximity without --calibration scores it, which may not be what it applied.",
    );
    expect(
      parseCalibrationCsv(readFileSync(join(dir, 'z-applied.csv'), 'utf8')).entries.map((e) => [
        e.model,
        e.rssiCorrection,
        e.txPower,
      ]),
    ).toEqual([['Pixel 3a', -5, -39]]);
  });

  it("writes the built-in list's row for a phone without one whose model no other phone applied: scored as without --calibration", async () => {
    // T03, an SM-A505F, exported by an earlier SDK; T01 and T02 applied the served Pixel 3a row (+7 dB).
    const { calibration: _, ...older } = parseFieldTestRecording(readFileSync(join(dir, 'T03.json'), 'utf8'));
    writeFileSync(join(dir, 'T03-a505.json'), formatFieldTestRecording({ ...older, model: 'SM-A505F' }));
    const c = await runCli(dir, [
      'field-test-sightings',
      '--out',
      'a505.csv',
      '--calibration-out',
      'a505-applied.csv',
      'T01.json',
      'T02.json',
      'T03-a505.json',
    ]);
    expect(c.stderr).toEqual([]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(
      `Calibration rows the phones applied: 2 of 3 phones, 1 model → ${join(dir, 'a505-applied.csv')}`,
    );
    expect(c.stdout).toContain(
      "No calibration in the recording of T03 (an SDK from before 7 Dec 2026), nor in another of its model: the file holds its model's row of the built-in EN list (SM-A505F), so it is scored as bluezone proximity without --calibration scores it, which may not be what it applied.",
    );
    const written = parseCalibrationCsv(readFileSync(join(dir, 'a505-applied.csv'), 'utf8'));
    expect(written.entries.map((e) => [e.model, e.rssiCorrection, e.txPower])).toEqual([
      ['Pixel 3a', 7, -30],
      ['SM-A505F', -3, -24],
    ]);
    /** T03's each-key verdicts by `bluezone proximity` on the CSV. */
    const t03 = async (...calibration: string[]) => {
      const r = await runCli(dir, ['proximity', '--input', 'a505.csv', '--each-key', '--json', ...calibration]);
      expect(r.code).toBe(0);
      return r.stdout.filter((l) => (JSON.parse(l) as { receiver: string }).receiver === 'T03');
    };
    const builtIn = await t03();
    expect(builtIn.length).toBeGreaterThan(0);
    expect(await t03('--calibration', 'a505-applied.csv')).toEqual(builtIn);
  });

  it('writes an iPhone’s row with no correction, warning of one that corrected its readings', async () => {
    const recording = parseFieldTestRecording(readFileSync(join(dir, 'T03.json'), 'utf8'));
    writeFileSync(
      join(dir, 'T03-iphone.json'),
      formatFieldTestRecording({ ...recording, model: 'iPhone', calibration: { rssiCorrection: -5, txPower: -24 } }),
    );
    const c = await runCli(dir, [
      'field-test-sightings',
      '--out',
      'iphone.csv',
      '--calibration-out',
      'iphone-applied.csv',
      'T01.json',
      'T03-iphone.json',
    ]);
    expect(c.code).toBe(0);
    expect(c.stderr).toEqual([
      "warning: T03, an iPhone, corrected its readings by -5 dB (an SDK that gave an iPhone without a list the list's median): scoring takes every iPhone as the list's reference, correction 0, as the file's row does, so its readings are not scored as it corrected them",
    ]);
    const written = parseCalibrationCsv(readFileSync(join(dir, 'iphone-applied.csv'), 'utf8'));
    expect(written.entries.map((e) => [e.model, e.rssiCorrection, e.txPower])).toEqual([
      ['Pixel 3a', 7, -30],
      ['iPhone', 0, -24],
    ]);
  });

  it('refuses a model with a line break and an output named twice, writing no file', async () => {
    const recording = parseFieldTestRecording(readFileSync(join(dir, 'T02.json'), 'utf8'));
    writeFileSync(join(dir, 'T02-broken.json'), formatFieldTestRecording({ ...recording, model: 'Pixel\n3a' }));
    const broken = await runCli(dir, [
      'field-test-sightings',
      '--out',
      'broken.csv',
      '--truth-template',
      'broken-truth.csv',
      '--calibration-out',
      'broken-applied.csv',
      'T01.json',
      'T02-broken.json',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toEqual([
      'bluezone field-test-sightings: the recording of phone T02 names its model with a line break ("Pixel\\n3a"): no CSV line can hold it',
    ]);
    for (const f of ['broken.csv', 'broken-truth.csv', 'broken-applied.csv']) {
      expect(() => readFileSync(join(dir, f))).toThrow();
    }

    const twice = async (...outputs: string[]) => {
      const r = await runCli(dir, ['field-test-sightings', ...outputs, 'T01.json', 'T02.json']);
      expect(r.code).toBe(2);
      return r.stderr.join('\n');
    };
    expect(await twice('--out', 'same.csv', '--calibration-out', './same.csv')).toBe(
      `bluezone field-test-sightings: --calibration-out names the file --out writes: ${join(dir, 'same.csv')}`,
    );
    expect(
      await twice('--out', 'out.csv', '--truth-template', 'same.csv', '--calibration-out', 'sub/../same.csv'),
    ).toBe(
      `bluezone field-test-sightings: --calibration-out names the file --truth-template writes: ${join(dir, 'same.csv')}`,
    );
    expect(await twice('--out', 'same.csv', '--truth-template', 'same.csv')).toBe(
      `bluezone field-test-sightings: --truth-template names the file --out writes: ${join(dir, 'same.csv')}`,
    );
    for (const f of ['same.csv', 'out.csv']) expect(() => readFileSync(join(dir, f))).toThrow();
  });
});
