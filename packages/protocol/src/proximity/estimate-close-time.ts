/**
 * The proximity estimator: one receiver's readings of its transmitters (what a phone heard,
 * calibrated to attenuation) → minutes within the close distance per transmitter and UTC day,
 * with an interval. The point estimate is a quantile of the posterior (`decisionQuantile`,
 * 0.70 by default): "closeMinutes ≥ X" then means "close for X minutes or more with probability
 * ≥ 0.3", the decision that serves F1 best (see the parameter).
 *
 * Everything here is what the receiving phone has: its own readings and its own scan times
 * (`ReceiverActivity`). Its own offset (carry, calibration) is shared by all of its encounters
 * and integrated out given all of them (offset-grid.ts); each encounter's movement regime is
 * integrated out too.
 */
import { convolve, discretiseMixture, type MixtureComponent, quantile } from './close-time-distribution';
import { offsetGrid } from './offset-grid';
import {
  type AttenuationReading,
  buildEncounters,
  type Encounter,
  type ReceiverActivity,
} from './proximity-encounters';
import { type EncounterLevels, logSumExp, runEncounter } from './proximity-hmm';
import { DEFAULT_PROXIMITY_PARAMETERS, type ProximityParameters } from './proximity-parameters';
import { receiverSessions, sessionPosteriors } from './receiver-sessions';

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
  /** Posterior probability of at least `notifyCloseMinutes` close minutes that day (with this transmitter). */
  notifyProbability: number;
  /** Minutes the pair was within the model's view (its encounters, padded to the scans around them). */
  heardMinutes: number;
  encounters: number;
}

export interface CloseTimeOptions {
  parameters?: ProximityParameters;
  /** The receiver's scan times; without them silence between readings is not evidence. */
  activity?: ReceiverActivity;
  /** The receiver's scan cadence when its scan times are not given (see `buildEncounters`). */
  scanPeriodSeconds?: number;
  /**
   * Encounters of the other identifiers the receiver heard, which inform its offset
   * (`estimateReceiverCloseTime`'s `evidence`, their TX power in doubt by the parameters'
   * `allHeardTxPowerSdDb`).
   */
  evidence?: readonly (readonly Encounter[])[];
}

export interface ReceiverCloseTime {
  /**
   * Posterior mean of the receiver's own offset, dB (0 when it cannot be learnt); when its carry
   * changes between sessions, the average over its encounters of their session's.
   */
  receiverOffsetDb: number;
  /** Per group of encounters (per transmitter), its close time per UTC day, sorted by day. */
  estimates: CloseTimeEstimate[][];
}

interface DayPart {
  pmf: Float64Array;
  mean: number;
  bins: number;
  encounters: number;
}

/** Mixture weights of an encounter's (regime, shift) runs, given the posterior of the receiver offset. */
function componentWeights(
  runs: readonly EncounterLevels[],
  logRegime: readonly number[],
  grid: ReturnType<typeof offsetGrid>,
  receiverPosterior: Float64Array,
  encounterLogLik: Float64Array,
): Float64Array[] {
  const J = grid.shifts.length;
  const weights = runs.map(() => new Float64Array(J));
  for (let i = 0; i < grid.receiver.length; i++) {
    const pi = receiverPosterior[i] as number;
    if (pi < 1e-12) continue;
    const z = encounterLogLik[i] as number;
    runs.forEach((run, g) => {
      const w = weights[g] as Float64Array;
      for (let j = 0; j < J; j++) {
        const c = grid.logConditional[i * J + j] as number;
        if (c === Number.NEGATIVE_INFINITY) continue;
        w[j] = (w[j] as number) + pi * Math.exp((logRegime[g] as number) + c + (run.logLikelihood[j] as number) - z);
      }
    });
  }
  return weights;
}

/** log p(encounter | r_i) for every receiver offset of the grid. */
function encounterLikelihood(
  runs: readonly EncounterLevels[],
  logRegime: readonly number[],
  grid: ReturnType<typeof offsetGrid>,
): Float64Array {
  const J = grid.shifts.length;
  const out = new Float64Array(grid.receiver.length);
  const terms = new Float64Array(runs.length * J);
  for (let i = 0; i < grid.receiver.length; i++) {
    runs.forEach((run, g) => {
      for (let j = 0; j < J; j++)
        terms[g * J + j] =
          (logRegime[g] as number) + (grid.logConditional[i * J + j] as number) + (run.logLikelihood[j] as number);
    });
    out[i] = logSumExp(terms);
  }
  return out;
}

