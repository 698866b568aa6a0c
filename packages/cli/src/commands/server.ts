/** `bluezone server`: runs the key server until SIGINT/SIGTERM. */
import { loadConfig, runServer } from '@bluezone/server';
import type { Command } from '../command';
import { parseOptions } from '../options';

const usage = 'bluezone server   (configured by PORT, BLUEZONE_DATA_DIR, DATABASE_URL, … — see README)';

export const serverCommand: Command = {
  path: ['server'],
  summary: 'run the key server (HTTP API, exports, export worker)',
  usage,
  async run(args, io) {
    parseOptions(args, {}, usage);
    await runServer(loadConfig(io.env, io.cwd));
    return 0;
  },
};
