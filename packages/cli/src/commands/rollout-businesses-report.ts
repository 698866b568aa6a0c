/** `bluezone rollout businesses report`: per-business results (installs recommended, share of customers, last 7 days) as CSV. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout businesses report [--unit CODE] [--out FILE.csv]';

export const rolloutBusinessesReportCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { unit: { type: 'string' }, out: { type: 'string' } }, usage);
    return withRollout(io, async (ctx, db, config) => {
      const units = await rollout.listUnits(db);
      const root = values.unit?.toUpperCase() ?? units.find((u) => u.parentCode === null)?.code ?? '';
      if (!units.some((u) => u.code === root))
        throw new rollout.RolloutError('unknown_unit', `no unit with code ${root}`);
      const under = rollout.subtreeCodes(root, units);
      const businesses = units.filter((u) => u.kind === 'business' && u.archivedAt === null && under.has(u.code));
      const results = await rollout.businessResults(
        db,
        ctx.clock.now(),
        businesses,
        units,
        await rollout.installBaseUrl(ctx, config),
      );
      const file = rollout.csvFile(rollout.sheet('Businesses', rollout.BUSINESS_COLUMNS, results));
      if (values.out) {
        const path = resolve(io.cwd, values.out);
        await writeFile(path, file);
        io.stdout(path);
      } else io.stdout(file.toString('utf8').trimEnd());
      return 0;
    });
  },
};
