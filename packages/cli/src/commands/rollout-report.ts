/**
 * `bluezone rollout report`: coverage per unit rolled up the tree, as CSV, XLSX or JSON; population
 * mismatches between an area and the areas under it are warned about on stderr.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout report --format csv|xlsx|json [--unit CODE] [--out FILE]';

export const rolloutReportCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { format: { type: 'string' }, unit: { type: 'string' }, out: { type: 'string' } },
      usage,
    );
    const format = values.format ?? 'csv';
    if (!(rollout.REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be csv, xlsx or json, got "${format}"`);
    }
    if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx needs --out FILE');
    return withRollout(io, async (ctx, db, config) => {
      const now = ctx.clock.now();
      const report = await rollout.coverageReport(db, now, values.unit ? { root: values.unit.toUpperCase() } : {});
      // The XLSX also carries the drives, the volunteers' leaderboard and the businesses, as the API's does.
      const extras =
        format === 'xlsx'
          ? await rollout.reportExtras(
              db,
              now,
              report.root,
              await rollout.listUnits(db),
              await rollout.installBaseUrl(ctx, config),
              config.volunteerRetentionDays,
            )
          : {};
      const file = await rollout.coverageReportFile(report, format as rollout.ReportFormat, extras);
      for (const w of report.warnings) {
        io.stderr(
          `warning: ${w.code} ${w.name} has population ${w.population}, its ${w.children} areas ${w.childrenPopulation}`,
        );
      }
      if (values.out) {
        const path = resolve(io.cwd, values.out);
        await writeFile(path, file);
        io.stdout(path);
      } else {
        io.stdout(file.toString('utf8').trimEnd());
      }
      return 0;
    });
  },
};
