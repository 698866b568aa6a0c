// What any threshold could give on a preview sample: phones ranked by their best day's
// probability, one point per distinct probability (ties notified together), the parameters' own
// decision as the preview counts it, and the most precise cut at a recall level.
import { describe, expect, it } from 'vitest';
import {
  type AttenuationReading,
  bestPrecisionAtRecall,
  cutsAtRecall,
  decisionQuantileFor,
  encodePreviewKey,
  estimateCloseTime,
  DEFAULT_PROXIMITY_PARAMETERS as P,
  PREVIEW_SAMPLE_FORMAT,
  type PreviewSample,
  previewCurve,
  previewNotifications,
  RELIABILITY_EDGES,
} from '../src/index';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
/** A key heard in GAEN's scans every 5 minutes for `minutes` at `level` dB. */
const key = (level: number, minutes = 60): AttenuationReading[] =>
  Array.from({ length: minutes / 5 }, (_, k) => ({ timeMs: T0 + k * 300_000, attenuationDb: level }));
const phone = (trueContact: boolean, level: number) => ({ trueContact, keys: [encodePreviewKey(key(level))] });
const sample = (phones: PreviewSample['phones'], trueContacts: number): PreviewSample => ({
  format: PREVIEW_SAMPLE_FORMAT,
  version: 1,
  source: 'test',
  scanPeriodSeconds: 300,
  trueContacts,
  phones,
});
const probability = (level: number) =>
  estimateCloseTime(key(level), { parameters: P, scanPeriodSeconds: 300 })[0]?.notifyProbability as number;

describe('the preview curve', () => {
  // Weaker attenuation, lower probability of close time: the ranking is by level here.
  const levels = [55, 60, 64, 68, 72];
  const truth = [true, false, true, false, true];
  // One true contact never matched a key: recall can never reach 100 %.
  const s = sample(
    levels.map((l, i) => phone(truth[i] as boolean, l)),
    4,
  );

  it('ranks the phones by probability and counts each cut', () => {
    const probabilities = levels.map(probability);
    for (let i = 1; i < probabilities.length; i++)
      expect(probabilities[i] as number).toBeLessThan(probabilities[i - 1] as number);
    const curve = previewCurve(s, P);
    expect(curve.points.map((p) => [p.notified, p.truePositives])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 3],
    ]);
    expect(curve.points.map((p) => p.probability)).toEqual(probabilities);
    expect(curve.points[2]).toMatchObject({ precision: 2 / 3, recall: 2 / 4 });
    expect(curve.decision).toEqual(previewNotifications(s, P));
  });

  it('describes the errors of the decision by what the phones heard', () => {
    const curve = previewCurve(s, P);
    const { notified, truePositives } = curve.decision;
    const levelsOf = (days: { medianAttenuationDb: number }[]) => days.map((d) => d.medianAttenuationDb).sort();
    // Notified: the strongest levels down to where close minutes fall below the threshold.
    const notifiedLevels = levels.slice(0, notified);
    expect(notified).toBeGreaterThan(0);
    expect(notified).toBeLessThan(levels.length);
    expect(levelsOf(curve.errors.wronglyNotified)).toEqual(notifiedLevels.filter((_, i) => !truth[i]));
    expect(levelsOf(curve.errors.missed)).toEqual(levels.slice(notified).filter((_, i) => truth[notified + i]));
    expect(curve.errors.wronglyNotified.length).toBe(notified - truePositives);
    for (const d of [...curve.errors.wronglyNotified, ...curve.errors.missed])
      expect(d.heardMinutes).toBeGreaterThanOrEqual(55);
  });

  it('notifies phones of equal probability together', () => {
    const tied = sample([phone(true, 60), phone(false, 60), phone(true, 55)], 2);
    const curve = previewCurve(tied, P);
    expect(curve.points.map((p) => [p.notified, p.truePositives])).toEqual([
      [1, 1],
      [3, 2],
    ]);
  });

  it('finds the most precise cut at a recall, or none beyond what the sample can reach', () => {
    const curve = previewCurve(s, P);
    expect(bestPrecisionAtRecall(curve, 0.25)).toMatchObject({ notified: 1, precision: 1 });
    // Recall 1/2 is reached at 3 phones (2 of 3) and stays there at 4 (2 of 4): the first is more precise.
    expect(bestPrecisionAtRecall(curve, 0.5)).toMatchObject({ notified: 3, precision: 2 / 3 });
    expect(bestPrecisionAtRecall(curve, 0.75)).toMatchObject({ notified: 5, precision: 3 / 5 });
    expect(bestPrecisionAtRecall(curve, 1)).toBeUndefined();
  });

  it('gives the decision quantile that notifies down to each cut', () => {
    const curve = previewCurve(s, P);
    for (const point of curve.points.slice(0, -1)) {
      const q = decisionQuantileFor(point.probability) as number;
      expect(q).toBeGreaterThan(1 - point.probability);
      expect(previewNotifications(s, { ...P, decisionQuantile: q }).notified).toBe(point.notified);
    }
    expect(decisionQuantileFor(0.316)).toBe(0.685);
    expect(decisionQuantileFor(0.0001)).toBeUndefined();
  });

  it('tells how often phones at each probability were true contacts', () => {
    // An hour at 40 dB is close beyond doubt, at 85 dB far beyond doubt; 64 dB is in between. (At
    // 45 dB v6 says 0.81: an offset of −21 dB would put it in the 2–4 m band, all of the hour.)
    const mixed = sample([phone(true, 40), phone(true, 40), phone(false, 85), phone(false, 85), phone(true, 64)], 3);
    const { reliability } = previewCurve(mixed, P);
    expect(reliability.map((b) => [b.from, b.to])).toEqual(
      RELIABILITY_EDGES.slice(1).map((to, i) => [RELIABILITY_EDGES[i], to]),
    );
    expect(reliability.reduce((n, b) => n + b.phones, 0)).toBe(5);
    expect(reliability[0]).toMatchObject({ phones: 2, trueShare: 0 });
    expect(reliability.at(-1)).toMatchObject({ phones: 2, trueShare: 1 });
    expect(reliability.at(-1)?.meanProbability).toBeGreaterThan(0.9);
    const middle = reliability.slice(1, -1).filter((b) => b.phones > 0);
    expect(middle).toHaveLength(1);
    expect(middle[0]).toMatchObject({ phones: 1, trueShare: 1 });
    expect(middle[0]?.meanProbability).toBeGreaterThanOrEqual(middle[0]?.from as number);
    expect(middle[0]?.meanProbability).toBeLessThan(middle[0]?.to as number);
  });

  it('pairs each recall level with its cut and the quantile to serve', () => {
    const curve = previewCurve(s, P);
    expect(cutsAtRecall(curve, [0.5, 1])).toEqual([
      {
        recall: 0.5,
        best: bestPrecisionAtRecall(curve, 0.5),
        decisionQuantile: decisionQuantileFor(bestPrecisionAtRecall(curve, 0.5)?.probability as number),
      },
      { recall: 1, best: undefined, decisionQuantile: undefined },
    ]);
  });
});
