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
 * phones made, not the built-in list's or a newer one's. A phone whose recording names none (an
 * earlier SDK) gets its model's row as another phone applied it, else the built-in list's, so it
 * is scored as `bluezone proximity` without `--calibration` scores it. Every file's text is made
 * before any is written: a refusal leaves none.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatCalibrationCsv, ProtocolError, parseFieldTestRecording } from '@bluezone/protocol';
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
import { loadCalibrationTable } from './proximity';
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
      const truthFile = values['truth-template'] === undefined ? undefined : resolve(io.cwd, values['truth-template']);
      const calibrationFile =
        values['calibration-out'] === undefined ? undefined : resolve(io.cwd, values['calibration-out']);
      if (truthFile === out) throw new UsageError(`--truth-template names the file --out writes: ${out}`);
      if (calibrationFile !== undefined && (calibrationFile === out || calibrationFile === truthFile)) {
        const other = calibrationFile === out ? '--out' : '--truth-template';
        throw new UsageError(`--calibration-out names the file ${other} writes: ${calibrationFile}`);
      }
      if (positionals.length === 0) throw new UsageError(`name the test phones' recordings\nusage: ${usage}`);
      const recordings = [];
      for (const file of positionals) {
        recordings.push(await parseOptionFile(io.cwd, 'recording', file, parseFieldTestRecording));
      }
      const test = fieldTestSightings(nodeBackend, recordings);
      // Phones of one model that applied two rows stop the run; phones without a row get the built-in list's.
      const calibration =
        calibrationFile === undefined ? undefined : fieldTestCalibration(recordings, await loadCalibrationTable());
      // Every file's text before any is written: a refusal leaves no file behind.
      const files: { path: string; text: string }[] = [
        { path: out, text: `${[SIGHTINGS_CSV_HEADER, ...fieldTestLines(test).map(formatSightingRow)].join('\n')}\n` },
      ];
      if (truthFile !== undefined) {
        const labels = test.phones.map((p) => p.phone);
        const lines = [TRUTH_COLUMNS.join(',')];
        for (const rx of labels) for (const tx of labels) if (rx !== tx) lines.push(`${rx},${tx},`);
        files.push({ path: truthFile, text: `${lines.join('\n')}\n` });
      }
      if (calibrationFile !== undefined && calibration !== undefined) {
        try {
          files.push({ path: calibrationFile, text: formatCalibrationCsv(calibration.rows) });
        } catch (err) {
          if (err instanceof ProtocolError) throw new CliError(`--calibration-out: ${err.message}`);
          throw err;
        }
      }
      for (const f of files) await writeFile(f.path, f.text);
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
        const applied = calibration.rows.filter((r) => !r.fromBase);
        const phones = applied.reduce((n, r) => n + r.phones.length, 0);
        const models = (n: number) => `${n} ${n === 1 ? 'model' : 'models'}`;
        io.stdout(
          `Calibration rows the phones applied: ${phones} of ${test.phones.length} phones, ${models(applied.length)} → ${calibrationFile}`,
        );
        const fromBase = calibration.rows.filter((r) => r.fromBase);
        if (fromBase.length > 0) {
          const named = fromBase.flatMap((r) => r.unrecorded);
          const one = named.length === 1;
          io.stdout(
            `No calibration in the recording of ${named.join(', ')} (an SDK from before 7 Dec 2026), nor in another of ${one ? 'its model' : 'their models'}: ` +
              `the file holds ${one ? 'its' : 'their'} ${one ? "model's row" : "models' rows"} of the built-in EN list (${fromBase.map((r) => r.model || 'unknown').join(', ')}), ` +
              `so ${one ? 'it is' : 'they are'} scored as bluezone proximity without --calibration scores ${one ? 'it' : 'them'}, which may not be what ${one ? 'it' : 'they'} applied.`,
          );
        }
        for (const r of applied) {
          if (r.unrecorded.length === 0) continue;
          const one = r.unrecorded.length === 1;
          io.stdout(
            `No calibration in the recording of ${r.unrecorded.join(', ')} (an SDK from before 7 Dec 2026): ` +
              `corrected by ${one ? 'its' : 'their'} model's row as ${r.phones.join(', ')} applied it (${r.model || 'unknown'}, ${r.rssiCorrection} dB, ${r.txPower} dBm), which may not be what ${one ? 'it' : 'they'} applied.`,
          );
        }
      }
      for (const { phone, rssiCorrection } of calibration?.iPhonesCorrected ?? []) {
        io.stderr(
          `warning: ${phone}, an iPhone, corrected its readings by ${rssiCorrection} dB (an SDK that gave an iPhone without a list the list's median): scoring takes every iPhone as the list's reference, correction 0, as the file's row does, so its readings are not scored as it corrected them`,
        );
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
