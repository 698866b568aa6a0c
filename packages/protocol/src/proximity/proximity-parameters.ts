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

/**
 * One way pairs move: the pair keeps its band for a mean of `dwellMinutes`, then the band is
 * redrawn from the priors. Encounters differ (a table at lunch holds for the meal, a party group
 * for minutes) and which applies is not known, so the model mixes regimes with prior `weight`s
 * and lets how the readings change over time decide.
 */
export interface MovementRegime {
  dwellMinutes: number;
  weight: number;
}

export interface ProximityParameters {
  version: 2;
  name: string;
  /** Bands whose `maxDistanceM` is at most this are "close" (2 m: the contact definition). */
  closeDistanceM: number;
  /** Time bin of the model in seconds; divides a day. */
  binSeconds: number;
  /** In-range distance bands, nearest first. */
  states: ProximityState[];
  /** Prior share of "absent" (out of range: another room, > 10–20 m); the states' priors and this sum to 1. */
  absentPrior: number;
  /** How pairs move between bands: 1–3 regimes whose weights sum to 1. */
  movement: MovementRegime[];
  /**
   * When a pair moves, its band leaves for another and every band holds for the regime's dwell
   * (band-moves.ts); absent or false, the band is redrawn from the priors and may come up the
   * same, which makes a steady level read farther the longer it holds (the versions before v5).
   */
  moveLeavesBand?: boolean;
  /**
   * SD of the attenuation offset that persists through one encounter (carry position, bodies,
   * orientation, phone calibration error), integrated out on a grid of `offsetLevels` points
   * over ±3 SD (the grid widens by the same step to cover the receiver's offset too).
   */
  encounterOffsetSdDb: number;
  offsetLevels: number;
  /** SD of one bin's median around the encounter's level that more readings do not remove (posture, small moves). */
  binSdDb: number;
  /** SD of one reading around its bin's level (multipath fading). */
  readingSdDb: number;
  /** Readings closer together than this are counted as one independent reading (fading is correlated). */
  readingCorrelationSeconds: number;
  /** Share of bin medians that follow no band closely (a normal 15 dB wide around the band): robustness to odd readings. */
  outlierProbability: number;
  /** A pair not heard for longer than this starts a new encounter (new geometry, new offset). */
  maxGapMinutes: number;
  /**
   * SD of the receiving phone's own offset (how it is carried, its calibration against the
   * list), shared by all of its encounters and integrated out given all of them: a receiver that
   * heard many transmitters learns it, one that heard a single key only widens its uncertainty.
   * 0: no receiver offset.
   */
  receiverOffsetSdDb: number;
  /**
   * The part of `receiverOffsetSdDb` that is how the phone is carried, which changes between
   * its sessions (stretches of company with no gap of `maxGapMinutes`: the lunch table, then a
   * pocket on the train); the rest, √(receiverOffsetSdDb² − this²), is its calibration and is
   * shared by all of its encounters (receiver-sessions.ts). Must be below `receiverOffsetSdDb`.
   * Absent or 0 (the defaults), the whole offset is shared, as if the phone never moved: with the
   * carry at 4.8 dB the social validation scored the same F1 with GAEN's scans and 0.01 less
   * logged continuously, even with phones carried anew in every setting (docs/accuracy.md).
   */
  receiverCarrySdDb?: number;
  /**
   * When given, a phone also learns its own offset from every identifier it heard on a matched
   * key's days, not from the key's sightings alone: their TX power it cannot read (an unmatched
   * identifier's metadata is encrypted) and takes as the calibration list's median, which may be
   * off a real town's phones by about this SD in dB, the same for all of them
   * (`estimateReceiverCloseTime`'s `evidence`). `bluezone proximity` learns the offset from all of
   * a receiver's transmitters; a phone's check, estimating each key alone, decides about as well
   * as with no receiver offset (docs/accuracy.md, "What a phone's own decision loses"). Absent in
   * the defaults; not with `receiverCarrySdDb`.
   */
  allHeardTxPowerSdDb?: number;
  /**
   * How many other phones are within `closeDistanceM` of a receiver, on average, when it hears
   * many: the band priors are shares of in-range time, but the room within 2 m does not grow with
   * the crowd — a table seats a few, a queue has two neighbours — so when a receiver hears more
   * transmitters than the priors' share explains (n in range with n × share > this), the bands
   * within `closeDistanceM` keep this expected number (each transmitter's prior of being there
   * becomes this / n) and the farther in-range bands take the rest. The receiver's count comes
   * from its own scans (`ReceiverActivity.heard`); without it, or absent here, the priors hold
   * whatever the crowd.
   */
  crowdCloseCount?: number;
  /**
   * The law given to each (regime, offset level) component of a day's close time, of the
   * component's exact mean and variance (close-time-distribution.ts): `normal` (also when
   * absent; v1–v5), truncated to the bins, or `beta-binomial`, which keeps a settled stay whose
   * band the readings cannot tell all of it or none of it. The normal spreads such a stay into the
   * middle — an hour with a 28 % chance of a close band reads as P(≥ 10 minutes) 0.81 — which
   * makes the decision more lenient than its quantile says for long, weakly heard stays. The
   * defaults use the beta-binomial since v6 (docs/accuracy.md, "The law of a day's close time").
   */
  closeTimeLaw?: 'normal' | 'beta-binomial';
  /** A day with at least this many estimated close minutes notifies (the contact definition's duration). */
  notifyCloseMinutes: number;
  /**
   * Which quantile of the posterior of close minutes is reported as `closeMinutes`. 0.5 (the
   * median) minimises the absolute error; q makes "closeMinutes ≥ X" mean "P(close time ≥ X) ≥
   * 1 − q". The F1-optimal probability threshold of a calibrated classifier is half the F1 it
   * attains (Lipton, Elkan & Narayanaswamy, "Thresholding Classifiers to Maximize F1 Score",
   * ECML PKDD 2014). The validation attains ~0.8 in open rooms and ~0.5 in crowded social
   * settings (docs/accuracy.md); for about 0.6 in between, P ≥ 0.3, hence 0.70 (v5 took the
   * range's upper end, 2/3: 0.67, when the normal law made the decision lenient anyway).
   */
  decisionQuantile: number;
}

