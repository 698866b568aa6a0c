/**
 * `bluezone rollout units archive CODE` and `… units restore CODE`: a unit leaves the lists and
 * takes no new installs, without losing its installs, rosters or history (units/unit-archive.ts);
 * restoring takes it back. Units under it are archived first.
 */
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withRollout } from './rollout-context';

function archiveCommand(action: 'archive' | 'restore'): Command {
  const usage = `bluezone rollout units ${action} CODE`;
  return {
    usage,
    async run(args, io) {
      const { positionals } = parseOptions(args, {}, usage, true);
      const code = positionals[0]?.toUpperCase();
      if (positionals.length !== 1 || !code) throw new UsageError(`expected one unit code\nusage: ${usage}`);
      return withRollout(io, async (ctx, db) => {
        const unit =
          action === 'archive' ? await rollout.archiveUnit(db, ctx.clock, code) : await rollout.restoreUnit(db, code);
        io.stdout(`${unit.code}\t${unit.name}\t${unit.archivedAt === null ? 'active' : `archived ${unit.archivedAt}`}`);
        return 0;
      });
    },
  };
}

export const rolloutUnitsArchiveCommand = archiveCommand('archive');
export const rolloutUnitsRestoreCommand = archiveCommand('restore');
