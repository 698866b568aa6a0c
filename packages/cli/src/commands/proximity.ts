/**
 * `bluezone proximity --input FILE.csv --json`: real sightings (CSV
 * `time_ms,receiver,transmitter,rssi,tx_power,receiver_model,transmitter_model`) → one JSON
 * line per (receiver, transmitter, UTC day):
 * `{"receiver","transmitter","day","closeMinutes","closeMinutesLow","closeMinutesHigh",
 *   "meanCloseMinutes","notifyProbability","heardMinutes","score","exposed"}`.
 * `closeMinutes` (with its 10–90 % interval) comes from the protocol's proximity estimator, the
 * one the SDK's exposure check uses; `notifyProbability` the posterior probability of reaching
 * the parameters' `notifyCloseMinutes`; `exposed` is its notification decision (close minutes ≥ the
 * parameters' `notifyCloseMinutes`); `score` is the GAEN risk score (weighted minutes) of the
 * same sightings under `--config`, as before. Receivers' RSSI corrections come from Google's EN
 * device calibration list (the protocol's copy, or `--calibration FILE` for a newer one). A
 * receiver's offset is learnt from all of its transmitters, as the outside evaluation runs it;
 * `--each-key` estimates each transmitter's day on its own, as a phone estimates a matched key.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CWA_RISK_CONFIGURATION,
  DEFAULT_PROXIMITY_PARAMETERS,
  type DeviceCalibrationTable,
  PROXIMITY_PARAMETER_VERSIONS,
  ProtocolError,
  type ProximityParameters,
  parseCalibrationCsv,
  parseProximityParameters,
  RISK_PRESETS,
  type RiskConfiguration,
  validateRiskConfiguration,
} from '@bluezone/protocol';
import {
  EN_CALIBRATION_PATH,
  estimateSightings,
  readSightingsFile,
  SightingsByReceiver,
  SimError,
  scoreSightings,
} from '@bluezone/sim';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { parseOptionFile, unreadableOptionFile } from '../option-file';
import { parseOptions, requireOption } from '../options';
import { withSimErrors } from './sim-errors';

const usage = `bluezone proximity --input FILE.csv [--parameters v1…v6|FILE.json] [--config ${Object.keys(RISK_PRESETS).join('|')}|FILE.json] [--calibration EN_LIST.csv] [--each-key] [--json]`;

/** The risk configuration the SDK uses unless a health authority sets its own. */
export const SDK_DEFAULT_RISK_CONFIGURATION = CWA_RISK_CONFIGURATION;

export async function loadRiskConfiguration(spec: string | undefined, cwd: string): Promise<RiskConfiguration> {
  if (spec === undefined) return SDK_DEFAULT_RISK_CONFIGURATION;
  const preset = RISK_PRESETS[spec];
  if (preset) return preset;
  let config: RiskConfiguration;
  try {
    config = JSON.parse(await readFile(resolve(cwd, spec), 'utf8')) as RiskConfiguration;
    validateRiskConfiguration(config);
  } catch (err) {
    const why = err instanceof ProtocolError || err instanceof SyntaxError ? err.message : (err as Error).message;
    throw new CliError(
      `--config ${spec}: not a preset (${Object.keys(RISK_PRESETS).join(', ')}) nor a valid configuration file: ${why}`,
    );
  }
  return config;
}

/**
 * Estimator parameters by version name (`v4`, `bluezone-hmm-v4`) or from a JSON file (validated), or
 * the fitted defaults; errors name `option`.
 */
export async function loadProximityParameters(
  spec: string | undefined,
  cwd: string,
  option = '--parameters',
): Promise<ProximityParameters> {
  if (spec === undefined) return DEFAULT_PROXIMITY_PARAMETERS;
  const version = PROXIMITY_PARAMETER_VERSIONS.find((p) => p.name === spec || p.name === `bluezone-hmm-${spec}`);
  if (version) return version;
  return parseOptionFile(cwd, option, spec, parseProximityParameters);
}

/**
 * Google's EN device calibration list: the one in @bluezone/protocol, or a newer file (`spec`,
 * relative to `cwd`, as the key server's EN_CALIBRATION_FILE takes one); errors name `--calibration`.
 */
export async function loadCalibrationTable(spec?: string, cwd = process.cwd()): Promise<DeviceCalibrationTable> {
  if (spec === undefined) return parseCalibrationCsv(await readFile(EN_CALIBRATION_PATH, 'utf8'));
  return parseOptionFile(cwd, '--calibration', spec, parseCalibrationCsv);
}

/**
 * The sightings file `--input` names, read line by line into columns by receiver (a continuous
 * log of a day can be larger than any one string); a bad line is named by its number, a file that
 * cannot be read by the option.
 */
export async function readSightings(cwd: string, spec: string): Promise<SightingsByReceiver> {
  const sightings = new SightingsByReceiver();
  try {
    await readSightingsFile(resolve(cwd, spec), (row) => sightings.add(row));
  } catch (err) {
    if (err instanceof SimError) throw err;
    throw unreadableOptionFile('--input', spec, err);
  }
  return sightings;
}

export const proximityCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values } = parseOptions(
        args,
        {
          input: { type: 'string' },
          parameters: { type: 'string' },
          config: { type: 'string' },
          calibration: { type: 'string' },
          'each-key': { type: 'boolean' },
          json: { type: 'boolean' },
        },
        usage,
      );
      const input = requireOption(values.input, 'input', usage);
      const sightings = await readSightings(io.cwd, input);
      const config = await loadRiskConfiguration(values.config, io.cwd);
      const parameters = await loadProximityParameters(values.parameters, io.cwd);
      const table = await loadCalibrationTable(values.calibration, io.cwd);
      const eachKey = values['each-key'] === true;
      const key = (r: { transmitter: string; day: string }) => `${r.transmitter}\u0000${r.day}`;
      // A receiver's verdicts depend on its own readings alone: one at a time, its rows as objects only meanwhile.
      for (const receiver of sightings.receivers()) {
        const rows = sightings.rowsOf(receiver);
        const scores = new Map(scoreSightings(rows, config, table).map((v) => [key(v), v.score]));
        const census = sightings.censusOf(receiver);
        for (const e of estimateSightings(rows, parameters, { calibrationTable: table, census, eachKey })) {
          const { exposed, ...rest } = e;
          // Weighted minutes to the hundredth: the sum of the scorer's floating-point terms (151.20000000000002) says no more.
          const line = { ...rest, score: Math.round((scores.get(key(e)) ?? 0) * 100) / 100, exposed };
          if (values.json) io.stdout(JSON.stringify(line));
          else
            io.stdout(
              `${e.day}  ${e.receiver} ← ${e.transmitter}: close ${e.closeMinutes} min (${e.closeMinutesLow}–${e.closeMinutesHigh}) of ${e.heardMinutes} heard, score ${line.score.toFixed(1)}${exposed ? '  EXPOSED' : ''}`,
            );
        }
      }
      return 0;
    }),
};
