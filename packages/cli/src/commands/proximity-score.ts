/**
 * `bluezone proximity-score --input FILE.csv --truth TRUTH.csv`: real sightings scored against
 * their ground truth as the outside evaluation scores `bluezone proximity`'s output (per pair:
 * close minutes summed, ≥ 10 flags; truly close at ≥ 10 minutes within 2 m): the estimator with
 * `--parameters`, CWA's and SwissCovid's rules, every pair heard, and two bars chosen on this very
 * data — the single attenuation threshold and the estimator's probability cut with the best F1 in
 * hindsight — then how often the pairs at each probability were close. A health authority runs
 * it on a field test of its own phones: the cut's probability p is the decision `decisionQuantile`
 * 1 − p would take, to serve in the configuration document without an app update. Pairs are the
 * truth file's; sightings of pairs it does not name are not scored.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseTruthCsv, SimError, type TruePair, TruthScoring } from '@bluezone/sim';
import type { Command } from '../command';
import { unreadableOptionFile } from '../option-file';
import { parseOptions, requireOption } from '../options';
import { loadCalibrationTable, loadProximityParameters, readSightings } from './proximity';
import { withSimErrors } from './sim-errors';

const usage =
  'bluezone proximity-score --input FILE.csv --truth TRUTH.csv [--parameters v1…v6|FILE.json] [--calibration EN_LIST.csv] [--json]';
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

async function readTruth(cwd: string, spec: string): Promise<TruePair[]> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, spec), 'utf8');
  } catch (err) {
    throw unreadableOptionFile('--truth', spec, err);
  }
  try {
    return parseTruthCsv(text);
  } catch (err) {
    if (err instanceof SimError) throw new SimError(err.code, `--truth ${spec}: ${err.message}`);
    throw err;
  }
}

export const proximityScoreCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values } = parseOptions(
        args,
        {
          input: { type: 'string' },
          truth: { type: 'string' },
          parameters: { type: 'string' },
          calibration: { type: 'string' },
          json: { type: 'boolean' },
        },
        usage,
      );
      const input = requireOption(values.input, 'input', usage);
      const truthFile = requireOption(values.truth, 'truth', usage);
      const parameters = await loadProximityParameters(values.parameters, io.cwd);
      const table = await loadCalibrationTable(values.calibration, io.cwd);
      const truth = await readTruth(io.cwd, truthFile);
      const sightings = await readSightings(io.cwd, input);
      const scoring = new TruthScoring(parameters, table);
      for (const receiver of sightings.receivers()) scoring.add(sightings.rowsOf(receiver));
      const score = scoring.result(truth);
      if (values.json) {
        io.stdout(JSON.stringify(score));
        return 0;
      }
      io.stdout('| method | pairs (close) | flagged | precision | recall | F1 | close-minute MAE |');
      io.stdout('| --- | --- | --- | --- | --- | --- | --- |');
      for (const { method, accuracy: a } of score.rows)
        io.stdout(
          `| ${method} | ${a.pairs} (${a.closePairs}) | ${a.flagged} | ${pct(a.precision)} | ${pct(a.recall)} | ${a.f1.toFixed(2)} | ${a.maeMinutes.toFixed(1)} min |`,
        );
      io.stdout('');
      io.stdout('| probability of 10 close minutes | pairs | mean probability | truly close |');
      io.stdout('| --- | --- | --- | --- |');
      for (const b of score.reliability)
        io.stdout(
          `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.pairs} | ${b.meanProbability.toFixed(2)} | ${pct(b.closeShare)} |`,
        );
      return 0;
    }),
};
