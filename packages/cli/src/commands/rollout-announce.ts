/**
 * `bluezone rollout announce`: list the scripts, print one with its next broadcasts, speak it
 * to WAV/MP3, edit its wording, channel or schedule, or retire it (its broadcast log stays).
 */
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage =
  'bluezone rollout announce [--script ID [--audio --out FILE.wav|FILE.mp3 | --title T --text T --repeat "M H D M W" ' +
  '--channel loudspeaker|radio_tv|screen | --retire]]   (no --script: list scripts)';

export const rolloutAnnounceCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        script: { type: 'string' },
        audio: { type: 'boolean' },
        out: { type: 'string' },
        title: { type: 'string' },
        text: { type: 'string' },
        repeat: { type: 'string' },
        channel: { type: 'string' },
        retire: { type: 'boolean' },
      },
      usage,
    );
    if (values.audio && !values.out) throw new UsageError(`--audio needs --out FILE.wav\nusage: ${usage}`);
    if (values.out && !/\.(wav|mp3)$/i.test(values.out)) throw new UsageError('--out must end in .wav or .mp3');
    const channel = values.channel;
    if (channel !== undefined && !(rollout.ANNOUNCEMENT_CHANNELS as readonly string[]).includes(channel))
      throw new UsageError(`--channel must be one of ${rollout.ANNOUNCEMENT_CHANNELS.join(', ')}`);
    const edit: rollout.AnnouncementEdit = {
      ...(values.title !== undefined ? { title: values.title } : {}),
      ...(values.text !== undefined ? { text: values.text } : {}),
      ...(values.repeat !== undefined ? { repeat: values.repeat } : {}),
      ...(channel !== undefined ? { channel: channel as rollout.AnnouncementChannel } : {}),
    };
    const editing = Object.keys(edit).length > 0;
    if ((editing || values.retire) && values.script === undefined)
      throw new UsageError(`--script ID is needed\nusage: ${usage}`);
    if (editing && values.retire) throw new UsageError('edit or retire, not both');
    return withRollout(io, async (ctx, db) => {
      if (values.script === undefined) {
        for (const a of await rollout.listAnnouncements(db))
          io.stdout(`${a.id}\t${a.channel}\t${a.retiredAt ? `retired ${a.retiredAt}` : a.repeat}\t${a.title}`);
        return 0;
      }
      const id = integerOption(values.script, 'script');
      if (values.retire) {
        const retired = await rollout.retireAnnouncement(db, ctx.clock, id);
        io.stdout(`retired script ${id} at ${retired.retiredAt}; its broadcast log stays`);
        return 0;
      }
      const a = editing
        ? await rollout.updateAnnouncement(db, ctx.clock, id, edit)
        : await rollout.getAnnouncement(db, id);
      io.stdout(`# ${a.title} (${a.channel}, unit ${a.unitCode})${a.retiredAt ? ` — retired ${a.retiredAt}` : ''}`);
      io.stdout(a.text);
      const next = rollout.nextBroadcasts(a, new Date(ctx.clock.now()), 3);
      io.stdout(
        `repeat: ${a.repeat} (Asia/Ho_Chi_Minh); next: ${next.map((d) => d.toISOString()).join(', ') || 'none'}`,
      );
      if (values.audio && values.out) {
        const file = resolve(io.cwd, values.out);
        await rollout.synthesizeAnnouncement(a.text, file);
        io.stdout(file);
      }
      return 0;
    });
  },
};