/**
 * The fifth version (bluezone-hmm-v5), written out because the defaults build on it and a
 * served document named v5 must keep meaning what it meant; the defaults (v6, below) are v5 with
 * another law of a day's close time. Fitted (`bluezone sim proximity-eval --parameters`,
 * docs/accuracy.md): the attenuation of each band, α + 10·n·log10(d) at the band's
 * representative distance (0.6, 1.4, 2.8, 6 m)
 * with n = 1.10 from 258 recordings and α = 61.4 dB from the Dublin tram, and the offset, bin and
 * reading spreads from the same recordings. Not fitted — no data with movement and ground truth
 * was available to us — and set from published figures instead (docs/accuracy.md, "The estimator"):
 *   - band priors: the share of in-range time in each band in the five social settings (lunch,
 *     train, office, queue, party) whose floor plans and movement come from published figures
 *     (sim's social-settings.ts; `settingBandShares` measures them and a test holds these
 *     values to it): 12.6 / 15.7 / 28.2 / 43.5 % of in-range time, so near 0.11, close 0.14, mid
 *     0.25, far 0.40 (+ absent 0.10). The estimator assumes the same rooms the validation is
 *     made of. (v2 guessed 17 % within 2 m from people spread over a floor plus ~1.5 companions;
 *     the settings put 29 % there, and with the guess the social validation's recall was 52 %);
 *   - movement: most long co-presence is settled — a meal, a ride, a desk, a queue keep their
 *     places until the pair parts (which ends the encounter): dwell a day, weight 0.75 — and
 *     some is mingling — standing groups that re-form every ten minutes or so (Coleman & James
 *     1961): dwell 10 minutes, weight 0.25. A move leaves its band (`moveLeavesBand`,
 *     band-moves.ts), so how long a steady level held says nothing of its band. The mingling
 *     weight sets how likely a long co-presence is to contain some close minutes even when the
 *     level says "a few metres": with weight 0.5 and 5 minutes every two-hour encounter came
 *     out likely close. (v4 redrew the band on a move and held it for a mean of 60 minutes
 *     when settled: a steady level read farther the longer it held, docs/accuracy.md);
 *   - the offset split between the receiver and the encounter: in the rss-smartphone recordings
 *     the carry combinations' mean offsets are additive in the two phones' carry positions (hand,
 *     pocket, backpack: HH −0.6, PP 6.1, BB 10.1 dB and the mixed pairs within ~1 dB of the sums),
 *     and recordings of one combination scatter by ~1 dB: the 6.8 dB between combinations is
 *     the receiver's carry plus the transmitter's, each 6.8/√2 = 4.8 dB. The receiver's half
 *     persists through all of its encounters (its phone stays in its pocket) and is learnt from
 *     them: receiver offset SD √(4.8² + 3²) = 5.7 dB with 3 dB of calibration error left after
 *     the EN calibration list's correction; encounter offset SD 4.8 dB. Letting the carry change
 *     between sessions (`receiverCarrySdDb`) was measured and not adopted: docs/accuracy.md;
 *   - detection 0.9 in every band: it separates present from absent only;
 *   - the crowd's close count: in the same settings a person in a crowd (more in range than the
 *     priors' share of close time explains) has 2.5 others within 2 m on average
 *     (`settingCloseCount`, a test holds this value to it), and that barely grows with the group
 *     (2.6 with 16 people, 2.7 with 20) while the number in range doubles; so a receiver that
 *     hears more keeps 2.5 of them close (`crowdPriors`);
 *   - the law of a day's close time: each component a normal of its moments (`closeTimeLaw`
 *     absent), the 67th percentile deciding.
 */
