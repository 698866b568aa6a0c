/** `bluezone authority list`: one JSON line per health authority, with its keys and their status. */
import { authorities, ensureOwnAuthority } from '@bluezone/server';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { keyJson } from './authority-options';
import { withServerContext } from './server';

const usage = 'bluezone authority list';

export const authorityListCommand: Command = {
  usage,
  async run(args, io) {
    parseOptions(args, {}, usage);
    const { list, now } = await withServerContext(io, async (ctx) => {
      // So that a fresh installation lists our own verification server too.
      await ensureOwnAuthority(ctx);
      return { list: await authorities.listAuthorities(ctx.database), now: ctx.clock.now() };
    });
    for (const a of list) {
      io.stdout(
        JSON.stringify({
          id: a.id,
          issuer: a.issuer,
          audience: a.audience,
          name: a.name,
          keys: a.keys.map((k) => keyJson(k, now)),
        }),
      );
    }
    return 0;
  },
};
