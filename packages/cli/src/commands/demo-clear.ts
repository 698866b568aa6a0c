/** `bluezone demo clear`: deletes every row `bluezone demo seed` wrote, and nothing else. */
import * as rollout from '@bluezone/rollout';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { asCliError } from './rollout-context';
import { withDatabase } from './server';

const usage = 'bluezone demo clear';

export const demoClearCommand: Command = {
  usage,
  async run(args, io) {
    parseOptions(args, {}, usage);
    try {
      return await withDatabase(io, async (ctx) => {
        const c = await rollout.clearDemoActivity(rollout.demoDb(ctx.database));
        io.stdout(
          c.installs + c.checkpointScans + c.campaigns + c.codes === 0
            ? 'no demo activity to clear'
            : `demo activity cleared: ${c.installs} installs, ${c.checkpointScans} checkpoint scans, ${c.campaigns} campaigns, ${c.codes} verification codes`,
        );
        return 0;
      });
    } catch (err) {
      throw asCliError(err);
    }
  },
};
