/**
 * `bluezone rollout drives purge`: erases the names and phones of volunteers whose drive ended
 * more than ROLLOUT_VOLUNTEER_RETENTION_DAYS ago, as the server's hourly job does
 * (drives/volunteer-retention.ts); for a server run without its worker.
 */
import * as rollout from '@bluezone/rollout';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout drives purge';

export const rolloutDrivesPurgeCommand: Command = {
  usage,
  async run(args, io) {
    parseOptions(args, {}, usage);
    return withRollout(io, async (ctx, db, config) => {
      const erased = await rollout.eraseExpiredVolunteerData(db, ctx.clock.now(), config.volunteerRetentionDays);
      io.stdout(`erased the names and phones of ${erased} volunteer(s) (kept ${config.volunteerRetentionDays} days)`);
      return 0;
    });
  },
};
