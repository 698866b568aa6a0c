import { describe, expect, it } from 'vitest';
import { drawSettingDay, Prng, type StaticRecording, synthesizeSettings } from '../src/index';

/** A flat recording per distance: −50 dBm at 0.5 m falling 10 dB per doubling, a reading every 250 ms for two minutes. */
function recordings(): StaticRecording[] {
  return [0.5, 1, 2, 4].map((distanceM) => ({
    dataset: 'mit-matrix' as const,
    experiment: 'mit:test',
    receiver: 'mit:test-phone',
    distanceM,
    offsetsMs: Float64Array.from({ length: 480 }, (_, i) => i * 250),
    rssi: new Float64Array(480).fill(-50 - 10 * Math.log2(distanceM / 0.5)),
  }));
}

function day(samePhones: boolean, scanLoss?: number, crowdExponent?: number) {
  const people = 6;
  const layouts = drawSettingDay(new Prng(11), people);
  return synthesizeSettings(recordings(), layouts, new Prng(12), {
    people,
    sampling: 'gaen',
    dayStartMs: Date.UTC(2024, 2, 4),
    label: 'x',
    samePhones,
    ...(scanLoss === undefined ? {} : { scanLoss: { probability: scanLoss, prng: new Prng(13) } }),
    ...(crowdExponent === undefined ? {} : { crowdExponent }),
  });
}

/** Each pair's readings by 10-second slot of the day (a 4-second scan falls in one or two). */
function scansOf(rows: ReturnType<typeof day>['rows']): Map<string, string[]> {
  const scans = new Map<string, string[]>();
  for (const r of rows) {
    const k = `${r.receiver}>${r.transmitter}@${Math.floor(r.timeMs / 10_000)}`;
    scans.set(k, [...(scans.get(k) ?? []), `${r.timeMs}:${r.rssi}`]);
  }
  return scans;
}