/**
 * The posterior of the receiver's offset over the grid for each encounter (per group): one shared
 * by all encounters, or, when its carry can change (`receiverCarrySdDb`), one per session; and
 * its posterior mean (with sessions, the encounters' average of their session's).
 */
function receiverPosteriors(
  groups: readonly (readonly Encounter[])[],
  likelihoods: readonly (readonly Float64Array[])[],
  grid: ReturnType<typeof offsetGrid>,
  p: ProximityParameters,
): { posteriors: Float64Array[][]; offsetDb: number } {
  const meanOf = (post: Float64Array) => post.reduce((a, w, i) => a + w * (grid.receiver[i] as number), 0);
  const carry = p.receiverCarrySdDb ?? 0;
  if (carry > 0 && carry < p.receiverOffsetSdDb && grid.receiver.length > 1) {
    const session = receiverSessions(groups.flat(), Math.ceil((p.maxGapMinutes * 60) / p.binSeconds));
    if (session.some((s) => s > 0)) {
      const bySession = sessionPosteriors(grid, likelihoods.flat(), session, p.receiverOffsetSdDb, carry);
      const means = bySession.map(meanOf);
      let k = 0;
      return {
        posteriors: groups.map((g) => g.map(() => bySession[session[k++] as number] as Float64Array)),
        offsetDb: session.reduce((a, s) => a + (means[s] as number), 0) / session.length,
      };
    }
  }
  const logPost = Float64Array.from(grid.logPriorReceiver);
  for (const g of likelihoods)
    for (const l of g) for (let i = 0; i < logPost.length; i++) logPost[i] = (logPost[i] as number) + (l[i] as number);
  const z = logSumExp(logPost);
  const posterior = logPost.map((v) => Math.exp(v - z));
  return { posteriors: groups.map((g) => g.map(() => posterior)), offsetDb: meanOf(posterior) };
}

/**
 * The product of `likelihoods` over the receiver-offset grid, seen through an unknown shift b ~
 * N(0, sd²) common to all of them: log Σ_j L(r_j) φ(r_j − r_i), normalised over j for each i.
 */
function smoothedLogLikelihood(likelihoods: readonly Float64Array[], offsets: Float64Array, sd: number): Float64Array {
  const n = offsets.length;
  const product = new Float64Array(n);
  for (const l of likelihoods) for (let i = 0; i < n; i++) product[i] = (product[i] as number) + (l[i] as number);
  const out = new Float64Array(n);
  const terms = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = ((offsets[j] as number) - (offsets[i] as number)) / sd;
      weights[j] = -0.5 * d * d;
    }
    const norm = logSumExp(weights);
    for (let j = 0; j < n; j++) terms[j] = (product[j] as number) + (weights[j] as number) - norm;
    out[i] = logSumExp(terms);
  }
  return out;
}

/**
 * Close time per UTC day for each group of one receiver's encounters (one group per transmitter).
 * The receiver's offset is learnt from all encounters together; a single encounter only widens the prior.
 * `evidence`: more groups of the receiver's encounters that inform its offset but get no estimate
 * (what a phone heard of identifiers whose keys it does not have). Their attenuations rest on a TX
 * power the receiver could not read, one typical value for all; `evidenceBiasSdDb` is how far that
 * value may be off, the same for all of them, which the evidence's verdict on the offset is then
 * widened by (its likelihood smoothed over the offset grid). Not with a carry per session
 * (`receiverCarrySdDb`): a RangeError, rather than evidence counted surer than asked.
 */
