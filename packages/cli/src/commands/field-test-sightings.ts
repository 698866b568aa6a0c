/**
 * `bluezone field-test-sightings --out FILE.csv [--truth-template FILE.csv] [--calibration-out
 * FILE.csv] RECORDING.json…`: a field test's recordings (one
 * per enrolled test phone, exported from the app's Settings) → the sightings CSV that
 * `bluezone proximity-score` scores against the test's ground truth. Every scan of another test
 * phone's identifier becomes rows named by the two phones' labels, with the TX power its
 * advertisement carried (@bluezone/sim field-test-sightings.ts), and each phone's scan census as
 * census lines (every identifier it heard, outside phones' too, by number only, so the estimator
 * counts its scans and their crowd as the phone does). `--truth-template` writes every ordered pair of labels with an empty
 * `true_close_minutes` for the observers to fill in. `--calibration-out` writes the calibration
 * rows the phones applied (their recordings name them) as an EN calibration list, one row per
 * model, for `proximity-score --calibration`: the CSV is then scored with the corrections the
 * phones made, not the built-in list's or a newer one's.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatCalibrationCsv, parseFieldTestRecording } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import {
  fieldTestCalibration,
  fieldTestLines,
  fieldTestSightings,
  formatSightingRow,
  SIGHTINGS_CSV_HEADER,
  TRUTH_COLUMNS,
} from '@bluezone/sim';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptionFile } from '../option-file';
import { parseOptions, requireOption } from '../options';
import { withSimErrors } from './sim-errors';

const usage =
  'bluezone field-test-sightings --out FILE.csv [--truth-template FILE.csv] [--calibration-out FILE.csv] RECORDING.json…';

export const fieldTestSightingsCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values, positionals } = parseOptions(
        args,
        { out: { type: 'string' }, 'truth-template': { type: 'string' }, 'calibration-out': { type: 'string' } },
        usage,
        true,
      );
      const out = resolve(io.cwd, requireOption(values.out, 'out', usage));
      if (positionals.length === 0) throw new UsageError(`name the test phones' recordings\nusage: ${usage}`);
      const recordings = [];
      for (const file of positionals) {
        recordings.push(await parseOptionFile(io.cwd, 'recording', file, parseFieldTestRecording));
      }
      const test = fieldTestSightings(nodeBackend, recordings);
      // Gathered before anything is written: phones of one model that applied two rows stop the run.
      const calibrationOut = values['calibration-out'];
      const calibration = calibrationOut === undefined ? undefined : fieldTestCalibration(recordings);
      if (calibration !== undefined && calibration.rows.length === 0) {
        throw new CliError(
          'no recording names the calibration its phone applied (all were exported by an SDK from before 7 Dec 2026): there is no list to write; score with --calibration as the phones were served',
        );
      }
      await writeFile(out, `${[SIGHTINGS_CSV_HEADER, ...fieldTestLines(test).map(formatSightingRow)].join('\n')}\n`);
      if (values['truth-template']) {
        const labels = test.phones.map((p) => p.phone);
        const lines = [TRUTH_COLUMNS.join(',')];
        for (const rx of labels) for (const tx of labels) if (rx !== tx) lines.push(`${rx},${tx},`);
        await writeFile(resolve(io.cwd, values['truth-template']), `${lines.join('\n')}\n`);
      }
      const calibrationFile = calibrationOut === undefined ? undefined : resolve(io.cwd, calibrationOut);
      if (calibration !== undefined && calibrationFile !== undefined) {
        await writeFile(calibrationFile, formatCalibrationCsv(calibration.rows));
      }
      const window = `${new Date(test.startsAtMs).toISOString()} – ${new Date(test.endsAtMs).toISOString()}`;
      io.stdout(`Field test ${test.testId}, ${window}: ${test.phones.length} test phones.`);
      io.stdout('');
      io.stdout(
        '| phone | model | keys | scan records | test phones heard | scan records of phones outside the test |',
      );
      io.stdout('| --- | --- | --- | --- | --- | --- |');
      for (const p of test.phones) {
        io.stdout(
          `| ${p.phone} | ${p.model || 'unknown'} | ${p.keys} | ${p.scans} | ${p.heardPhones} | ${p.otherScans} |`,
        );
      }
      io.stdout('');
      const pairs = new Set(test.rows.map((r) => `${r.receiver}\u0000${r.transmitter}`)).size;
      io.stdout(
        `${test.rows.length} sightings of ${pairs} pairs and the phones' census (${test.census.length} scan records, identifiers by number only) → ${out}`,
      );
      if (calibration !== undefined) {
        const phones = calibration.rows.reduce((n, r) => n + r.phones.length, 0);
        io.stdout(
          `Calibration rows the phones applied: ${phones} of ${test.phones.length} phones, ${calibration.rows.length} ${calibration.rows.length === 1 ? 'model' : 'models'} → ${calibrationFile}`,
        );
        if (calibration.without.length > 0) {
          io.stdout(
            `No calibration in the recording of ${calibration.without.join(', ')} (an SDK from before 7 Dec 2026): corrected by its model's row from another phone, else the list's median, which may not be what it applied.`,
          );
        }
      }
      for (const p of test.phones) {
        if (p.keys === 0)
          io.stderr(`warning: ${p.phone} exported no key valid in the test: no phone's sightings of it can be named`);
        else if (p.scans === 0) io.stderr(`warning: ${p.phone} recorded no scan in the test: was Bluezone running?`);
      }
      const scoreWith =
        calibrationFile === undefined
          ? 'with --parameters as the phones were served, and --calibration the list --calibration-out writes of the rows the phones applied'
          : `with --parameters as the phones were served, and --calibration ${calibrationFile}, the rows the phones applied`;
      io.stdout(
        `The recordings tie each test phone’s identifiers to its label: delete them once converted. Score the test with bluezone proximity-score --input the CSV --truth the observers’ truth file --each-key (each key on its own, as the phones estimate it; ${scoreWith}).`,
      );
      return 0;
    }),
};
