/**
 * The simulator's radio: RSSI a phone receives from another, drawn from the path-loss model
 * fitted to the MIT Matrix data (radio-fit.ts). Three random terms, each from the fit's
 * residuals: a per-phone calibration error (drawn once per phone), a per-encounter term (room,
 * posture, orientation: drawn once per pair and place visit) and per-reading multipath.
 *
 * The data covers 0.9–4.6 m. Beyond the largest measured distance the fitted exponent (often
 * well under 2 because bodies dominate at arm's length) would make a phone 30 m away look
 * close, so the model continues with the free-space exponent 2 there: an assumption, not a fit.
 */
import type { Prng } from '../prng';
import type { CarryPosition } from './mit-matrix';
import type { RadioFit } from './radio-fit';

export const FAR_PATH_LOSS_EXPONENT = 2;
/** Weakest RSSI a phone reports; typical BLE receiver sensitivity of current phones. */
export const DEFAULT_SENSITIVITY_DBM = -100;

export class RadioModel {
  readonly breakM: number;

  constructor(
    readonly fit: RadioFit,
    breakM = 4.6,
    readonly sensitivityDbm = DEFAULT_SENSITIVITY_DBM,
  ) {
    this.breakM = breakM;
  }

  /** Median RSSI at `distanceM` between two carry positions, for reference phones. */
  meanRssi(distanceM: number, rx: CarryPosition, tx: CarryPosition): number {
    const f = this.fit;
    const d = Math.max(distanceM, 0.1);
    const near = Math.min(d, this.breakM);
    let rssi = f.p0Dbm - 10 * f.pathLossExponent * Math.log10(near / f.d0M);
    if (d > this.breakM) rssi -= 10 * FAR_PATH_LOSS_EXPONENT * Math.log10(d / this.breakM);
    return rssi + f.shadowingDb[rx] + f.shadowingDb[tx];
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