export const PROXIMITY_PARAMETERS_V5: ProximityParameters = {
  version: 2,
  name: 'bluezone-hmm-v5',
  closeDistanceM: 2,
  binSeconds: 60,
  states: [
    { name: 'near', maxDistanceM: 1, meanAttenuationDb: 59, prior: 0.11, detectProbability: 0.9 },
    { name: 'close', maxDistanceM: 2, meanAttenuationDb: 63, prior: 0.14, detectProbability: 0.9 },
    { name: 'mid', maxDistanceM: 4, meanAttenuationDb: 66.3, prior: 0.25, detectProbability: 0.9 },
    { name: 'far', maxDistanceM: 30, meanAttenuationDb: 70, prior: 0.4, detectProbability: 0.9 },
  ],
  absentPrior: 0.1,
  movement: [
    { dwellMinutes: 1440, weight: 0.75 },
    { dwellMinutes: 10, weight: 0.25 },
  ],
  moveLeavesBand: true,
  encounterOffsetSdDb: 4.8,
  offsetLevels: 25,
  binSdDb: 2.5,
  readingSdDb: 5.9,
  readingCorrelationSeconds: 2,
  outlierProbability: 0.02,
  maxGapMinutes: 20,
  receiverOffsetSdDb: 5.7,
  crowdCloseCount: 2.5,
  notifyCloseMinutes: 15,
  decisionQuantile: 0.67,
};

/**
 * Defaults (bluezone-hmm-v6): v5 with the beta-binomial law of a day's close time, so a long stay
 * the readings cannot place is all of it close or none of it, and the 70th percentile deciding.
 * In the district simulation it raised the most precise cut at 85 % recall in four epidemics of
 * five; with GAEN's scans the social validation lost 0.01–0.02 of F1 (docs/accuracy.md, "The law
 * of a day's close time").
 */
export const DEFAULT_PROXIMITY_PARAMETERS: ProximityParameters = {
  ...PROXIMITY_PARAMETERS_V5,
  name: 'bluezone-hmm-v6',
  closeTimeLaw: 'beta-binomial',
  decisionQuantile: 0.7,
};

/**
 * The fourth version (bluezone-hmm-v4): the same bands, priors and crowd rule as v5,
 * but a move redraws the band from the priors (so holding it through a move costs its prior)
 * and a settled pair moves every 60 minutes on average. Kept so the validation can report it
 * beside the defaults.
 */
