/** `bluezone rollout contacts import`: a unit's phone list from CSV (phone,name); bad rows by line, all or nothing. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout contacts import --unit CODE FILE.csv   (columns: phone,name)';

export const rolloutContactsImportCommand: Command = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { unit: { type: 'string' } }, usage, true);
    const unitCode = requireOption(values.unit, 'unit', usage).toUpperCase();
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`expected one CSV file\nusage: ${usage}`);
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, positionals[0]), 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
    }
    return withRollout(io, async (ctx, db) => {
      const contacts = rollout.parseContactsCsv(text);
      io.stdout(
        `imported ${await rollout.saveContacts(db, ctx.clock, unitCode, contacts)} contact(s) for unit ${unitCode}`,
      );
      return 0;
    });
  },
};
