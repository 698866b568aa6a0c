/**
 * The simulator's radio: RSSI a phone receives from another, drawn from the path-loss model
 * fitted to the MIT Matrix data (radio-fit.ts). Three random terms, each from the fit's
 * residuals: a per-phone calibration error (drawn once per phone), a per-encounter term (room,
 * posture, orientation: drawn once per pair and place visit) and per-reading multipath.
 *
 * The data covers 0.9–4.6 m. Beyond the largest measured distance the fitted exponent (often
 * well under 2 because bodies dominate at arm's length) would make a phone 30 m away look
 * close, so the model continues with the free-space exponent 2 there: an assumption, not a fit.
 *
 * GAEN scale: the MIT app advertised at another power than GAEN does, so MIT's RSSI is far
 * stronger than what GAEN phones measure (with the calibration list's TX power of −24 dBm, MIT
 * levels give ~40 dB attenuation at 1 m; GAEN phones in the Dublin tram measured ~61 dB). The
 * model keeps MIT's shape (exponent, shadowing, spreads) and lowers every level, and the
 * sensitivity with it, by `gaenOffsetDb`, chosen so that phones carried in the simulator's mix
 * of positions match the tram's mean attenuation per distance (`gaenScaleOffsetDb`).
 */
import type { Prng } from '../prng';
import { DUBLIN_TRAM_MEAN_ATTENUATION } from './dublin-tram';
import { CARRY_POSITIONS, type CarryPosition } from './mit-matrix';
import type { RadioFit } from './radio-fit';

export const FAR_PATH_LOSS_EXPONENT = 2;
/** Weakest RSSI a phone reports (MIT scale); typical BLE receiver sensitivity of current phones. */
export const DEFAULT_SENSITIVITY_DBM = -100;
/** TX power the simulated phones advertise: the EN calibration list's median. */
export const SIM_TX_POWER_DBM = -24;
/** Carry positions away from home, roughly: in hand, shirt, front/back trousers, bag. */
export const CARRY_POSITION_WEIGHTS: Record<CarryPosition, number> = {
  hand: 0.25,
  shirt: 0.1,
  frontPants: 0.35,
  backPants: 0.15,
  purse: 0.15,
};

/**
 * dB to take off MIT-scale RSSI so that the mean attenuation (TX power − RSSI) of phones carried
 * in `CARRY_POSITION_WEIGHTS` matches the Dublin tram's at its distances (weighted by minutes).
 */
export function gaenScaleOffsetDb(fit: RadioFit, txPowerDbm = SIM_TX_POWER_DBM): number {
  let shadow = 0;
  for (const p of CARRY_POSITIONS) shadow += 2 * CARRY_POSITION_WEIGHTS[p] * fit.shadowingDb[p];
  let sum = 0;
  let weight = 0;
  for (const t of DUBLIN_TRAM_MEAN_ATTENUATION) {
    const rssi = fit.p0Dbm - 10 * fit.pathLossExponent * Math.log10(t.distanceM / fit.d0M) + shadow;
    sum += t.minutes * (t.meanDb - (txPowerDbm - rssi));
    weight += t.minutes;
  }
  return sum / weight;
}

export class RadioModel {
  readonly breakM: number;
  readonly sensitivityDbm: number;

  constructor(
    readonly fit: RadioFit,
    breakM = 4.6,
    /** dB taken off MIT-scale levels (0: the MIT app's own scale). */
    readonly gaenOffsetDb = gaenScaleOffsetDb(fit),
    sensitivityDbm = DEFAULT_SENSITIVITY_DBM,
  ) {
    this.breakM = breakM;
    this.sensitivityDbm = sensitivityDbm - gaenOffsetDb;
  }

  /** Median RSSI at `distanceM` between two carry positions, for reference phones, on the GAEN scale. */
  meanRssi(distanceM: number, rx: CarryPosition, tx: CarryPosition): number {
    const f = this.fit;
    const d = Math.max(distanceM, 0.1);
    const near = Math.min(d, this.breakM);
    let rssi = f.p0Dbm - 10 * f.pathLossExponent * Math.log10(near / f.d0M);
    if (d > this.breakM) rssi -= 10 * FAR_PATH_LOSS_EXPONENT * Math.log10(d / this.breakM);
    return rssi + f.shadowingDb[rx] + f.shadowingDb[tx] - this.gaenOffsetDb;
  }

  /** A per-phone calibration error (dB), drawn once per phone. */
  drawPhoneOffset(prng: Prng): number {
    return prng.normal() * this.fit.sigmaPhoneDb;
  }

  /** A per-encounter offset (dB), drawn once per pair and place visit. */
  drawEncounterOffset(prng: Prng): number {
    return prng.normal() * this.fit.sigmaEncounterDb;
  }

  /** One reading: mean + fixed offsets + multipath, rounded like phones report; undefined when below sensitivity. */
  sampleRssi(prng: Prng, meanWithOffsets: number): number | undefined {
    const rssi = Math.round(meanWithOffsets + prng.normal() * this.fit.sigmaMultipathDb);
    return rssi < this.sensitivityDbm ? undefined : rssi;
  }

  /**
   * Distance beyond which hand-to-hand readings one standard deviation (of all random terms)
   * above the median still fall below sensitivity: the simulator never pairs phones farther
   * apart than this (nor, whatever the distance, phones in different places: walls).
   */
  maxRangeM(): number {
    const f = this.fit;
    const margin = Math.hypot(2 * f.sigmaPhoneDb, f.sigmaEncounterDb, f.sigmaMultipathDb);
    let lo = 0.1;
    let hi = 10_000;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (this.meanRssi(mid, 'hand', 'hand') + margin >= this.sensitivityDbm) lo = mid;
      else hi = mid;
    }
    return lo;
  }
}