export const PROXIMITY_PARAMETERS_V4: ProximityParameters = (() => {
  const { moveLeavesBand: _, ...rest } = PROXIMITY_PARAMETERS_V5;
  return {
    ...rest,
    name: 'bluezone-hmm-v4',
    movement: [
      { dwellMinutes: 60, weight: 0.75 },
      { dwellMinutes: 10, weight: 0.25 },
    ],
  };
})();

/**
 * The third version (bluezone-hmm-v3): v4 without `crowdCloseCount`, so the band priors hold
 * whatever the crowd. Kept so the validation can report it beside the defaults.
 */
export const PROXIMITY_PARAMETERS_V3: ProximityParameters = (() => {
  const { crowdCloseCount: _, ...rest } = PROXIMITY_PARAMETERS_V4;
  return { ...rest, name: 'bluezone-hmm-v3' };
})();

/** The default bands with other priors, nearest first (the earlier versions differ in their priors). */
function withPriors(priors: readonly number[]): ProximityState[] {
  return PROXIMITY_PARAMETERS_V4.states.map((s, i) => ({ ...s, prior: priors[i] as number }));
}

/**
 * The second version (bluezone-hmm-v2): the same as v3 but for band priors guessed at
 * ~17 % of in-range time within 2 m (0.07 / 0.08 / 0.25 / 0.5). Kept so the validation can
 * report it beside the current defaults.
 */
export const PROXIMITY_PARAMETERS_V2: ProximityParameters = {
  ...PROXIMITY_PARAMETERS_V3,
  name: 'bluezone-hmm-v2',
  states: withPriors([0.07, 0.08, 0.25, 0.5]),
};

/**
 * The first version of the parameters (bluezone-hmm-v1): neutral band priors (39 % of in-range
 * time within 2 m), one movement regime of 20 minutes, a 4 dB receiver offset and the 60th
 * percentile as the decision. Kept so that
 * the validation can report it beside the current defaults, and so that v1 documents still load.
 */
export const PROXIMITY_PARAMETERS_V1: ProximityParameters = {
  ...PROXIMITY_PARAMETERS_V3,
  name: 'bluezone-hmm-v1',
  states: withPriors([0.15, 0.2, 0.25, 0.3]),
  movement: [{ dwellMinutes: 20, weight: 1 }],
  encounterOffsetSdDb: 6.8,
  receiverOffsetSdDb: 4,
  decisionQuantile: 0.6,
};

/** Every parameter set by its name (`bluezone-hmm-v6` … `v1`), so tools can re-score under an earlier one. */
export const PROXIMITY_PARAMETER_VERSIONS: readonly ProximityParameters[] = [
  DEFAULT_PROXIMITY_PARAMETERS,
  PROXIMITY_PARAMETERS_V5,
  PROXIMITY_PARAMETERS_V4,
  PROXIMITY_PARAMETERS_V3,
  PROXIMITY_PARAMETERS_V2,
  PROXIMITY_PARAMETERS_V1,
];

/**
 * The parameters with band priors from where people actually are: `inRangeShares` are each band's
 * share of the time two phones spend in range (nearest first, summing to 1, one per state), and
 * the priors become those shares of the in-range prior (1 − absentPrior), as the defaults' are of
 * the social settings. Throws `invalid_config` for shares that cannot be priors (a band never
 * seen, a count that differs from the bands).
 */