describe('synthesizeSettings', () => {
  it('reads every setting with the crowd exponent it is given: the same day, distances that sound apart or alike', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const levels = (d: ReturnType<typeof day>) => {
      const never = new Set(
        d.truth.filter((t) => t.trueCloseMinutes === 0).map((t) => `${t.receiver}>${t.transmitter}`),
      );
      const split = { close: [] as number[], never: [] as number[] };
      for (const r of d.rows) (never.has(`${r.receiver}>${r.transmitter}`) ? split.never : split.close).push(r.rssi);
      return { close: mean(split.close), never: mean(split.never) };
    };
    const [own, open, flat] = [day(false), day(false, undefined, 1), day(false, undefined, 0.1)];
    // Who was where is the same day whatever the readings sound like.
    expect(open.truth).toEqual(own.truth);
    expect(flat.truth).toEqual(own.truth);
    // Pairs never within 2 m sound farther from the rest as open rooms than with the settings'
    // own crowds, and nearer them when every distance sounds much like 1.5 m.
    const gap = (l: { close: number; never: number }) => l.close - l.never;
    expect(gap(levels(open))).toBeGreaterThan(gap(levels(own)) + 1);
    expect(gap(levels(own))).toBeGreaterThan(gap(levels(flat)) + 1);
  });

  it('gives every setting phones of its own by default', () => {
    const { rows, truth } = day(false);
    const receivers = new Set(rows.map((r) => r.receiver));
    const settings = new Set(truth.map((t) => t.pattern));
    expect(settings.size).toBe(5);
    expect(receivers.size).toBeGreaterThan(6 * 4);
    for (const r of rows) expect(r.receiver.split('#')[1]).toBe(r.transmitter.split('#')[1]);
    for (const t of truth) expect(t.receiver.split('#')[1]).toBe(t.pattern);
  });

  it('with the same phones, keeps one receiver all day and scores each setting’s pairs apart', () => {
    const { rows, truth } = day(true);
    expect(new Set(rows.map((r) => r.receiver))).toEqual(
      new Set(['x#p00', 'x#p01', 'x#p02', 'x#p03', 'x#p04', 'x#p05']),
    );
    // Transmitters rotate their identifiers: one per setting, so a pair's truth is its setting's.
    const pairs = new Set(truth.map((t) => `${t.receiver}>${t.transmitter}`));
    expect(pairs.size).toBe(truth.length);
    for (const t of truth) {
      expect(t.receiver).toMatch(/^x#p\d\d$/);
      expect(t.transmitter).toMatch(new RegExp(`^x#${t.pattern}#p\\d\\d$`));
    }
    // The same day's geometry: the truth per setting is what the separate phones had.
    const apart = day(false).truth;
    const minutes = (ts: typeof truth) => ts.map((t) => `${t.pattern}:${t.minutes}:${t.trueCloseMinutes}`).sort();
    expect(minutes(truth)).toEqual(minutes(apart));
  });

  it('with scan losses, drops whole scans of a pair at the given rate and leaves the rest of the day as it was', () => {
    const whole = day(false);
    expect(day(false, 0)).toEqual(whole);
    const lossy = day(false, 0.3);
    // A 4-second scan falls within one 10-second slot unless it straddles one: key scans by slot.
    const all = scansOf(whole.rows);
    const kept = scansOf(lossy.rows);
    expect(lossy.truth).toEqual(whole.truth);
    let dropped = 0;
    for (const [k, readings] of all) {
      const left = kept.get(k);
      if (left === undefined) dropped++;
      // A scan is kept whole or not at all (a straddling scan may lose one of its two slots).
      else expect(left).toEqual(readings);
    }
    for (const k of kept.keys()) expect(all.has(k)).toBe(true);
    // ~30 % of some thousands of scans: binomial SD under 1.5 points.
    expect(all.size).toBeGreaterThan(1_000);
    expect(dropped / all.size).toBeGreaterThan(0.25);
    expect(dropped / all.size).toBeLessThan(0.35);
  });

  it('carries each phone anew in every setting: all that a receiver hears moves together from setting to setting', () => {
    // Every distance sounds the same, so a receiver's mean level in a setting is its offsets only.
    const flat = recordings().map((r) => ({ ...r, rssi: new Float64Array(r.rssi.length).fill(-60) }));
    const spreadOfReceiverMeans = (samePhones: boolean) => {
      const people = 12;
      const { rows } = synthesizeSettings(flat, drawSettingDay(new Prng(21), people), new Prng(22), {
        people,
        sampling: 'gaen',
        dayStartMs: Date.UTC(2024, 2, 4),
        label: 'x',
        samePhones,
      });
      const sums = new Map<string, { sum: number; n: number }>();
      for (const r of rows) {
        const person = r.receiver.slice(-3);
        const setting = r.transmitter.split('#')[1] as string;
        const k = `${person} ${setting}`;
        const s = sums.get(k) ?? { sum: 0, n: 0 };
        s.sum += r.rssi;
        s.n++;
        sums.set(k, s);
      }
      // SD over the settings of each receiver's mean level, averaged over receivers.
      const byPerson = new Map<string, number[]>();
      for (const [k, s] of sums) {
        const person = k.split(' ')[0] as string;
        byPerson.set(person, [...(byPerson.get(person) ?? []), s.sum / s.n]);
      }
      const sds = [...byPerson.values()].map((m) => {
        const mean = m.reduce((a, x) => a + x, 0) / m.length;
        return Math.sqrt(m.reduce((a, x) => a + (x - mean) ** 2, 0) / (m.length - 1));
      });
      return sds.reduce((a, x) => a + x, 0) / sds.length;
    };
    const carried = spreadOfReceiverMeans(true);
    const fixed = spreadOfReceiverMeans(false);
    // Fixed: only the pair offsets (SD 4 dB) averaged over ~11 transmitters move the mean; carried, the receiver's own 4.8 dB too.
    expect(fixed).toBeLessThan(2.5);
    expect(carried).toBeGreaterThan(3.5);
  });

  it('adds as much of its own pair and phone spread as it is asked: none keeps the recordings’ own, the same day either way', () => {
    // Every distance sounds the same, so whatever differs between readings is the synthesis's own spread.
    const flat = recordings().map((r) => ({ ...r, rssi: new Float64Array(r.rssi.length).fill(-60) }));
    const people = 8;
    const withScale = (spreadScale?: number) =>
      synthesizeSettings(flat, drawSettingDay(new Prng(31), people), new Prng(32), {
        people,
        sampling: 'gaen',
        dayStartMs: Date.UTC(2024, 2, 4),
        label: 'x',
        ...(spreadScale === undefined ? {} : { spreadScale }),
      });
    // The attenuation each reading implies, up to a constant: TX error less the received level.
    const levels = (d: ReturnType<typeof withScale>) => d.rows.map((r) => (r.txPowerErrorDb ?? 0) - r.rssi);
    const sd = (xs: number[]) => {
      const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    };
    const [none, own, twice] = [withScale(0), withScale(), withScale(2)];
    expect(withScale(1)).toEqual(own);
    // The same day and the same scans, whatever the spread.
    expect(none.truth).toEqual(own.truth);
    expect(none.rows.map((r) => `${r.timeMs} ${r.receiver}>${r.transmitter}`)).toEqual(
      own.rows.map((r) => `${r.timeMs} ${r.receiver}>${r.transmitter}`),
    );
    // None: every reading is the recording's own (−60 dBm, or weaker where the farthest is extrapolated).
    expect(Math.min(...levels(none))).toBe(60);
    expect(none.rows.every((r) => (r.txPowerErrorDb ?? 0) === 0)).toBe(true);
    // Otherwise each pair is moved by one amount throughout: ~5.8 dB between pairs (pair 4, receive 3, TX 3), doubled at 2.
    const shifts = (d: ReturnType<typeof withScale>) => {
      const base = levels(none);
      const byPair = new Map<string, Set<number>>();
      levels(d).forEach((l, i) => {
        const r = d.rows[i] as (typeof d.rows)[number];
        const k = `${r.receiver}>${r.transmitter}`;
        byPair.set(k, (byPair.get(k) ?? new Set()).add(Math.round((l - (base[i] as number)) * 1e6) / 1e6));
      });
      for (const s of byPair.values()) expect(s.size).toBe(1);
      return [...byPair.values()].map((s) => [...s][0] as number);
    };
    expect(sd(shifts(own))).toBeGreaterThan(4);
    expect(sd(shifts(own))).toBeLessThan(8);
    expect(sd(shifts(twice)) / sd(shifts(own))).toBeCloseTo(2, 1);
  });
});
