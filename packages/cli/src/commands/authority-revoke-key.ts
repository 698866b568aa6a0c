/** `bluezone authority revoke-key`: ends a key's validity now; certificates signed with it are refused. */
import { authorities, ensureOwnAuthority } from '@bluezone/server';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { keyJson } from './authority-options';
import { withServerContext } from './server';

const usage = 'bluezone authority revoke-key --id HEALTH_AUTHORITY_ID --kid KID';

export const authorityRevokeKeyCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { id: { type: 'string' }, kid: { type: 'string' } }, usage);
    const authorityId = requireOption(values.id, 'id', usage);
    const kid = requireOption(values.kid, 'kid', usage);
    const { key, now } = await withServerContext(io, async (ctx) => {
      await ensureOwnAuthority(ctx);
      const now = ctx.clock.now();
      return { key: await authorities.revokeAuthorityKey(ctx.database, now, authorityId, kid), now };
    });
    io.stderr(`revoked key "${key.kid}" of "${authorityId}"; servers refuse it within 30 s`);
    io.stdout(JSON.stringify(keyJson(key, now)));
    return 0;
  },
};
