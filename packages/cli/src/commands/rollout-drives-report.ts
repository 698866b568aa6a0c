/** `bluezone rollout drives report`: per-drive results and the volunteers' leaderboard, as CSV, XLSX or JSON. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage =
  'bluezone rollout drives report [--unit CODE] [--format csv|xlsx|json] [--table drives|leaderboard] [--out FILE]';

export const rolloutDrivesReportCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { unit: { type: 'string' }, format: { type: 'string' }, table: { type: 'string' }, out: { type: 'string' } },
      usage,
    );
    const format = values.format ?? 'csv';
    if (!(rollout.REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be csv, xlsx or json, got "${format}"`);
    }
    const table = values.table ?? 'drives';
    if (table !== 'drives' && table !== 'leaderboard') throw new UsageError('--table must be drives or leaderboard');
    if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx needs --out FILE');
    return withRollout(io, async (ctx, db, config) => {
      const units = await rollout.listUnits(db);
      const root = values.unit?.toUpperCase() ?? units.find((u) => u.parentCode === null)?.code ?? '';
      if (!units.some((u) => u.code === root))
        throw new rollout.RolloutError('unknown_unit', `no unit with code ${root}`);
      const base = await rollout.installBaseUrl(ctx, config);
      const report = await rollout.drivesReport(
        db,
        ctx.clock.now(),
        root,
        units,
        (code) => rollout.volunteerInviteLink(base, code),
        config.volunteerRetentionDays,
      );
      const file = await rollout.drivesReportFile(report, format as rollout.ReportFormat, table);
      if (values.out) {
        const path = resolve(io.cwd, values.out);
        await writeFile(path, file);
        io.stdout(path);
      } else io.stdout(file.toString('utf8').trimEnd());
      return 0;
    });
  },
};
