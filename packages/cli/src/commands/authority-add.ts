/** `bluezone authority add`: registers a health authority whose certificates publish will accept. */
import { authorities } from '@bluezone/server';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withServerContext } from './server';

const usage = 'bluezone authority add --id HEALTH_AUTHORITY_ID --issuer ISS --audience AUD --name NAME';

export const authorityAddCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { id: { type: 'string' }, issuer: { type: 'string' }, audience: { type: 'string' }, name: { type: 'string' } },
      usage,
    );
    const input = {
      id: requireOption(values.id, 'id', usage),
      issuer: requireOption(values.issuer, 'issuer', usage),
      audience: requireOption(values.audience, 'audience', usage),
      name: requireOption(values.name, 'name', usage),
    };
    const added = await withServerContext(io, (ctx) => authorities.addAuthority(ctx.database, ctx.clock.now(), input));
    io.stderr(`added health authority "${added.id}"; add its certificate key with: bluezone authority add-key`);
    io.stdout(JSON.stringify({ id: added.id, issuer: added.issuer, audience: added.audience, name: added.name }));
    return 0;
  },
};
