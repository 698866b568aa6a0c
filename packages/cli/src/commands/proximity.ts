/**
 * `bluezone proximity --input FILE.csv --json`: scores real sightings (CSV
 * `time_ms,receiver,transmitter,rssi,tx_power,receiver_model,transmitter_model`) with the
 * SDK's risk scoring and prints one JSON line per (receiver, transmitter, UTC day):
 * `{"receiver","transmitter","day","closeMinutes","score","exposed"}`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CWA_RISK_CONFIGURATION,
  type DeviceCalibrationTable,
  ProtocolError,
  parseCalibrationCsv,
  RISK_PRESETS,
  type RiskConfiguration,
  validateRiskConfiguration,
} from '@bluezone/protocol';
import { EN_CALIBRATION_PATH, parseSightingsCsv, scoreSightings } from '@bluezone/sim';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withSimErrors } from './sim-errors';

const usage = `bluezone proximity --input FILE.csv [--config ${Object.keys(RISK_PRESETS).join('|')}|FILE.json] [--json]`;

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

export async function loadCalibrationTable(): Promise<DeviceCalibrationTable> {
  return parseCalibrationCsv(await readFile(EN_CALIBRATION_PATH, 'utf8'));
}

export const proximityCommand: Command = {
  usage,
  run: (args, io) =>
    withSimErrors(async () => {
      const { values } = parseOptions(
        args,
        { input: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' } },
        usage,
      );
      const input = resolve(io.cwd, requireOption(values.input, 'input', usage));
      let text: string;
      try {
        text = await readFile(input, 'utf8');
      } catch (err) {
        throw new CliError(`cannot read --input ${input}: ${(err as Error).message}`);
      }
      const config = await loadRiskConfiguration(values.config, io.cwd);
      const rows = parseSightingsCsv(text);
      const verdicts = scoreSightings(rows, config, await loadCalibrationTable());
      for (const v of verdicts) {
        if (values.json) io.stdout(JSON.stringify(v));
        else
          io.stdout(
            `${v.day}  ${v.receiver} ← ${v.transmitter}: close ${v.closeMinutes.toFixed(1)} min, score ${v.score.toFixed(1)}${v.exposed ? '  EXPOSED' : ''}`,
          );
      }
      return 0;
    }),
};
