/**
 * What a rule fitted to a summary of what a district phone heard gives, beside the estimate, for
 * docs/accuracy.md ("Five more epidemics"): on a simulation's preview sample (`bluezone simulate
 * --preview-sample`), the most precise cut at 80/85/90 % recall of
 *   - the defaults' estimate (each phone's best day's probability, as `sim preview --curve`);
 *   - a logistic regression on a summary of the phone's best day (the estimate's probability and
 *     close minutes, minutes heard, readings, attenuation quantiles and shares below 60/65/70 dB,
 *     keys, the scans' crowd and the scans that missed the key) with their squares, fitted in
 *     hindsight on the very phones it ranks;
 *   - the same fitted on four fifths of the phones (standardised on those alone) and ranking the
 *     fifth left out (five folds), with squares or with every product of two.
 * The fit maximises likelihood, not precision at a recall, so the hindsight figure is no upper
 * bound on every rule: it says what one flexible family of rules, with the truth in hand, finds
 * in these summaries.
 *
 *   npx tsx packages/sim/measure/preview-ceiling.ts SAMPLE.json [SAMPLE.json …]
 */
import { readFileSync } from 'node:fs';
import {
  DEFAULT_PROXIMITY_PARAMETERS,
  decodePreviewKey,
  decodePreviewScans,
  type PreviewPhone,
  type PreviewSample,
  parsePreviewSample,
  previewPhoneDays,
} from '@bluezone/protocol';
import { ridgeLeastSquares } from '../src/radio/least-squares';

const DAY_MS = 86_400_000;
const RECALLS = [0.8, 0.85, 0.9];

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i] as number;
}

/** The phone's best day under the defaults and a summary of what it heard that day. */
function features(phone: PreviewPhone, scanPeriodSeconds: number): { probability: number; x: number[] } {
  const days = previewPhoneDays(phone, DEFAULT_PROXIMITY_PARAMETERS, scanPeriodSeconds);
  const first = days[0];
  if (first === undefined) return { probability: 0, x: new Array<number>(15).fill(0) };
  const best = days.reduce((a, b) => (b.probability > a.probability ? b : a), first);
  const levels: number[] = [];
  const crowd: number[] = [];
  let keys = 0;
  let missed = 0;
  for (const key of phone.keys) {
    const readings = decodePreviewKey(key).filter((r) => Math.floor(r.timeMs / DAY_MS) * DAY_MS === best.dayStartMs);
    if (readings.length === 0) continue;
    keys++;
    for (const r of readings) levels.push(r.attenuationDb);
    const first = readings[0]?.timeMs as number;
    const last = readings[readings.length - 1]?.timeMs as number;
    const heardAt = new Set(readings.map((r) => Math.floor(r.timeMs / (scanPeriodSeconds * 1000))));
    for (const s of decodePreviewScans(key) ?? []) {
      if (s.timeMs < first || s.timeMs > last) continue;
      if (s.heard > 0) crowd.push(s.heard);
      if (!heardAt.has(Math.floor(s.timeMs / (scanPeriodSeconds * 1000)))) missed++;
    }
  }
  levels.sort((a, b) => a - b);
  const share = (db: number) => levels.filter((l) => l <= db).length / Math.max(1, levels.length);
  const p = Math.min(1 - 1e-4, Math.max(1e-4, best.probability));
  const x = [
    Math.log(p / (1 - p)),
    Math.log1p(best.closeMinutes),
    Math.log1p(best.heardMinutes),
    Math.log1p(levels.length),
    quantile(levels, 0),
    quantile(levels, 0.1),
    quantile(levels, 0.25),
    quantile(levels, 0.5),
    quantile(levels, 0.75),
    share(60),
    share(65),
    share(70),
    keys,
    crowd.length === 0 ? 0 : crowd.reduce((a, b) => a + b, 0) / crowd.length,
    Math.log1p(missed),
  ].map((v) => (Number.isFinite(v) ? v : 0));
  return { probability: best.probability, x };
}

/** Standardised on `fitted` (features and their squares, or with `pairs` every product of two, and an intercept). */
function designer(fitted: readonly number[][], pairs: boolean): (row: readonly number[]) => number[] {
  const d = fitted[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => fitted.reduce((s, r) => s + (r[j] as number), 0) / fitted.length);
  const sd = Array.from({ length: d }, (_, j) =>
    Math.sqrt(fitted.reduce((s, r) => s + ((r[j] as number) - (mean[j] as number)) ** 2, 0) / fitted.length || 1),
  );
  return (r) => {
    const z = r.map((v, j) => (v - (mean[j] as number)) / (sd[j] as number));
    const products = pairs ? z.flatMap((v, i) => z.slice(i).map((w) => v * w)) : z.map((v) => v * v);
    return [1, ...z, ...products];
  };
}

