/**
 * `bluezone sim proximity-eval`: the accuracy tables of docs/accuracy.md. Leave-one-experiment-
 * out over the MIT Matrix and rss-smartphone recordings: pair-level precision, recall, F1 and
 * close-minute error of the proximity estimator next to the current GAEN-bucket count, the CWA
 * and SwissCovid rules and a single threshold tuned on the training folds; for continuous and
 * GAEN-like sampling and for deliberate calibration errors. Each group ends with two bars chosen
 * on the test data itself: the single threshold and the estimator's probability cut with the best
 * F1 in hindsight.
 *   --contacts     rooms (default: a receiver and a few transmitters, half the pairs close), social
 *                  (a group through a lunch, a train, an office, a queue and a party; 10–30 % close)
 *                  or social-day (the same with one receiver per person all day, each phone
 *                  carried anew in each setting; pairs still scored setting by setting)
 *   --scan-loss    social contacts with GAEN's scans only: the chance a scan misses a transmitter in
 *                  range (0..0.9; default 0), as real phones miss advertisements
 *   --crowd-exponent  social contacts only: every setting's crowd exponent (0.1..1.5; 1 reads each
 *                  distance as the open-room recordings did) instead of each setting's own
 *   --spread-scale social contacts only: the share of the synthesis's pair and phone spread (~5.8 dB)
 *                  added on top of each recording's own (0..2; default 1; 0 keeps the recordings' own)
 *   --time-scale   social contacts only: every setting, and every stay in it, lasts this share of its
 *                  time (0.1..2; default 1), the people where they were
 *   --unread-tx-bias  the "offset also from all heard" rows: dB by which the TX power a phone takes for
 *                  identifiers it cannot read is off the population's (-20..20; default 0)
 *   --by-experiment  rows for each held-out experiment (one carry combination) too
 *   --candidate    a parameter document to score beside the defaults (bands re-fitted per fold)
 *   --parameters   print the estimator parameters fitted on all recordings (the pinned defaults)
 *   --mit-time     the older time-level table on the MIT data alone (docs/simulator.md, "The GAEN rules on
 *                  real measurements")
 */
import {
  compareProximityConfigurations,
  fitProximity,
  mitMatrixPath,
  mitRecordings,
  parametersFromFit,
  readMitMatrix,
  readRssSmartphone,
  requireMitMatrix,
  requireRssSmartphone,
  rssSmartphoneDir,
  type ValidationResult,
  type ValidationRow,
  validateProximity,
} from '@bluezone/sim';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { accuracyCells, pct, reliabilityCells } from './accuracy-cells';
import { loadCalibrationTable, loadProximityParameters } from './proximity';
import { withSimErrors } from './sim-errors';
import { txPowerOption } from './sim-mit-csv';

const usage =
  'bluezone sim proximity-eval [--contacts rooms|social|social-day] [--rooms N] [--people N] [--seed N] [--shifts -6,0,6] [--samplings continuous,gaen] [--methods PREFIX|=NAME,…] [--scan-loss P] [--crowd-exponent G] [--spread-scale S] [--time-scale S] [--unread-tx-bias DB] [--by-experiment] [--candidate PARAMETERS.json] [--data mit-matrix-data.tar.gz] [--rss-data DIR] [--json] | --parameters | --mit-time [--tx-power DBM]';
/** A deliberate calibration error as the tables write it: `+6 dB`, `0 dB`, `-6 dB`. */
const shift = (db: number) => `${db > 0 ? '+' : ''}${db} dB`;

function intOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer ${min}..${max}`);
  return n;
}

/** A number option within min..max, named in its error as `--NAME must be WHAT in min..max`; undefined when absent. */
function rangeOption(value: string | undefined, name: string, what: string, min: number, max: number) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be ${what} in ${min}..${max}`);
  return n;
}

/**
 * `--methods`: names or name prefixes separated by commas; a comma followed by a space is part of
 * a name (`bluezone-hmm, candidate`), and `=NAME` asks for that name alone (`=bluezone-hmm`
 * without its variants).
 */
export function methodList(value: string): string[] {
  return value.split(/,(?!\s)/).filter((m) => m !== '');
}

