/**
 * `bluezone sim fit-radio`: fits the simulator's radio model to the MIT Matrix BLE measurements
 * and prints the parameters, the residual spread and a held-out check (fit on 3, 5, 6, 10 and
 * 15 ft; compare the predicted RSSI distribution at 4, 8 and 12 ft with the real one), and the
 * GAEN-scale check against the Dublin tram measurements (radio/tram-check.ts).
 */
import {
  compareWithMeasurements,
  compareWithTram,
  fitRadioModel,
  type MitMatrixLog,
  mitMatrixPath,
  RadioModel,
  readMitMatrix,
  requireMitMatrix,
} from '@bluezone/sim';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withSimErrors } from './sim-errors';

const usage = 'bluezone sim fit-radio [--data mit-matrix-data.tar.gz] [--json]';
const FEET = 0.3048;
/** Distances (ft) kept out of the held-out fit. */
export const HELD_OUT_FEET = [4, 8, 12];

export function splitHeldOut(logs: readonly MitMatrixLog[]): { train: MitMatrixLog[]; test: MitMatrixLog[] } {
  const held = (l: MitMatrixLog) => HELD_OUT_FEET.some((ft) => Math.abs(l.distanceM - ft * FEET) < 0.01);
  return { train: logs.filter((l) => !held(l)), test: logs.filter(held) };
}

export const simFitRadioCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values } = parseOptions(args, { data: { type: 'string' }, json: { type: 'boolean' } }, usage);
      const path = requireMitMatrix(mitMatrixPath(values.data, io.env));
      const logs = await readMitMatrix(path);
      const fit = fitRadioModel(logs);
      const { train, test } = splitHeldOut(logs);
      const heldOut = compareWithMeasurements(fitRadioModel(train), test);
      const radio = new RadioModel(fit);
      const tram = compareWithTram(radio);
      if (values.json) {
        io.stdout(JSON.stringify({ source: path, fit, heldOut, gaenOffsetDb: radio.gaenOffsetDb, tram }));
        return 0;
      }
      const r1 = (x: number) => x.toFixed(1);
      io.stdout(`MIT Matrix: ${fit.logs} logs, ${fit.readings} RSSI readings (${path})`);
      io.stdout(`RSSI(d) = ${r1(fit.p0Dbm)} dBm − 10·${fit.pathLossExponent.toFixed(2)}·log10(d / 1 m) + S + C + X`);
      io.stdout(
        `shadowing S (dB vs hand): ${Object.entries(fit.shadowingDb)
          .map(([k, v]) => `${k} ${r1(v)}`)
          .join(', ')}`,
      );
      io.stdout(
        `phone offsets C (dB): ${Object.entries(fit.phoneOffsetDb)
          .map(([k, v]) => `${k} ${r1(v)}`)
          .join(', ')}; σ ${r1(fit.sigmaPhoneDb)}`,
      );
      io.stdout(
        `residual spread X: encounter σ ${r1(fit.sigmaEncounterDb)} dB, multipath σ ${r1(fit.sigmaMultipathDb)} dB, ` +
          `RMS of readings ${r1(fit.rmsResidualDb)} dB`,
      );
      io.stdout(
        `held out (fitted without ${HELD_OUT_FEET.join(', ')} ft): distance  observed p10/median/p90  predicted`,
      );
      for (const c of heldOut) {
        const o = c.observed;
        const p = c.predicted;
        io.stdout(`  ${c.distanceM.toFixed(2)} m  ${o.p10}/${o.median}/${o.p90}  ${p.p10}/${p.median}/${p.p90}`);
      }
      io.stdout(
        `GAEN scale: levels lowered by ${r1(radio.gaenOffsetDb)} dB to match the Dublin tram (TX power −24 dBm, simulator carry mix); mean attenuation tram vs simulator:`,
      );
      io.stdout(`  ${tram.rows.map((r) => `${r.distanceM} m ${r1(r.tramMeanDb)}/${r1(r.simMeanDb)}`).join(', ')} dB`);
      io.stdout(
        `  SD between pairs at one distance ${r1(tram.tram.betweenPairsSdDb)}/${r1(tram.sim.betweenPairsSdDb)} dB, of single readings ${r1(tram.tram.withinDistanceSdDb)}/${r1(tram.sim.withinDistanceSdDb)} dB`,
      );
      return 0;
    }),
};
