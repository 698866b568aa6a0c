/**
 * `bluezone demo seed`: a demo district that looks alive — the last 30 days (or --days) of
 * installs by commune and village, checkpoint scans, campaigns and verification codes, each row
 * labelled as demo and listed so `bluezone demo clear` removes exactly those. Loads the Nam Đông
 * demo units first when the database has none.
 */
import * as rollout from '@bluezone/rollout';
import type { Command } from '../command';
import { integerOption, parseOptions } from '../options';
import { asCliError } from './rollout-context';
import { withDatabase } from './server';

const usage = 'bluezone demo seed [--days 30]';

export const demoSeedCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { days: { type: 'string' } }, usage);
    const days = integerOption(values.days, 'days', 30);
    try {
      return await withDatabase(io, async (ctx) => {
        const status = await rollout.seedDemoDistrict(ctx, { days });
        const c = status.counts;
        io.stdout(
          `demo district seeded (${days} days): ${c.installs} installs, ${c.checkpointScans} checkpoint scans, ` +
            `${c.campaigns} campaigns, ${c.codes} verification codes — every one labelled demo; remove them with bluezone demo clear`,
        );
        return 0;
      });
    } catch (err) {
      throw asCliError(err);
    }
  },
};
