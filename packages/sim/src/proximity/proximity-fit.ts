/**
 * Fits the proximity estimator's emission parameters to static recordings (known distance):
 *
 *   median RSSI of a recording = C[receiver] − 10·n·log10(d) + offset,   offset ~ N(0, σ_enc²)
 *
 * by least squares on each recording's median (C per dataset and receiver: the constant a
 * calibration list would supply; the recordings carry no GAEN TX power). σ_enc is the spread of
 * the residuals (carry positions, bodies, orientation: fixed for one encounter); σ_read the
 * spread of single readings around their recording's median; σ_bin what is left of the spread of
 * 20-second medians once the readings' share ((π/2)·σ_read²/independent readings) is removed.
 *
 * The recordings fix everything but the absolute level. That comes from the only GAEN-scale
 * measurements with distances we could use: Leith & Farrell's Dublin tram data (GAEN
 * attenuation durations of 72 handset pairs at 0.5–5.2 m, phones carried by seated people;
 * "Measurement-Based Evaluation Of Google/Apple Exposure Notification API For Proximity
 * Detection In A Light-Rail Tram", PLOS ONE 2020; radio/dublin-tram.ts). Its per-distance mean
 * attenuations anchor α = attenuation at 1 m given the fitted n.
 */
import {
  DEFAULT_PROXIMITY_PARAMETERS,
  median,
  type ProximityParameters,
  validateProximityParameters,
} from '@bluezone/protocol';
import { DUBLIN_TRAM_MEAN_ATTENUATION } from '../radio/dublin-tram';
import { ridgeLeastSquares } from '../radio/least-squares';
import { sampleSd } from '../sample-sd';
import { type ScanSpreadTrend, scanSpreadTrend } from './scan-spread';
import type { StaticRecording } from './static-recordings';

/** Representative distance of each band of the default parameters (geometric middle; 6 m for "beyond 4 m"). */
export const BAND_DISTANCES_M: Record<string, number> = { near: 0.6, close: 1.4, mid: 2.8, far: 6 };

export interface ProximityFit {
  pathLossExponent: number;
  /** Median RSSI at 1 m per receiver (dataset-qualified), dBm. */
  receiverLevel1mDbm: Record<string, number>;
  encounterSdDb: number;
  /**
   * Skewness of the encounter offsets as attenuation (positive: a long tail of extra
   * attenuation). Carry only adds attenuation, which would argue for a skewed offset prior; the
   * recordings' offsets are near symmetric around the fitted level (which already holds carried
   * phones), so the estimator's prior stays normal (docs/accuracy.md, Limits).
   */
  encounterSkewness: number;
  /**
   * How the scatter within one scan moves with distance, per dataset. The recordings disagree on
   * its direction, so the estimator does not read it (docs/accuracy.md, Limits).
   */
  scanSpread: Record<string, ScanSpreadTrend>;
  readingSdDb: number;
  binSdDb: number;
  /** Attenuation at 1 m on the GAEN scale (tram anchor). */
  alphaDb: number;
  recordings: number;
  readings: number;
}

/** Sample skewness (the moment estimator g1); 0 for fewer than three values or no spread. */
export function skewness(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  const m = values.reduce((a, b) => a + b, 0) / n;
  const m2 = values.reduce((a, b) => a + (b - m) ** 2, 0) / n;
  const m3 = values.reduce((a, b) => a + (b - m) ** 3, 0) / n;
  return m2 === 0 ? 0 : m3 / m2 ** 1.5;
}