export function estimateReceiverCloseTime(
  groups: readonly (readonly Encounter[])[],
  p: ProximityParameters = DEFAULT_PROXIMITY_PARAMETERS,
  evidence: readonly (readonly Encounter[])[] = [],
  evidenceBiasSdDb = 0,
): ReceiverCloseTime {
  if (evidenceBiasSdDb > 0 && (p.receiverCarrySdDb ?? 0) > 0)
    throw new RangeError('evidenceBiasSdDb cannot be combined with a carry per session (receiverCarrySdDb)');
  const binMinutes = p.binSeconds / 60;
  const all = evidence.length === 0 ? groups : [...groups, ...evidence];
  // The receiver's offset is shared by all of its encounters, also several with one transmitter.
  const grid = offsetGrid(
    p,
    all.reduce((n, g) => n + g.length, 0),
  );
  const logRegime = p.movement.map((m) => Math.log(m.weight));
  const runs = all.map((g) => g.map((e) => p.movement.map((m) => runEncounter(e, p, grid.shifts, m.dwellMinutes))));
  const likelihoods = runs.map((g) => g.map((r) => encounterLikelihood(r, logRegime, grid)));
  const biased = evidenceBiasSdDb > 0 && evidence.length > 0;
  const { posteriors, offsetDb: receiverOffsetDb } = biased
    ? receiverPosteriors(
        groups,
        [
          ...likelihoods.slice(0, groups.length),
          [smoothedLogLikelihood(likelihoods.slice(groups.length).flat(), grid.receiver, evidenceBiasSdDb)],
        ],
        grid,
        p,
      )
    : receiverPosteriors(all, likelihoods, grid, p);

  const threshold = Math.ceil(p.notifyCloseMinutes / binMinutes - 1e-9);
  const estimates = runs.slice(0, groups.length).map((groupRuns, gi) => {
    const byDay = new Map<number, DayPart>();
    groupRuns.forEach((encounterRuns, ei) => {
      const weights = componentWeights(
        encounterRuns,
        logRegime,
        grid,
        (posteriors[gi] as Float64Array[])[ei] as Float64Array,
        (likelihoods[gi] as Float64Array[])[ei] as Float64Array,
      );
      const first = encounterRuns[0] as EncounterLevels;
      const D = first.days.length;
      first.days.forEach((day, d) => {
        const bins = first.binsPerDay[d] as number;
        const components: MixtureComponent[] = [];
        encounterRuns.forEach((run, g) => {
          const w = weights[g] as Float64Array;
          for (let j = 0; j < w.length; j++) {
            const weight = w[j] as number;
            if (weight < 1e-12) continue;
            const m = run.mean[j * D + d] as number;
            components.push({ weight, mean: m, variance: (run.second[j * D + d] as number) - m * m });
          }
        });
        const total = components.reduce((a, c) => a + c.weight, 0);
        for (const c of components) c.weight /= total;
        const pmf = discretiseMixture(components, bins, p.closeTimeLaw);
        const mean = components.reduce((a, c) => a + c.weight * c.mean, 0) * binMinutes;
        const prev = byDay.get(day);
        if (prev) {
          prev.pmf = convolve(prev.pmf, pmf);
          prev.mean += mean;
          prev.bins += bins;
          prev.encounters++;
        } else byDay.set(day, { pmf, mean, bins, encounters: 1 });
      });
    });
    return [...byDay]
      .sort((a, b) => a[0] - b[0])
      .map(([dayStartMs, part]): CloseTimeEstimate => {
        let atLeast = 0;
        for (let k = threshold; k < part.pmf.length; k++) atLeast += part.pmf[k] as number;
        return {
          dayStartMs,
          closeMinutes: quantile(part.pmf, p.decisionQuantile) * binMinutes,
          meanCloseMinutes: part.mean,
          lowCloseMinutes: quantile(part.pmf, 0.1) * binMinutes,
          highCloseMinutes: quantile(part.pmf, 0.9) * binMinutes,
          notifyProbability: Math.min(1, atLeast),
          heardMinutes: part.bins * binMinutes,
          encounters: part.encounters,
        };
      });
  });
  return { receiverOffsetDb, estimates };
}

/**
 * One pair's readings → close time per UTC day, sorted by day; days without readings are absent.
 * Alone, a pair's readings cannot separate the receiver's offset from the encounter's: both are
 * integrated out together.
 */
export function estimateCloseTime(
  readings: readonly AttenuationReading[],
  options: CloseTimeOptions = {},
): CloseTimeEstimate[] {
  const p = options.parameters ?? DEFAULT_PROXIMITY_PARAMETERS;
  const encounters = buildEncounters(readings, p, options.activity, options.scanPeriodSeconds);
  return estimateReceiverCloseTime([encounters], p, options.evidence, p.allHeardTxPowerSdDb ?? 0).estimates[0] ?? [];
}
