/**
 * The proximity estimator's parameters: one plain, JSON-serialisable object, validated once
 * where it enters (file, server document), so a health authority can edit it without an app
 * update. The defaults are the fit `bluezone sim proximity-fit` prints (docs/accuracy.md): the
 * attenuation of each distance band and the variance components from the MIT Matrix and
 * rss-smartphone recordings, placed on the GAEN attenuation scale with the Dublin tram
 * measurements (Leith & Farrell 2020).
 */
import { ProtocolError } from '../errors';

/** One distance band the pair can be in while in radio range. */
export interface ProximityState {
  name: string;
  /** Upper bound of the band in metres; bands are ordered by distance. */
  maxDistanceM: number;
  /** Median calibrated attenuation (GAEN dB: TX power − (RSSI + RSSI correction)) in this band. */
  meanAttenuationDb: number;
  /** Share of in-range-or-absent time spent in this band before seeing any reading. */
  prior: number;
  /** Probability that a receiver which scanned during a bin hears the transmitter at least once. */
  detectProbability: number;
}

export interface ProximityParameters {
  version: 1;
  name: string;
  /** Bands whose `maxDistanceM` is at most this are "close" (2 m: the contact definition). */
  closeDistanceM: number;
  /** Time bin of the model in seconds; divides a day. */
  binSeconds: number;
  /** In-range distance bands, nearest first. */
  states: ProximityState[];
  /** Prior share of "absent" (out of range: another room, > 10–20 m); the states' priors and this sum to 1. */
  absentPrior: number;
  /** Mean time the pair stays in a band before it moves (redrawn from the priors). */
  meanDwellMinutes: number;
  /**
   * SD of the attenuation offset that persists through one encounter (carry position, bodies,
   * orientation, phone calibration error), integrated out over `offsetLevels` points.
   */
  encounterOffsetSdDb: number;
  offsetLevels: number;
  /** SD of one bin's median around the encounter's level that more readings do not remove (posture, small moves). */
  binSdDb: number;
  /** SD of one reading around its bin's level (multipath fading). */
  readingSdDb: number;
  /** Readings closer together than this are counted as one independent reading (fading is correlated). */
  readingCorrelationSeconds: number;
  /** Share of bin medians that follow no band (uniform over 60 dB): robustness to odd readings. */
  outlierProbability: number;
  /** A pair not heard for longer than this starts a new encounter (new geometry, new offset). */
  maxGapMinutes: number;
  /**
   * SD of the receiving phone's own offset (how it is carried, its calibration). > 0: a receiver
   * with several encounters estimates it from all of its own readings (empirical Bayes); 0: off.
   */
  receiverOffsetSdDb: number;
  /** A day with at least this many estimated close minutes notifies (the contact definition's duration). */
  notifyCloseMinutes: number;
  /**
   * Which quantile of the posterior of close minutes is reported as `closeMinutes`. 0.5 (the
   * median) minimises the absolute error; q makes "closeMinutes ≥ X" mean "P(close time ≥ X) ≥
   * 1 − q". The F1-optimal probability threshold of a calibrated classifier is half the F1 it
   * attains (Lipton, Elkan & Narayanaswamy, "Thresholding Classifiers to Maximize F1 Score",
   * ECML PKDD 2014); at the ~0.8 attainable here that is P ≥ 0.4, hence 0.6.
   */
  decisionQuantile: number;
}

/**
 * Fitted defaults, as `bluezone sim proximity-fit` prints them (docs/accuracy.md: the fit and
 * its leave-one-experiment-out validation). Attenuation per band: α + 10·n·log10(d) at the
 * band's representative distance (0.6, 1.4, 2.8, 6 m) with n = 1.10 from 258 recordings and
 * α = 61.4 dB from the Dublin tram; offset, bin and reading spreads from the same recordings.
 * Priors, dwell time and detection probabilities are not fitted (no data with movement and
 * ground truth was available to us): a neutral prior over the bands, and GAEN's own cadence.
 */
export const DEFAULT_PROXIMITY_PARAMETERS: ProximityParameters = {
  version: 1,
  name: 'bluezone-hmm-v1',
  closeDistanceM: 2,
  binSeconds: 60,
  states: [
    { name: 'near', maxDistanceM: 1, meanAttenuationDb: 59, prior: 0.15, detectProbability: 0.9 },
    { name: 'close', maxDistanceM: 2, meanAttenuationDb: 63, prior: 0.2, detectProbability: 0.9 },
    { name: 'mid', maxDistanceM: 4, meanAttenuationDb: 66.3, prior: 0.25, detectProbability: 0.9 },
    { name: 'far', maxDistanceM: 30, meanAttenuationDb: 70, prior: 0.3, detectProbability: 0.9 },
  ],
  absentPrior: 0.1,
  meanDwellMinutes: 20,
  encounterOffsetSdDb: 6.8,
  offsetLevels: 25,
  binSdDb: 2.5,
  readingSdDb: 5.9,
  readingCorrelationSeconds: 2,
  outlierProbability: 0.02,
  maxGapMinutes: 20,
  receiverOffsetSdDb: 4,
  notifyCloseMinutes: 15,
  decisionQuantile: 0.6,
};

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function check(ok: boolean, message: string): void {
  if (!ok) throw new ProtocolError('invalid_config', `proximity parameters: ${message}`);
}

