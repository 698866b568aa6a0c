/**
 * Fits the log-distance path-loss model to real BLE measurements (MIT Matrix):
 *
 *   RSSI(d) = P0 − 10·n·log10(d/d0) + S[rx position] + S[tx position] + C[rx model] + C[tx model] + X
 *
 * with d0 = 1 m, S the body/pocket shadowing of a carry position (hand = 0 dB reference, the
 * same loss whether the phone sends or receives: the body is in the path either way), C a
 * per-phone calibration offset (ridge-shrunk: each model appears in only a few experiments) and
 * X = X_encounter + X_multipath. The fit is on each log's median RSSI (robust to the bursts of
 * outliers in the logs); X_encounter's spread is the residual of those medians (room, posture,
 * orientation: fixed for one encounter) and X_multipath's spread is the scatter of single
 * readings around their log's median (fast fading). Rappaport, "Wireless Communications",
 * §4.9.1 (log-distance path loss) and §4.9.2 (log-normal shadowing).
 */

import { median } from '@bluezone/protocol';
import { sampleSd } from '../sample-sd';
import { ridgeLeastSquares } from './least-squares';
import { CARRY_POSITIONS, type CarryPosition, type MitMatrixLog } from './mit-matrix';

export interface RadioFit {
  /** Reference distance d0 in metres. */
  d0M: number;
  /** Median RSSI at d0, hand to hand, for the reference phone (dBm). */
  p0Dbm: number;
  /** Path-loss exponent n (2 in free space; 1.5–4 indoors and near bodies). */
  pathLossExponent: number;
  /** Extra loss of each carry position relative to the hand (dB, ≤ 0 means weaker). */
  shadowingDb: Record<CarryPosition, number>;
  /** Calibration offset of each phone model seen in the data (dB). */
  phoneOffsetDb: Record<string, number>;
  /** Spread of the per-phone offsets: the calibration error the simulator draws per phone. */
  sigmaPhoneDb: number;
  /** Standard deviation of per-encounter residuals (log medians vs the model), dB. */
  sigmaEncounterDb: number;
  /** Standard deviation of single readings around their log median (multipath), dB. */
  sigmaMultipathDb: number;
  /** Root-mean-square residual of single readings against the model, dB. */
  rmsResidualDb: number;
  logs: number;
  readings: number;
}

/** Ridge weight on phone offsets: a prior of roughly ±3 dB against a residual of a few dB. */
const PHONE_RIDGE = 2;

/** Mean RSSI the model predicts (before the random terms). */
export function predictRssi(
  fit: RadioFit,
  distanceM: number,
  rx: CarryPosition,
  tx: CarryPosition,
  rxModel?: string,
  txModel?: string,
): number {
  const d = Math.max(distanceM, 0.1);
  return (
    fit.p0Dbm -
    10 * fit.pathLossExponent * Math.log10(d / fit.d0M) +
    fit.shadowingDb[rx] +
    fit.shadowingDb[tx] +
    (rxModel === undefined ? 0 : (fit.phoneOffsetDb[rxModel] ?? 0)) +
    (txModel === undefined ? 0 : (fit.phoneOffsetDb[txModel] ?? 0))
  );
}

/** The model's median RSSI for one MIT experiment (its distance, carry positions and phones). */
export function predictLogRssi(fit: RadioFit, log: MitMatrixLog): number {
  return predictRssi(
    fit,
    log.distanceM,
    log.receiverPosition,
    log.transmitterPosition,
    log.receiverModel,
    log.transmitterModel,
  );
}

export function fitRadioModel(logs: readonly MitMatrixLog[]): RadioFit {
  const used = logs.filter((l) => l.readings.length > 0);
  const positions = CARRY_POSITIONS.filter((p) => p !== 'hand');
  const models = [...new Set(used.flatMap((l) => [l.receiverModel, l.transmitterModel]))]
    .filter((m) => m !== 'unknown')
    .sort();
  const p = 2 + positions.length + models.length;
  const rows: number[][] = [];
  const y: number[] = [];
  for (const log of used) {
    const x = new Array<number>(p).fill(0);
    x[0] = 1;
    x[1] = -10 * Math.log10(log.distanceM);
    for (const pos of [log.receiverPosition, log.transmitterPosition]) {
      const i = positions.indexOf(pos as (typeof positions)[number]);
      if (i >= 0) x[2 + i] = (x[2 + i] ?? 0) + 1;
    }
    for (const m of [log.receiverModel, log.transmitterModel]) {
      const i = models.indexOf(m);
      if (i >= 0) x[2 + positions.length + i] = (x[2 + positions.length + i] ?? 0) + 1;
    }
    rows.push(x);
    y.push(median(log.readings.map((r) => r.rssi)));
  }
  const ridge = [0, 0, ...positions.map(() => 1e-6), ...models.map(() => PHONE_RIDGE)];
  const beta = ridgeLeastSquares(rows, y, ridge);
  const shadowingDb = { hand: 0 } as Record<CarryPosition, number>;
  positions.forEach((pos, i) => {
    shadowingDb[pos] = beta[2 + i] ?? 0;
  });
  const phoneOffsetDb: Record<string, number> = {};
  models.forEach((m, i) => {
    phoneOffsetDb[m] = beta[2 + positions.length + i] ?? 0;
  });
  const fit: RadioFit = {
    d0M: 1,
    p0Dbm: beta[0] ?? 0,
    pathLossExponent: beta[1] ?? 0,
    shadowingDb,
    phoneOffsetDb,
    sigmaPhoneDb: sampleSd(Object.values(phoneOffsetDb)),
    sigmaEncounterDb: 0,
    sigmaMultipathDb: 0,
    rmsResidualDb: 0,
    logs: used.length,
    readings: used.reduce((a, l) => a + l.readings.length, 0),
  };
  const encounter: number[] = [];
  const multipath: number[] = [];
  let sq = 0;
  for (const log of used) {
    const pred = predictLogRssi(fit, log);
    const med = median(log.readings.map((r) => r.rssi));
    encounter.push(med - pred);
    for (const r of log.readings) {
      multipath.push(r.rssi - med);
      sq += (r.rssi - pred) ** 2;
    }
  }
  fit.sigmaEncounterDb = sampleSd(encounter);
  fit.sigmaMultipathDb = sampleSd(multipath);
  fit.rmsResidualDb = Math.sqrt(sq / Math.max(1, fit.readings));
  return fit;
}
