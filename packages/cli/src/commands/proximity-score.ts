/**
 * `bluezone proximity-score --input FILE.csv --truth TRUTH.csv`: real sightings scored against
 * their ground truth as the outside evaluation scores `bluezone proximity`'s output (per pair:
 * close minutes summed, ≥ 10 flags; truly close at ≥ 10 minutes within 2 m): the estimator with
 * `--parameters`, CWA's and SwissCovid's rules, every pair heard, and two bars chosen on this very
 * data — the single attenuation threshold and the estimator's probability cut with the best F1 in
 * hindsight — then how often the pairs at each probability were close. A health authority runs
 * it on a field test of its own phones: the cut's probability p is the decision a `decisionQuantile`
 * just above 1 − p takes (`decisionQuantileFor`), to serve in the configuration document without
 * an app update; a cut chosen on other receivers' pairs says whether the test supports it. Pairs are the
 * truth file's; sightings of pairs it does not name are not scored. `--each-key` scores the
 * estimator as the phones run it (each transmitter's day on its own, as a matched key), which is
 * what a quantile served to phones decides; by default, as the outside evaluation runs it.
 */
import { parseTruthCsv, TruthScoring } from '@bluezone/sim';
import type { Command } from '../command';
import { parseOptionFile } from '../option-file';
import { parseOptions, requireOption } from '../options';
import { accuracyCells, pct, reliabilityCells } from './accuracy-cells';
import { loadCalibrationTable, loadProximityParameters, readSightings } from './proximity';
import { withSimErrors } from './sim-errors';

const usage =
  'bluezone proximity-score --input FILE.csv --truth TRUTH.csv [--parameters v1…v6|FILE.json] [--calibration EN_LIST.csv] [--each-key] [--json]';

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
          'each-key': { type: 'boolean' },
          json: { type: 'boolean' },
        },
        usage,
      );
      const input = requireOption(values.input, 'input', usage);
      const truthFile = requireOption(values.truth, 'truth', usage);
      const parameters = await loadProximityParameters(values.parameters, io.cwd);
      const table = await loadCalibrationTable(values.calibration, io.cwd);
      const truth = await parseOptionFile(io.cwd, '--truth', truthFile, parseTruthCsv);
      const sightings = await readSightings(io.cwd, input);
      const scoring = new TruthScoring(parameters, { calibrationTable: table, eachKey: values['each-key'] === true });
      for (const receiver of sightings.receivers())
        scoring.add(sightings.rowsOf(receiver), sightings.censusOf(receiver));
      const score = scoring.result(truth);
      if (values.json) {
        io.stdout(JSON.stringify(score));
        return 0;
      }
      io.stdout('| method | pairs (close) | flagged | precision | recall | F1 | close-minute MAE |');
      io.stdout('| --- | --- | --- | --- | --- | --- | --- |');
      for (const { method, accuracy } of score.rows) io.stdout(`| ${method} | ${accuracyCells(accuracy)} |`);
      io.stdout('');
      io.stdout('| probability of 10 close minutes | pairs | mean probability | truly close |');
      io.stdout('| --- | --- | --- | --- |');
      for (const b of score.reliability) io.stdout(`| ${reliabilityCells(b)} |`);
      if (score.cut) {
        const decision = score.rows[0]?.accuracy;
        const q = score.cut.decisionQuantile.toFixed(3);
        io.stdout('');
        io.stdout(
          `The probability cut in hindsight (P ≥ ${score.cut.probability.toFixed(3)}) is the decision decisionQuantile ${q} takes, served in the configuration document's proximity.`,
        );
        const cv = score.cut.crossValidated;
        if (cv && decision) {
          const beats = cv.accuracy.f1 > decision.f1;
          io.stdout(
            `Chosen on the other receivers' pairs and scored on each fold's own (${cv.folds} folds by receiver), such a cut scores F1 ${cv.accuracy.f1.toFixed(2)} (${pct(cv.accuracy.precision)} / ${pct(cv.accuracy.recall)}) against the decision's ${decision.f1.toFixed(2)} on the same pairs: ${beats ? `this field test supports serving decisionQuantile ${q}` : 'this field test does not support serving another decisionQuantile'}.`,
          );
        } else io.stdout('Too few receivers or close pairs to check a cut on pairs it was not chosen on.');
      }
      return 0;
    }),
};
