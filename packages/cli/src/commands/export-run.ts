/** `bluezone export run [--now]`: one export run (what the server's timer does), result as JSON. */
import { runExport } from '@bluezone/server';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withServerContext } from './server';

const usage = 'bluezone export run [--now]';

export const exportRunCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { now: { type: 'boolean' } }, usage);
    const result = await withServerContext(io, (ctx) => runExport(ctx, { closeNow: values.now ?? false }));
    io.stdout(JSON.stringify(result));
    return result.status === 'lease_held' ? 3 : 0;
  },
};
