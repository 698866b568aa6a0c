/** `bluezone rollout units import FILE`: add or update units from CSV; any bad row → nothing imported. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage = `bluezone rollout units import FILE.csv   (columns: ${rollout.UNIT_CSV_COLUMNS.join(',')})`;

export const rolloutUnitsImportCommand: Command = {
  usage,
  async run(args, io) {
    const { positionals } = parseOptions(args, {}, usage, true);
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`expected one CSV file\nusage: ${usage}`);
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, positionals[0]), 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
    }
    return withRollout(io, async (ctx, db) => {
      const units = rollout.parseUnitsCsv(text, await rollout.listUnits(db));
      await rollout.upsertUnits(db, units, ctx.clock);
      io.stdout(`imported ${units.length} unit(s)`);
      // Populations that disagree with the areas under them are warnings: the lists may be old.
      for (const w of rollout.populationWarnings(await rollout.listUnits(db))) {
        io.stderr(
          `warning: ${w.code} ${w.name} has population ${w.population}, its ${w.children} areas ${w.childrenPopulation}`,
        );
      }
      return 0;
    });
  },
};
