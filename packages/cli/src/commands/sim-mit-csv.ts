/**
 * `bluezone sim mit-csv`: converts the MIT Matrix logs into the sightings CSV that
 * `bluezone proximity` reads, and (with --truth) the true close minutes of every pair.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  formatSightingRow,
  mitMatrixPath,
  mitMatrixSightings,
  readMitMatrix,
  requireMitMatrix,
  SIGHTINGS_CSV_HEADER,
} from '@bluezone/sim';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { loadCalibrationTable } from './proximity';
import { withSimErrors } from './sim-errors';

const usage = 'bluezone sim mit-csv --out FILE.csv [--truth FILE.csv] [--tx-power DBM] [--data mit-matrix-data.tar.gz]';

export function txPowerOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+(\.\d+)?$/.test(value) || n < -100 || n > 20)
    throw new UsageError(`--tx-power must be a number of dBm in -100..20, got "${value}"`);
  return n;
}

export const simMitCsvCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values } = parseOptions(
        args,
        {
          out: { type: 'string' },
          truth: { type: 'string' },
          'tx-power': { type: 'string' },
          data: { type: 'string' },
        },
        usage,
      );
      const out = resolve(io.cwd, requireOption(values.out, 'out', usage));
      // Unknown GAEN TX power of the MIT iPhones: the calibration list's median, as for any unlisted device.
      const tx = txPowerOption(values['tx-power'], (await loadCalibrationTable()).fallback.txPower);
      const logs = await readMitMatrix(requireMitMatrix(mitMatrixPath(values.data, io.env)));
      const { rows, truth } = mitMatrixSightings(logs, tx);
      await writeFile(out, `${[SIGHTINGS_CSV_HEADER, ...rows.map(formatSightingRow)].join('\n')}\n`);
      if (values.truth) {
        const lines = ['receiver,transmitter,day,distance_m,true_close_minutes,minutes'];
        for (const t of truth)
          lines.push(
            `${t.receiver},${t.transmitter},${t.day},${t.distanceM.toFixed(2)},${t.trueCloseMinutes},${t.minutes}`,
          );
        await writeFile(resolve(io.cwd, values.truth), `${lines.join('\n')}\n`);
      }
      io.stderr(`${rows.length} sightings of ${truth.length} pairs (TX power ${tx} dBm) → ${out}`);
      return 0;
    }),
};