/** Throws `invalid_config` naming the first bad field; accepts exactly the shape above. */
export function validateProximityParameters(p: ProximityParameters): void {
  check(typeof p === 'object' && p !== null && !Array.isArray(p), 'must be a JSON object');
  check(p.version === 1, 'version must be 1');
  check(typeof p.name === 'string' && p.name.length > 0 && p.name.length <= 100, 'name must be 1..100 characters');
  check(finite(p.closeDistanceM) && p.closeDistanceM > 0, 'closeDistanceM must be > 0');
  check(
    Number.isInteger(p.binSeconds) && p.binSeconds >= 10 && p.binSeconds <= 900 && 86_400 % p.binSeconds === 0,
    'binSeconds must be an integer 10..900 that divides a day',
  );
  check(Array.isArray(p.states) && p.states.length >= 2 && p.states.length <= 8, 'states must list 2..8 bands');
  let lastDistance = 0;
  let priors = 0;
  let close = 0;
  p.states.forEach((s, i) => {
    const at = `states.${i}`;
    check(typeof s === 'object' && s !== null, `${at} must be an object`);
    check(typeof s.name === 'string' && s.name.length > 0, `${at}.name must be a non-empty string`);
    check(
      finite(s.maxDistanceM) && s.maxDistanceM > lastDistance,
      `${at}.maxDistanceM must increase from band to band`,
    );
    lastDistance = s.maxDistanceM;
    check(
      finite(s.meanAttenuationDb) && s.meanAttenuationDb >= 0 && s.meanAttenuationDb <= 150,
      `${at}.meanAttenuationDb must be 0..150`,
    );
    check(finite(s.prior) && s.prior > 0 && s.prior < 1, `${at}.prior must be in (0, 1)`);
    check(
      finite(s.detectProbability) && s.detectProbability > 0 && s.detectProbability <= 1,
      `${at}.detectProbability must be in (0, 1]`,
    );
    priors += s.prior;
    if (s.maxDistanceM <= p.closeDistanceM) close++;
  });
  check(close >= 1 && close < p.states.length, 'at least one band, and not all, must lie within closeDistanceM');
  check(finite(p.absentPrior) && p.absentPrior > 0 && p.absentPrior < 1, 'absentPrior must be in (0, 1)');
  check(Math.abs(priors + p.absentPrior - 1) < 1e-6, 'the states\u2019 priors and absentPrior must sum to 1');
  check(finite(p.meanDwellMinutes) && p.meanDwellMinutes > 0, 'meanDwellMinutes must be > 0');
  check(
    finite(p.encounterOffsetSdDb) && p.encounterOffsetSdDb >= 0 && p.encounterOffsetSdDb <= 30,
    'encounterOffsetSdDb must be 0..30',
  );
  check(
    Number.isInteger(p.offsetLevels) && p.offsetLevels >= 1 && p.offsetLevels <= 25 && p.offsetLevels % 2 === 1,
    'offsetLevels must be an odd integer 1..25',
  );
  check(finite(p.binSdDb) && p.binSdDb > 0 && p.binSdDb <= 30, 'binSdDb must be in (0, 30]');
  check(finite(p.readingSdDb) && p.readingSdDb >= 0 && p.readingSdDb <= 30, 'readingSdDb must be 0..30');
  check(
    finite(p.readingCorrelationSeconds) &&
      p.readingCorrelationSeconds > 0 &&
      p.readingCorrelationSeconds <= p.binSeconds,
    'readingCorrelationSeconds must be in (0, binSeconds]',
  );
  check(
    finite(p.outlierProbability) && p.outlierProbability >= 0 && p.outlierProbability < 0.5,
    'outlierProbability must be 0..0.5',
  );
  check(
    finite(p.maxGapMinutes) && p.maxGapMinutes * 60 >= p.binSeconds && p.maxGapMinutes <= 24 * 60,
    'maxGapMinutes must be one bin .. one day',
  );
  check(
    finite(p.notifyCloseMinutes) && p.notifyCloseMinutes > 0 && p.notifyCloseMinutes <= 1440,
    'notifyCloseMinutes must be in (0, 1440]',
  );
  check(
    finite(p.receiverOffsetSdDb) && p.receiverOffsetSdDb >= 0 && p.receiverOffsetSdDb <= 30,
    'receiverOffsetSdDb must be 0..30',
  );
}

/** Parses and validates a JSON document of parameters (e.g. a file or a served configuration). */
export function parseProximityParameters(json: string): ProximityParameters {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new ProtocolError('invalid_config', `proximity parameters: not JSON: ${(err as Error).message}`);
  }
  validateProximityParameters(value as ProximityParameters);
  return value as ProximityParameters;
}
