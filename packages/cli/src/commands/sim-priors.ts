/**
 * `bluezone sim priors`: estimator parameters whose band priors are a simulated district's own
 * geometry — how its app users' time in radio range divides among the bands
 * (`groundTruth.inRangeBandShares` of `bluezone simulate --json` or report.json) — instead of the
 * social settings' the defaults carry. Printed as a parameters file for `sim preview
 * --parameters` and `proximity --parameters`, or the `proximity` of a configuration document a
 * health authority serves.
 */
import { withBandPriors } from '@bluezone/protocol';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { readOptionFile } from '../option-file';
import { parseOptions, requireOption } from '../options';
import { loadProximityParameters } from './proximity';

const usage = 'bluezone sim priors --report report.json [--parameters v1…v6|FILE.json]';

interface ReportPart {
  scenario?: { name?: unknown; seed?: unknown };
  groundTruth?: { inRangeBandShares?: { maxDistanceM: number; share: number }[] };
}

export const simPriorsCommand: Command = {
  usage,
  run: async (args, io) => {
    const { values } = parseOptions(args, { report: { type: 'string' }, parameters: { type: 'string' } }, usage);
    const { path, text } = await readOptionFile(io.cwd, '--report', requireOption(values.report, 'report', usage));
    let report: ReportPart;
    try {
      report = JSON.parse(text) as ReportPart;
    } catch (err) {
      throw new CliError(`--report ${path}: not JSON: ${(err as Error).message}`);
    }
    const bands = report?.groundTruth?.inRangeBandShares;
    if (!Array.isArray(bands))
      throw new CliError(
        `--report ${path}: no groundTruth.inRangeBandShares (not a simulation report, or one made before reports had them)`,
      );
    const base = await loadProximityParameters(values.parameters, io.cwd);
    const name = `${base.name}, priors of ${String(report.scenario?.name ?? 'a district')} seed ${String(report.scenario?.seed ?? '?')}`;
    try {
      const p = withBandPriors(
        base,
        bands.map((b) => b.share),
        name.slice(0, 100),
      );
      io.stdout(JSON.stringify(p, null, 2));
    } catch (err) {
      throw new CliError(`--report ${path}: ${(err as Error).message}`);
    }
    return 0;
  },
};