/**
 * L2-penalised logistic regression by Newton's method, each step the weighted ridge solve of
 * iteratively reweighted least squares: w ← (XᵀVX + λ)⁻¹ XᵀV z, z = Xw − (μ − y)/v.
 */
function fitLogistic(x: readonly number[][], y: readonly number[], penalty = 1e-2): number[] {
  const p = x[0]?.length ?? 0;
  const ridge = Array.from({ length: p }, (_, j) => (j === 0 ? 0 : penalty));
  let w = new Array<number>(p).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const rows: number[][] = [];
    const z: number[] = [];
    x.forEach((row, n) => {
      const eta = score(w, row);
      const mu = 1 / (1 + Math.exp(-eta));
      const v = Math.max(mu * (1 - mu), 1e-9);
      const root = Math.sqrt(v);
      rows.push(row.map((value) => value * root));
      z.push(root * (eta - (mu - (y[n] as number)) / v));
    });
    const next = ridgeLeastSquares(rows, z, ridge);
    const moved = Math.max(...next.map((wj, j) => Math.abs(wj - (w[j] as number))));
    w = next;
    if (moved < 1e-8) break;
  }
  return w;
}

const score = (w: readonly number[], row: readonly number[]) => row.reduce((s, v, j) => s + v * (w[j] as number), 0);

/** The most precise cut reaching each recall, ties flagged together (as `sim preview --curve`). */
function cuts(scores: readonly number[], truth: readonly number[], trueContacts: number): string[] {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const points: { precision: number; recall: number }[] = [];
  let tp = 0;
  let flagged = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    flagged++;
    tp += truth[i] as number;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    points.push({ precision: tp / flagged, recall: tp / trueContacts });
  }
  return RECALLS.map((r) => {
    const best = points.filter((p) => p.recall >= r).reduce((a, p) => Math.max(a, p.precision), 0);
    return `${(best * 100).toFixed(1)} %`;
  });
}

for (const file of process.argv.slice(2)) {
  const sample: PreviewSample = parsePreviewSample(readFileSync(file, 'utf8'));
  const rows = sample.phones.map((p) => features(p, sample.scanPeriodSeconds));
  const truth: number[] = sample.phones.map((p) => (p.trueContact ? 1 : 0));
  const summaries = rows.map((r) => r.x);
  const design = designer(summaries, false);
  const x = summaries.map(design);
  const hindsight = fitLogistic(x, truth);
  const inSample = x.map((row) => score(hindsight, row));
  // Five folds by position (the sample's order is the simulator's, not the truth's), each
  // standardised on its own training phones.
  const heldOut = (pairs: boolean): number[] => {
    const out = new Array<number>(summaries.length).fill(0);
    for (let f = 0; f < 5; f++) {
      const train = summaries.flatMap((_, i) => (i % 5 === f ? [] : [i]));
      const foldDesign = designer(
        train.map((i) => summaries[i] as number[]),
        pairs,
      );
      const w = fitLogistic(
        train.map((i) => foldDesign(summaries[i] as number[])),
        train.map((i) => truth[i] as number),
      );
      summaries.forEach((row, i) => {
        if (i % 5 === f) out[i] = score(w, foldDesign(row));
      });
    }
    return out;
  };
  const positives = truth.reduce((a, b) => a + b, 0);
  console.log(
    `${sample.source}: ${sample.phones.length} phones matched a key, ${positives} of ${sample.trueContacts} true contacts among them`,
  );
  console.log(`  most precise cut at recall ≥ ${RECALLS.map((r) => `${r * 100} %`).join(' / ')}:`);
  console.log(
    `  the defaults' estimate:              ${cuts(
      rows.map((r) => r.probability),
      truth,
      sample.trueContacts,
    ).join(' / ')}`,
  );
  console.log(
    `  a rule on the day's summary, fitted in hindsight: ${cuts(inSample, truth, sample.trueContacts).join(' / ')}`,
  );
  console.log(`  the same, fitted on the other folds: ${cuts(heldOut(false), truth, sample.trueContacts).join(' / ')}`);
  console.log(
    `  with every product of two, on the other folds: ${cuts(heldOut(true), truth, sample.trueContacts).join(' / ')}`,
  );
}
