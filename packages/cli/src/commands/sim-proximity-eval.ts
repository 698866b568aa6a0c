/**
 * `bluezone sim proximity-eval`: precision/recall of "< 2 m" time and of exposure verdicts on
 * the MIT Matrix data for Corona-Warn-App, SwissCovid (DP-3T SDK defaults) and a threshold
 * tuned on half of the experiments; prints the README table (or JSON).
 */
import { compareProximityConfigurations, mitMatrixPath, readMitMatrix, requireMitMatrix } from '@bluezone/sim';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { loadCalibrationTable } from './proximity';
import { withSimErrors } from './sim-errors';
import { txPowerOption } from './sim-mit-csv';

const usage = 'bluezone sim proximity-eval [--tx-power DBM] [--data mit-matrix-data.tar.gz] [--json]';
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

export const simProximityEvalCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values } = parseOptions(
        args,
        { 'tx-power': { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } },
        usage,
      );
      const table = await loadCalibrationTable();
      const tx = txPowerOption(values['tx-power'], table.fallback.txPower);
      const logs = await readMitMatrix(requireMitMatrix(mitMatrixPath(values.data, io.env)));
      const result = compareProximityConfigurations(logs, tx, table);
      if (values.json) {
        io.stdout(JSON.stringify(result));
        return 0;
      }
      io.stdout(
        `TX power ${tx} dBm; tuned threshold ${result.tunedThresholdDb} dB (typical attenuation), tuned on ${result.trainScenarios.length} experiments, tested on ${result.testScenarios.length}`,
      );
      io.stdout('');
      io.stdout(
        '| configuration | data | pairs (close) | time precision | time recall | exposure precision | exposure recall |',
      );
      io.stdout('| --- | --- | --- | --- | --- | --- | --- |');
      for (const r of result.rows) {
        const a = r.accuracy;
        io.stdout(
          `| ${r.configuration} | ${r.split} | ${a.pairs} (${a.closePairs}) | ${pct(a.timePrecision)} | ${pct(a.timeRecall)} | ${pct(a.exposurePrecision)} | ${pct(a.exposureRecall)} |`,
        );
      }
      return 0;
    }),
};
