/**
 * The proximity estimator: one pair's readings (what a receiving phone heard from one
 * transmitter, calibrated to attenuation) → minutes within the close distance per UTC day,
 * with an interval. The point estimate is a quantile of the posterior (`decisionQuantile`,
 * 0.6 by default): "closeMinutes ≥ X" then means "close for X minutes or more with probability
 * ≥ 40 %", the decision that serves F1 best (see the parameter).
 *
 * Everything here is what the receiving phone has: its own readings, its own scan times
 * (`ReceiverActivity`) and, optionally, its own offset estimated from all of its encounters
 * (`estimateReceiverOffset`).
 */
import { convolve, discretiseMixture, type MixtureComponent, quantile } from './close-time-distribution';
import {
  type AttenuationReading,
  buildEncounters,
  type Encounter,
  type ReceiverActivity,
} from './proximity-encounters';
import { type EncounterResult, logSumExp, runEncounter } from './proximity-hmm';
import { DEFAULT_PROXIMITY_PARAMETERS, type ProximityParameters } from './proximity-parameters';

export interface CloseTimeEstimate {
  /** UTC midnight of the day, ms. */
  dayStartMs: number;
  /** Posterior `decisionQuantile` of minutes within `closeDistanceM`. */
  closeMinutes: number;
  /** Posterior mean of the same. */
  meanCloseMinutes: number;
  /** 10th and 90th percentiles: the estimate's uncertainty. */
  lowCloseMinutes: number;
  highCloseMinutes: number;
  /** Minutes the pair was within the model's view (its encounters, padded to the scans around them). */
  heardMinutes: number;
  encounters: number;
}

export interface CloseTimeOptions {
  parameters?: ProximityParameters;
  /** The receiver's scan times; without them silence between readings is not evidence. */
  activity?: ReceiverActivity;
  /** dB added to every band's attenuation for this receiver (`estimateReceiverOffset`). */
  receiverOffsetDb?: number;
}

function dayParts(
  results: readonly EncounterResult[],
  binMinutes: number,
): Map<number, { pmf: Float64Array; mean: number; bins: number; encounters: number }> {
  const byDay = new Map<number, { pmf: Float64Array; mean: number; bins: number; encounters: number }>();
  for (const r of results) {
    const top = Math.max(...r.levels.map((l) => l.logWeight));
    const weights = r.levels.map((l) => Math.exp(l.logWeight - top));
    const total = weights.reduce((a, b) => a + b, 0);
    r.days.forEach((day, d) => {
      const bins = r.binsPerDay[d] as number;
      const components: MixtureComponent[] = r.levels.map((l, i) => {
        const m = l.mean[d] as number;
        return { weight: (weights[i] as number) / total, mean: m, variance: (l.second[d] as number) - m * m };
      });
      const pmf = discretiseMixture(components, bins);
      const mean = components.reduce((s, c) => s + c.weight * c.mean, 0) * binMinutes;
      const prev = byDay.get(day);
      if (prev) {
        prev.pmf = convolve(prev.pmf, pmf);
        prev.mean += mean;
        prev.bins += bins;
        prev.encounters++;
      } else byDay.set(day, { pmf, mean, bins, encounters: 1 });
    });
  }
  return byDay;
}

/** Close time per UTC day from already built encounters (see `buildEncounters`). */
export function estimateCloseTimeOfEncounters(
  encounters: readonly Encounter[],
  p: ProximityParameters,
  receiverOffsetDb = 0,
): CloseTimeEstimate[] {
  const binMinutes = p.binSeconds / 60;
  const results = encounters.map((e) => runEncounter(e, p, receiverOffsetDb));
  const out: CloseTimeEstimate[] = [];
  for (const [dayStartMs, part] of [...dayParts(results, binMinutes)].sort((a, b) => a[0] - b[0])) {
    out.push({
      dayStartMs,
      closeMinutes: quantile(part.pmf, p.decisionQuantile) * binMinutes,
      meanCloseMinutes: part.mean,
      lowCloseMinutes: quantile(part.pmf, 0.1) * binMinutes,
      highCloseMinutes: quantile(part.pmf, 0.9) * binMinutes,
      heardMinutes: part.bins * binMinutes,
      encounters: part.encounters,
    });
  }
  return out;
}

/** One pair's readings → close time per UTC day, sorted by day; days without readings are absent. */
export function estimateCloseTime(
  readings: readonly AttenuationReading[],
  options: CloseTimeOptions = {},
): CloseTimeEstimate[] {
  const p = options.parameters ?? DEFAULT_PROXIMITY_PARAMETERS;
  return estimateCloseTimeOfEncounters(
    buildEncounters(readings, p, options.activity),
    p,
    options.receiverOffsetDb ?? 0,
  );
}

/**
 * The receiver's own offset, empirical Bayes: the posterior mean over a grid (±3 SD, 1 dB
 * steps at most) of prior N(0, receiverOffsetSdDb²) × the likelihood of all of the receiver's
 * encounters. 0 when the parameters switch it off or there is nothing to learn from.
 */
export function estimateReceiverOffset(encounters: readonly Encounter[], p: ProximityParameters): number {
  const sd = p.receiverOffsetSdDb;
  if (sd === 0 || encounters.length === 0) return 0;
  const steps = Math.max(3, Math.min(25, 2 * Math.ceil(3 * sd) + 1));
  const grid: number[] = [];
  const logPost: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = -3 * sd + (6 * sd * i) / (steps - 1);
    let lp = -0.5 * (r / sd) ** 2;
    for (const e of encounters) lp += runEncounter(e, p, r).logLikelihood;
    grid.push(r);
    logPost.push(lp);
  }
  const z = logSumExp(logPost);
  let mean = 0;
  for (let i = 0; i < steps; i++) mean += (grid[i] as number) * Math.exp((logPost[i] as number) - z);
  return mean;
}
