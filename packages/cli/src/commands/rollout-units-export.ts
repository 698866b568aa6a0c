/**
 * `bluezone rollout units export`: the units as CSV (the import format). Archived units are left
 * out, as GET /api/rollout/units.csv leaves them: an import may not name them.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout units export [--out FILE.csv]';

export const rolloutUnitsExportCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { out: { type: 'string' } }, usage);
    return withRollout(io, async (_ctx, db) => {
      const csv = rollout.unitsToCsv(rollout.filterArchived(await rollout.listUnits(db), undefined));
      if (values.out) {
        const path = resolve(io.cwd, values.out);
        await writeFile(path, csv);
        io.stdout(path);
      } else io.stdout(csv.trimEnd());
      return 0;
    });
  },
};
