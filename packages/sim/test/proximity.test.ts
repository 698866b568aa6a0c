import { existsSync, readFileSync } from 'node:fs';
import {
  CWA_RISK_CONFIGURATION,
  CWA_V1_THRESHOLDS_CONFIGURATION,
  DEFAULT_PROXIMITY_PARAMETERS,
  parseCalibrationCsv,
  SWISSCOVID_RISK_CONFIGURATION,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import {
  bestCut,
  type CensusSighting,
  compareProximityConfigurations,
  EN_CALIBRATION_PATH,
  estimateSightings,
  evaluateProximity,
  formatSightingRow,
  isCensusSighting,
  mitMatrixPath,
  mitMatrixSightings,
  pairAccuracy,
  pairKey,
  parseSightingsCsv,
  readMitMatrix,
  receiverCalibration,
  reliability,
  riskCalls,
  SIGHTINGS_CSV_HEADER,
  type SightingRow,
  scanAttenuations,
  scoreSightings,
  singleThresholdConfiguration,
  thresholdCalls,
} from '../src/index';

const T0 = Date.UTC(2026, 2, 2, 9, 0);

function rows(receiver: string, transmitter: string, minutes: number, rssi: number, startMs = T0): SightingRow[] {
  const out: SightingRow[] = [];
  for (let m = 0; m < minutes; m += 5) {
    for (const dt of [0, 1000]) {
      out.push({
        timeMs: startMs + m * 60_000 + dt,
        receiver,
        transmitter,
        rssi,
        txPower: -24,
        receiverModel: 'iPhone 8',
        transmitterModel: 'x',
      });
    }
  }
  return out;
}

describe('sightings CSV', () => {
  it('round-trips rows, quoting fields that need it', () => {
    const r: SightingRow[] = [
      {
        timeMs: 1,
        receiver: 'a,"b"',
        transmitter: 't',
        rssi: -60,
        txPower: -24,
        receiverModel: 'Pixel 4',
        transmitterModel: '',
      },
    ];
    const text = [SIGHTINGS_CSV_HEADER, ...r.map(formatSightingRow)].join('\n');
    expect(parseSightingsCsv(text)).toEqual(r);
  });

  it('rejects bad input with the line number', () => {
    expect(() => parseSightingsCsv('time,rx\n')).toThrow(/line 1: header/);
    expect(() => parseSightingsCsv(`${SIGHTINGS_CSV_HEADER}\n1,a,b,-60,-24,m\n`)).toThrow(/line 2: expected 7 fields/);
    expect(() => parseSightingsCsv(`${SIGHTINGS_CSV_HEADER}\n1,a,b,loud,-24,m,n\n`)).toThrow(
      /line 2: rssi must be a number/,
    );
    expect(() => parseSightingsCsv(`${SIGHTINGS_CSV_HEADER}\n\n1.5,a,b,-60,-24,m,n\n`)).toThrow(
      /line 3: time_ms must be an integer/,
    );
  });

  it('reads a line with rssi and tx_power both empty as a census line, and only that', () => {
    const census: CensusSighting = {
      census: true,
      timeMs: 5,
      receiver: 'T01',
      transmitter: '#3',
      receiverModel: 'Pixel 4',
    };
    const text = [SIGHTINGS_CSV_HEADER, formatSightingRow(census), '6,T01,T02,-60,-24,Pixel 4,Pixel 5'].join('\n');
    expect(text.split('\n')[1]).toBe('5,T01,#3,,,Pixel 4,');
    const [first, second] = parseSightingsCsv(text);
    expect(first).toEqual(census);
    expect(first && isCensusSighting(first)).toBe(true);
    expect(second && isCensusSighting(second)).toBe(false);
    // One of the two left empty is a damaged line, not a census line.
    expect(() => parseSightingsCsv(`${SIGHTINGS_CSV_HEADER}\n1,a,b,,-24,m,n\n`)).toThrow(
      /line 2: rssi must be a number, got ""/,
    );
    expect(() => parseSightingsCsv(`${SIGHTINGS_CSV_HEADER}\n1,a,b,-60,,m,n\n`)).toThrow(
      /line 2: tx_power must be a number, got ""/,
    );
    expect(() => parseSightingsCsv(`${SIGHTINGS_CSV_HEADER}\n-1,a,b,,,m,\n`)).toThrow(
      /line 2: time_ms must not be negative/,
    );
  });
});

describe('each key on its own, as a phone estimates it', () => {
  // A receiver hearing three phones all day on the same TX power: two close, one across the room.
  const heard = [...rows('A', 'B', 90, -70), ...rows('A', 'C', 90, -72), ...rows('A', 'D', 90, -95)];
  const verdicts = (o: Parameters<typeof estimateSightings>[2]) =>
    estimateSightings(heard, DEFAULT_PROXIMITY_PARAMETERS, o).map((e) => [e.transmitter, e.meanCloseMinutes]);

  it("differs from learning the receiver's offset from all of them, which evidence read at their TX power restores", () => {
    const together = verdicts({});
    expect(verdicts({ eachKey: true })).not.toEqual(together);
    // Every row has the typical TX power, so reading the others at it is reading them as they are.
    expect(verdicts({ eachKey: true, offsetFromAllHeard: true })).toEqual(together);
    expect(verdicts({ eachKey: true, offsetFromAllHeard: true, unreadTxPowerBiasDb: 6 })).not.toEqual(together);
  });

  it('splits a transmitter heard on two UTC days into two keys', () => {
    const twoDays = [
      ...rows('A', 'B', 30, -70, Date.UTC(2026, 2, 2, 23, 40)),
      ...rows('A', 'C', 30, -95, Date.UTC(2026, 2, 2, 23, 40)),
    ];
    const each = estimateSightings(twoDays, DEFAULT_PROXIMITY_PARAMETERS, { eachKey: true });
    expect(each.filter((e) => e.transmitter === 'B').map((e) => e.day)).toEqual(['2026-03-02', '2026-03-03']);
    // Each day's key alone, as the phone would hold it.
    const dayOf = (d: number) => twoDays.filter((r) => r.transmitter === 'B' && new Date(r.timeMs).getUTCDate() === d);
    for (const [d, e] of [2, 3].map((d, i) => [d, each.filter((x) => x.transmitter === 'B')[i]] as const)) {
      const alone = estimateSightings(dayOf(d), DEFAULT_PROXIMITY_PARAMETERS, { eachKey: true });
      expect(alone).toHaveLength(1);
      expect(alone[0]?.meanCloseMinutes).toBe(e?.meanCloseMinutes);
    }
  });
});

describe("a receiver's census lines", () => {
  /** One identifier per census line, `count` of them in every 5-minute scan of `minutes`. */
  function census(receiver: string, minutes: number, count: number): CensusSighting[] {
    const out: CensusSighting[] = [];
    for (let m = 0; m < minutes; m += 5) {
      for (let k = 1; k <= count; k++) {
        out.push({ census: true, timeMs: T0 + m * 60_000, receiver, transmitter: `#${k}`, receiverModel: 'iPhone 8' });
      }
    }
    return out;
  }
  const closeOf = (estimates: ReturnType<typeof estimateSightings>) =>
    estimates.map((e) => `${e.receiver}<${e.transmitter} ${e.closeMinutes}`);

  it("are the receiver's scans and their crowd: twenty others heard in every scan leave a moderate level fewer close minutes", () => {
    const heard = rows('A', 'B', 60, -88);
    const alone = estimateSightings(heard, DEFAULT_PROXIMITY_PARAMETERS);
    // The census of the readings' own scans (B alone) decides as the readings do…
    expect(estimateSightings(heard, DEFAULT_PROXIMITY_PARAMETERS, { census: census('A', 60, 1) })).toEqual(alone);
    // …and one that heard twenty-one identifiers in each is a crowd, whose close share is smaller.
    const crowded = estimateSightings(heard, DEFAULT_PROXIMITY_PARAMETERS, { census: census('A', 60, 21) });
    expect(alone.map((e) => e.transmitter)).toEqual(['B']);
    expect(crowded.map((e) => e.transmitter)).toEqual(['B']);
    expect(crowded[0]?.closeMinutes).toBeLessThan(alone[0]?.closeMinutes as number);
    // Another receiver's census is not this one's; no census identifier gets a verdict of its own.
    expect(estimateSightings(heard, DEFAULT_PROXIMITY_PARAMETERS, { census: census('C', 60, 21) })).toEqual(alone);
  });

  it("are the whole record of the receiver's scans: a reading in no scan of them is refused", () => {
    const heard = rows('A', 'B', 60, -60);
    // Census lines for the first half hour only: the file was cut, or two files were mixed.
    expect(() => estimateSightings(heard, DEFAULT_PROXIMITY_PARAMETERS, { census: census('A', 30, 2) })).toThrow(
      /receiver A: a reading at 2026-03-02T09:30:00\.000Z is in no scan of its census lines/,
    );
  });

  it('make scans that did not hear the transmitter evidence that it was away', () => {
    // B heard close by for 25 minutes, unheard for 15, heard again for 20: with no census the
    // silence is scans not made, and B is taken to have stayed; a census of scans that heard
    // someone else then says B was gone.
    const heard = [...rows('A', 'B', 25, -60), ...rows('A', 'B', 20, -60, T0 + 40 * 60_000)];
    const alone = estimateSightings(heard, DEFAULT_PROXIMITY_PARAMETERS);
    const listening = estimateSightings(heard, DEFAULT_PROXIMITY_PARAMETERS, { census: census('A', 60, 1) });
    expect(closeOf(listening)).toHaveLength(1);
    expect(listening[0]?.meanCloseMinutes).toBeLessThan((alone[0]?.meanCloseMinutes as number) - 1);
  });
});

describe("a CSV's receiver models", () => {
  const list = parseCalibrationCsv(readFileSync(EN_CALIBRATION_PATH, 'utf8'));
  it('reads an iPhone however it is named as the reference, and an Android model after its OEM', () => {
    const calibrate = receiverCalibration(list);
    // "Apple iPhone 11" got the list's median (−5 dB) before: its every attenuation 5 dB too strong.
    for (const name of ['iPhone 8', 'Apple iPhone 11', 'iPhone12,1']) expect(calibrate(name).rssiCorrection).toBe(0);
    expect(calibrate('Samsung SM-G973F').rssiCorrection).toBe(-3);
    expect(calibrate('Google Pixel 4').rssiCorrection).toBe(5);
    expect(calibrate('Bluezone Test Phone')).toEqual(list.fallback);
  });
});

describe('scoreSightings (protocol window builder and risk scorer)', () => {
  it('flags a long strong encounter and not a short or weak one, per pair and day', () => {
    const input = [
      ...rows('r', 'near-long', 40, -50),
      ...rows('r', 'near-short', 5, -50),
      ...rows('r', 'far-long', 40, -100),
      ...rows('r', 'near-long', 40, -50, T0 + 86_400_000),
    ];
    const v = scoreSightings(input, SWISSCOVID_RISK_CONFIGURATION);
    const get = (t: string, day = '2026-03-02') => v.find((x) => x.transmitter === t && x.day === day);
    expect(v).toHaveLength(4);
    // 8 scans of 5 minutes at attenuation −24 − (−50) = 26 dB: all in Swiss's full-weight bucket.
    expect(get('near-long')).toMatchObject({ closeMinutes: 40, score: 40, exposed: true });
    expect(get('near-long', '2026-03-03')?.exposed).toBe(true);
    expect(get('near-short')).toMatchObject({ closeMinutes: 5, exposed: false });
    expect(get('far-long')).toMatchObject({ closeMinutes: 0, exposed: false });
  });

  it("scores CWA's first thresholds as published: full weight below 55 dB, half to 63, 15 minutes", () => {
    // Attenuation = TX power −24 − RSSI.
    const input = [
      ...rows('r', 'at-52-for-15', 15, -76),
      ...rows('r', 'at-58-for-25', 25, -82),
      ...rows('r', 'at-58-for-30', 30, -82),
      ...rows('r', 'at-66-for-60', 60, -90),
    ];
    const v = scoreSightings(input, CWA_V1_THRESHOLDS_CONFIGURATION);
    const get = (t: string) => v.find((x) => x.transmitter === t);
    expect(get('at-52-for-15')).toMatchObject({ score: 15, exposed: true });
    expect(get('at-58-for-25')).toMatchObject({ score: 12.5, exposed: false });
    expect(get('at-58-for-30')).toMatchObject({ score: 15, exposed: true });
    expect(get('at-66-for-60')).toMatchObject({ score: 0, exposed: false });
  });

  it('scores precision and recall of close time against truth', () => {
    const input = [...rows('r', 'a', 30, -50), ...rows('r', 'b', 30, -50)];
    const v = scoreSightings(input, singleThresholdConfiguration(40));
    const truth = [
      { receiver: 'r', transmitter: 'a', day: '2026-03-02', distanceM: 1, trueCloseMinutes: 30, minutes: 30 },
      { receiver: 'r', transmitter: 'b', day: '2026-03-02', distanceM: 3, trueCloseMinutes: 0, minutes: 30 },
    ];
    const a = evaluateProximity(v, truth);
    expect(a.timePrecision).toBeCloseTo(0.5);
    expect(a.timeRecall).toBeCloseTo(1);
    expect(a.exposurePrecision).toBeCloseTo(0.5);
    expect(a.exposureRecall).toBe(1);
  });
});

describe('the best cut along a ranking (the estimate in hindsight)', () => {
  it('flags from the top down to the probability with the best F1, ties together, unscored pairs never', () => {
    const truth = (
      [
        ['a', 0.9, 30],
        ['b', 0.8, 0],
        ['c', 0.6, 12],
        ['d', 0.4, 25],
        ['e', 0.4, 0],
        ['f', 0.2, 0],
        ['g', undefined, 40],
      ] as const
    ).map(([t, , close]) => ({
      receiver: 'r',
      transmitter: t as string,
      day: '2026-03-02',
      distanceM: 1,
      trueCloseMinutes: close as number,
      minutes: 40,
      pattern: 'x',
    }));
    const probability = { a: 0.9, b: 0.8, c: 0.6, d: 0.4, e: 0.4, f: 0.2 } as Record<string, number>;
    const scores = new Map(
      Object.entries(probability).map(([t, p]) => [pairKey('r', t), { minutes: Math.round(p * 30), probability: p }]),
    );
    // Four close pairs (g unheard). Cuts: ≥ 0.9 F1 2/5, ≥ 0.8 2/6, ≥ 0.6 4/7, ≥ 0.4 (d and e
    // together) 6/9, ≥ 0.2 6/10: the best is 0.4.
    const cut = bestCut(scores, truth);
    expect(cut.probability).toBe(0.4);
    expect([...cut.calls].filter(([, c]) => c.flagged).map(([k]) => k.split('\u0000')[1])).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(pairAccuracy(cut.calls, truth).f1).toBeCloseTo(2 / 3, 12);
    // With e far below, the cut moves to take d alone.
    scores.set(pairKey('r', 'e'), { minutes: 3, probability: 0.1 });
    expect(bestCut(scores, truth).probability).toBe(0.4);
    expect(pairAccuracy(bestCut(scores, truth).calls, truth).f1).toBeCloseTo(6 / 8, 12);
    // A tie is never split: b (close) cannot be taken without c, d and f, which makes that cut
    // no better than a alone (F1 1/2 either way, with g close and unheard).
    const tied = new Map(
      Object.entries({ a: 0.9, b: 0.5, c: 0.5, d: 0.5, f: 0.5 }).map(([t, p]) => [
        pairKey('r', t),
        { minutes: 20, probability: p },
      ]),
    );
    const close3 = truth.map((t) => ({
      ...t,
      trueCloseMinutes: ({ a: 30, b: 15, g: 40 } as Record<string, number>)[t.transmitter] ?? 0,
    }));
    expect(bestCut(tied, close3).probability).toBe(0.9);
  });

  it('counts how often the pairs at each probability were close, unheard pairs at 0 and 1 in the last tenth', () => {
    const scores = new Map(
      Object.entries({ a: 1, b: 0.8, c: 0.6, d: 0.4, e: 0.45, f: 0.2 }).map(([t, p]) => [
        pairKey('r', t),
        { probability: p },
      ]),
    );
    const truth = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((t) => ({
      receiver: 'r',
      transmitter: t,
      day: '2026-03-02',
      distanceM: 1,
      trueCloseMinutes: ['a', 'c', 'd', 'g'].includes(t) ? 20 : 3,
      minutes: 40,
      pattern: 'x',
    }));
    expect(
      reliability(scores, truth).map((b) => [b.from, b.pairs, Number(b.meanProbability.toFixed(9)), b.closeShare]),
    ).toEqual([
      [0, 1, 0, 1],
      [0.2, 1, 0.2, 0],
      [0.4, 2, 0.425, 0.5],
      [0.6, 1, 0.6, 1],
      [0.8, 1, 0.8, 0],
      [0.9, 1, 1, 1],
    ]);
  });
});

describe('the single-threshold rule swept over thresholds (the hindsight row of the validation)', () => {
  it('calls every pair as scoring the sightings with that threshold does, at every threshold', () => {
    // Levels that move within a pair, readings continuous (every 2 s) and GAEN-sparse, a pair
    // across midnight and an Android receiver (its RSSI correction from the EN list).
    const table = parseCalibrationCsv(readFileSync(EN_CALIBRATION_PATH, 'utf8'));
    const input: SightingRow[] = [...rows('r', 'sparse', 45, -52), ...rows('r2', 'sparse', 25, -61)];
    for (let s = 0; s < 40 * 60; s += 2)
      input.push({
        timeMs: T0 + s * 1000,
        receiver: 'r',
        transmitter: 'continuous',
        rssi: -45 - Math.round(12 * Math.abs(Math.sin(s / 97))),
        txPower: -24,
        receiverModel: 'Pixel 4',
        transmitterModel: 'x',
      });
    input.push(...rows('r', 'midnight', 30, -48, Date.UTC(2026, 2, 2, 23, 45)));
    const pairs = scanAttenuations(input, table);
    const flaggedAt = new Set<number>();
    for (let t = 15; t <= 45; t++) {
      const swept = thresholdCalls(pairs, t);
      expect(swept).toEqual(riskCalls(input, singleThresholdConfiguration(t), 'close-minutes', table));
      flaggedAt.add([...swept.values()].filter((c) => c.flagged).length);
    }
    // The sweep passes through thresholds that flag different numbers of pairs: it is not vacuous.
    expect(flaggedAt.size).toBeGreaterThanOrEqual(3);
  });
});

const present = existsSync(mitMatrixPath(undefined));
if (!present) console.warn(`MIT proximity tests SKIPPED: MIT Matrix data absent at ${mitMatrixPath(undefined)}`);

describe.skipIf(!present)('proximity on the MIT Matrix data', async () => {
  const logs = present ? await readMitMatrix(mitMatrixPath(undefined)) : [];

  it('converts every log into GAEN-shaped scans with its true distance', () => {
    const { rows: r, truth } = mitMatrixSightings(logs, -24);
    expect(truth).toHaveLength(logs.length);
    expect(truth.filter((t) => t.trueCloseMinutes > 0).length).toBe(logs.filter((l) => l.distanceM < 2).length);
    // Up to 30 scans of 4 s per 2-minute log (fewer where the log has gaps), one reading per 250 ms at most.
    for (const t of truth) expect(t.minutes % 5).toBe(0);
    const sorted = truth.map((t) => t.minutes).sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeGreaterThanOrEqual(120);
    expect(r.length).toBeLessThan(truth.length * 60 * 17);
  });

  it('separates close from far better than chance, and the tuned threshold holds on unseen experiments', () => {
    const cmp = compareProximityConfigurations(logs, -24);
    const test = (name: string) => cmp.rows.find((r) => r.split === 'test' && r.configuration === name)?.accuracy;
    const base = cmp.rows.find((r) => r.split === 'test')?.accuracy;
    expect(base).toBeDefined();
    const closeShare = (base?.closePairs ?? 0) / (base?.pairs ?? 1);
    for (const name of [
      CWA_RISK_CONFIGURATION.name,
      SWISSCOVID_RISK_CONFIGURATION.name,
      `bluezone-mit-tuned-${cmp.tunedThresholdDb}dB`,
    ]) {
      const a = test(name);
      expect(a?.timeRecall).toBeGreaterThan(0.5);
      // Precision at or above the share of close pairs: the signal carries distance information.
      expect(a?.timePrecision).toBeGreaterThanOrEqual(closeShare - 0.02);
    }
    expect(cmp.tunedThresholdDb).toBeGreaterThan(30);
    expect(cmp.tunedThresholdDb).toBeLessThan(80);
  });
});
