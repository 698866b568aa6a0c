/** `bluezone rollout announce`: an announcement script with its broadcast schedule, optionally as spoken audio. */
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout announce [--script ID [--audio --out FILE.wav|FILE.mp3]]   (no --script: list scripts)';

export const rolloutAnnounceCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { script: { type: 'string' }, audio: { type: 'boolean' }, out: { type: 'string' } },
      usage,
    );
    if (values.audio && !values.out) throw new UsageError(`--audio needs --out FILE.wav\nusage: ${usage}`);
    if (values.out && !/\.(wav|mp3)$/i.test(values.out)) throw new UsageError('--out must end in .wav or .mp3');
    return withRollout(io, async (ctx, db) => {
      if (values.script === undefined) {
        for (const a of await rollout.listAnnouncements(db))
          io.stdout(`${a.id}\t${a.channel}\t${a.repeat}\t${a.title}`);
        return 0;
      }
      const a = await rollout.getAnnouncement(db, integerOption(values.script, 'script'));
      io.stdout(`# ${a.title} (${a.channel}, unit ${a.unitCode})`);
      io.stdout(a.text);
      const next = rollout.nextBroadcasts(a, new Date(ctx.clock.now()), 3);
      io.stdout(`repeat: ${a.repeat} (Asia/Ho_Chi_Minh); next: ${next.map((d) => d.toISOString()).join(', ')}`);
      if (values.audio && values.out) {
        const file = resolve(io.cwd, values.out);
        await rollout.synthesizeAnnouncement(a.text, file);
        io.stdout(file);
      }
      return 0;
    });
  },
};