export function fitProximity(recordings: readonly StaticRecording[]): ProximityFit {
  const rec = recordings.filter((r) => r.rssi.length >= 20);
  const receivers = [...new Set(rec.map((r) => r.receiver))].sort();
  const rows = rec.map((r): number[] => [
    ...receivers.map((name) => (name === r.receiver ? 1 : 0)),
    -10 * Math.log10(r.distanceM),
  ]);
  const medians = rec.map((r) => median(Array.from(r.rssi)));
  const beta = ridgeLeastSquares(rows, medians, [...receivers.map(() => 0), 0]);
  const n = beta.at(-1) as number;
  const residuals = rows.map((x, i) => (medians[i] as number) - x.reduce((s, v, j) => s + v * (beta[j] as number), 0));
  // Readings around their recording's median: a robust SD (1.4826 × MAD), pooled by median.
  const readingSds: number[] = [];
  const binExcess: number[] = [];
  const corrMs = DEFAULT_PROXIMITY_PARAMETERS.readingCorrelationSeconds * 1000;
  for (const r of rec) {
    const all = Array.from(r.rssi);
    const med = median(all);
    const mad = median(all.map((v) => Math.abs(v - med)));
    const readingSd = 1.4826 * mad;
    readingSds.push(readingSd);
    const bins = new Map<number, { values: number[]; slots: Set<number> }>();
    r.offsetsMs.forEach((t, i) => {
      const b = Math.floor(t / 20_000);
      let g = bins.get(b);
      if (!g) {
        g = { values: [], slots: new Set() };
        bins.set(b, g);
      }
      g.values.push(r.rssi[i] as number);
      g.slots.add(Math.floor(t / corrMs));
    });
    for (const g of bins.values()) {
      if (g.values.length < 5) continue;
      const dev = median(g.values) - med;
      binExcess.push(dev * dev - ((Math.PI / 2) * readingSd * readingSd) / Math.min(g.values.length, g.slots.size));
    }
  }
  const readingSdDb = median(readingSds);
  const meanExcess = binExcess.reduce((a, b) => a + b, 0) / Math.max(1, binExcess.length);
  const binSdDb = Math.sqrt(Math.max(1, meanExcess));
  let wSum = 0;
  let aSum = 0;
  for (const t of DUBLIN_TRAM_MEAN_ATTENUATION) {
    aSum += t.minutes * (t.meanDb - 10 * n * Math.log10(t.distanceM));
    wSum += t.minutes;
  }
  return {
    pathLossExponent: n,
    receiverLevel1mDbm: Object.fromEntries(receivers.map((name, i) => [name, beta[i] as number])),
    encounterSdDb: sampleSd(residuals),
    // Residuals are in RSSI: as attenuation their sign flips, and so does the skewness.
    encounterSkewness: -skewness(residuals),
    scanSpread: scanSpreadTrend(rec),
    readingSdDb,
    binSdDb,
    alphaDb: aSum / wSum,
    recordings: rec.length,
    readings: rec.reduce((s, r) => s + r.rssi.length, 0),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** What a receiver's RSSI is still off by after the EN calibration list's correction, dB (the simulator's phone error). */
export const CALIBRATION_RESIDUAL_SD_DB = 3;

/** The estimator parameters a fit implies (band attenuations and variance components; the rest as the defaults). */
export function parametersFromFit(
  fit: ProximityFit,
  base: ProximityParameters = DEFAULT_PROXIMITY_PARAMETERS,
  /** false: the whole spread per encounter, the receiver's offset as in `base` (v1's model). */
  splitOffset = true,
): ProximityParameters {
  const p: ProximityParameters = {
    ...base,
    states: base.states.map((s) => {
      const d = BAND_DISTANCES_M[s.name] ?? s.maxDistanceM;
      return { ...s, meanAttenuationDb: round1(fit.alphaDb + 10 * fit.pathLossExponent * Math.log10(d)) };
    }),
    // The spread between carry combinations is the receiver's carry plus the transmitter's
    // (additive, equal shares: proximity-parameters.ts); the receiver's half, with the
    // calibration error the list leaves, is learnt from all of its encounters.
    ...(splitOffset
      ? {
          encounterOffsetSdDb: round1(fit.encounterSdDb / Math.SQRT2),
          receiverOffsetSdDb: round1(Math.hypot(fit.encounterSdDb / Math.SQRT2, CALIBRATION_RESIDUAL_SD_DB)),
          // The receiver's carry is the same half; only documents that let it change get it.
          ...(base.receiverCarrySdDb ? { receiverCarrySdDb: round1(fit.encounterSdDb / Math.SQRT2) } : {}),
        }
      : { encounterOffsetSdDb: round1(fit.encounterSdDb) }),
    readingSdDb: round1(fit.readingSdDb),
    binSdDb: round1(fit.binSdDb),
  };
  validateProximityParameters(p);
  return p;
}

/**
 * The GAEN TX power a receiver's readings get in the evaluation: the constant that puts its
 * fitted 1 m level at α (what the EN calibration list does for listed phones).
 */
export function fittedTxPower(fit: ProximityFit, receiver: string): number | undefined {
  const level = fit.receiverLevel1mDbm[receiver];
  return level === undefined ? undefined : round1(fit.alphaDb + level);
}