export function withBandPriors(
  p: ProximityParameters,
  inRangeShares: readonly number[],
  name: string,
): ProximityParameters {
  check(
    inRangeShares.length === p.states.length,
    `band shares: ${inRangeShares.length} given for ${p.states.length} bands`,
  );
  check(
    inRangeShares.every((x) => finite(x) && x > 0),
    'band shares: every band needs some in-range time (a run too small to have seen one?)',
  );
  const total = inRangeShares.reduce((a, x) => a + x, 0);
  const inRange = 1 - p.absentPrior;
  const states = p.states.map((s, i) => ({ ...s, prior: ((inRangeShares[i] as number) / total) * inRange }));
  const out = { ...p, name, states };
  validateProximityParameters(out);
  return out;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function check(ok: boolean, message: string): void {
  if (!ok) throw new ProtocolError('invalid_config', `proximity parameters: ${message}`);
}

/** Throws `invalid_config` naming the first bad field; accepts exactly the shape above. */
export function validateProximityParameters(p: ProximityParameters): void {
  check(typeof p === 'object' && p !== null && !Array.isArray(p), 'must be a JSON object');
  check(p.version === 2, 'version must be 2');
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
  check(
    Array.isArray(p.movement) && p.movement.length >= 1 && p.movement.length <= 3,
    'movement must list 1..3 regimes',
  );
  let weights = 0;
  p.movement.forEach((m, i) => {
    check(typeof m === 'object' && m !== null, `movement.${i} must be an object`);
    check(
      finite(m.dwellMinutes) && m.dwellMinutes > 0 && m.dwellMinutes <= 24 * 60,
      `movement.${i}.dwellMinutes must be in (0, 1440]`,
    );
    check(finite(m.weight) && m.weight > 0 && m.weight <= 1, `movement.${i}.weight must be in (0, 1]`);
    weights += m.weight;
  });
  check(Math.abs(weights - 1) < 1e-6, 'the movement regimes\u2019 weights must sum to 1');
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
    finite(p.decisionQuantile) && p.decisionQuantile > 0 && p.decisionQuantile < 1,
    'decisionQuantile must be in (0, 1)',
  );
  check(
    finite(p.notifyCloseMinutes) && p.notifyCloseMinutes > 0 && p.notifyCloseMinutes <= 1440,
    'notifyCloseMinutes must be in (0, 1440]',
  );
  check(
    finite(p.receiverOffsetSdDb) && p.receiverOffsetSdDb >= 0 && p.receiverOffsetSdDb <= 30,
    'receiverOffsetSdDb must be 0..30',
  );
  check(
    p.receiverCarrySdDb === undefined ||
      p.receiverCarrySdDb === 0 ||
      (finite(p.receiverCarrySdDb) && p.receiverCarrySdDb > 0 && p.receiverCarrySdDb < p.receiverOffsetSdDb),
    'receiverCarrySdDb must be 0 or below receiverOffsetSdDb when given',
  );
  check(
    p.allHeardTxPowerSdDb === undefined ||
      (finite(p.allHeardTxPowerSdDb) &&
        p.allHeardTxPowerSdDb >= 0 &&
        p.allHeardTxPowerSdDb <= 20 &&
        !((p.receiverCarrySdDb ?? 0) > 0)),
    'allHeardTxPowerSdDb must be 0..20 when given, and not with receiverCarrySdDb',
  );
  check(
    p.moveLeavesBand === undefined || typeof p.moveLeavesBand === 'boolean',
    'moveLeavesBand must be true or false when given',
  );
  check(
    p.closeTimeLaw === undefined || p.closeTimeLaw === 'normal' || p.closeTimeLaw === 'beta-binomial',
    'closeTimeLaw must be normal or beta-binomial when given',
  );
  check(
    p.crowdCloseCount === undefined || (finite(p.crowdCloseCount) && p.crowdCloseCount > 0 && p.crowdCloseCount <= 50),
    'crowdCloseCount must be in (0, 50] when given',
  );
}

/**
 * A version 1 object (one `meanDwellMinutes`) as version 2 (one movement regime); anything else
 * is returned as it is, for `validateProximityParameters` to judge.
 */
export function upgradeProximityParameters(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1) return value;
  const { meanDwellMinutes, ...rest } = value as { meanDwellMinutes?: unknown } & Record<string, unknown>;
  return { ...rest, version: 2, movement: [{ dwellMinutes: meanDwellMinutes, weight: 1 }] };
}

/** Parses and validates a JSON document of parameters (e.g. a file or a served configuration); version 1 is upgraded. */
export function parseProximityParameters(json: string): ProximityParameters {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new ProtocolError('invalid_config', `proximity parameters: not JSON: ${(err as Error).message}`);
  }
  const upgraded = upgradeProximityParameters(value);
  validateProximityParameters(upgraded as ProximityParameters);
  return upgraded as ProximityParameters;
}