export function validationTable(rows: readonly ValidationRow[]): string[] {
  const out = [
    '| sampling | calibration error | data | method | pairs (close) | flagged | precision | recall | F1 | close-minute MAE |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows)
    out.push(
      `| ${r.sampling} | ${shift(r.calibrationShiftDb)} | ${r.dataset} | ${r.method} | ${accuracyCells(r.accuracy)} |`,
    );
  return out;
}

/** How often the pairs at each of the estimate's probabilities were close: its calibration on this data. */
export function reliabilityTable(reliability: ValidationResult['reliability']): string[] {
  if (reliability.length === 0) return [];
  const out = [
    '',
    "How often the pairs at each probability were close (the defaults' probability of 10 close minutes, all data):",
    '',
    '| sampling | calibration error | probability | pairs | mean probability | truly close |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of reliability)
    for (const b of r.bins) out.push(`| ${r.sampling} | ${shift(r.calibrationShiftDb)} | ${reliabilityCells(b)} |`);
  return out;
}

export const simProximityEvalCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values } = parseOptions(
        args,
        {
          contacts: { type: 'string' },
          rooms: { type: 'string' },
          people: { type: 'string' },
          samplings: { type: 'string' },
          methods: { type: 'string' },
          candidate: { type: 'string' },
          'scan-loss': { type: 'string' },
          'crowd-exponent': { type: 'string' },
          'spread-scale': { type: 'string' },
          'time-scale': { type: 'string' },
          'unread-tx-bias': { type: 'string' },
          'by-experiment': { type: 'boolean' },
          seed: { type: 'string' },
          shifts: { type: 'string' },
          'tx-power': { type: 'string' },
          data: { type: 'string' },
          'rss-data': { type: 'string' },
          parameters: { type: 'boolean' },
          'mit-time': { type: 'boolean' },
          json: { type: 'boolean' },
        },
        usage,
      );
      // Every option is checked before the recordings are read: a typo is named at once.
      const shifts = (values.shifts ?? '0').split(',').map((s) => {
        const n = Number(s);
        if (s.trim() === '' || !Number.isFinite(n) || Math.abs(n) > 30)
          throw new UsageError('--shifts must be dB values in -30..30, comma-separated');
        return n;
      });
      const contacts = values.contacts ?? 'rooms';
      if (contacts !== 'rooms' && contacts !== 'social' && contacts !== 'social-day')
        throw new UsageError('--contacts must be rooms, social or social-day');
      const samplings = (values.samplings ?? 'continuous,gaen').split(',').map((s) => {
        if (s !== 'continuous' && s !== 'gaen') throw new UsageError('--samplings must list continuous and/or gaen');
        return s;
      });
      const scanLoss = rangeOption(values['scan-loss'], 'scan-loss', 'a probability', 0, 0.9) ?? 0;
      if (values['scan-loss'] !== undefined && (contacts === 'rooms' || samplings.some((s) => s !== 'gaen')))
        throw new UsageError(
          '--scan-loss applies to GAEN scans of social contacts: add --contacts social --samplings gaen',
        );
      const crowdExponent = rangeOption(values['crowd-exponent'], 'crowd-exponent', 'a number', 0.1, 1.5);
      const spreadScale = rangeOption(values['spread-scale'], 'spread-scale', 'a number', 0, 2);
      const timeScale = rangeOption(values['time-scale'], 'time-scale', 'a number', 0.1, 2);
      const unreadTxBias = rangeOption(values['unread-tx-bias'], 'unread-tx-bias', 'a number of dB', -20, 20);
      for (const [name, value] of [
        ['crowd-exponent', crowdExponent],
        ['spread-scale', spreadScale],
        ['time-scale', timeScale],
      ] as const)
        if (value !== undefined && contacts === 'rooms')
          throw new UsageError(`--${name} applies to social contacts: add --contacts social or social-day`);
      const seed = intOption(values.seed, 'seed', 1, 0, 2 ** 31);
      const rooms = intOption(values.rooms, 'rooms', 8, 1, 100);
      const people = intOption(values.people, 'people', 16, 2, 60);
      const candidate = values.candidate
        ? await loadProximityParameters(values.candidate, io.cwd, '--candidate')
        : undefined;
      const table = await loadCalibrationTable();
      const logs = await readMitMatrix(requireMitMatrix(mitMatrixPath(values.data, io.env)));
      if (values['mit-time']) {
        const tx = txPowerOption(values['tx-power'], table.fallback.txPower);
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
      }
      const recordings = [
        ...mitRecordings(logs),
        ...(await readRssSmartphone(requireRssSmartphone(rssSmartphoneDir(values['rss-data'], io.env)))),
      ];
      if (values.parameters) {
        const fit = fitProximity(recordings);
        io.stdout(
          JSON.stringify(values.json ? { fit, parameters: parametersFromFit(fit) } : parametersFromFit(fit), null, 2),
        );
        return 0;
      }
      const result = validateProximity(recordings, {
        seed,
        contacts,
        roomsPerExperiment: rooms,
        people,
        samplings,
        shiftsDb: shifts,
        table,
        ...(values.methods ? { methods: methodList(values.methods) } : {}),
        ...(candidate ? { candidate } : {}),
        ...(scanLoss > 0 ? { scanLoss } : {}),
        ...(crowdExponent !== undefined ? { crowdExponent } : {}),
        ...(spreadScale !== undefined ? { spreadScale } : {}),
        ...(timeScale !== undefined ? { timeScale } : {}),
        ...(unreadTxBias !== undefined ? { unreadTxPowerBiasDb: unreadTxBias } : {}),
        ...(values['by-experiment'] ? { byExperiment: true } : {}),
      });
      if (values.json) {
        io.stdout(JSON.stringify(result));
        return 0;
      }
      io.stdout(
        `${recordings.length} recordings, ${result.folds.length} experiments left out in turn; single threshold per fold (continuous): ${result.folds.map((f) => f.thresholdDb).join(', ')} dB`,
      );
      io.stdout('');
      for (const line of [...validationTable(result.rows), ...reliabilityTable(result.reliability)]) io.stdout(line);
      return 0;
    }),
};
