/** `bluezone apikey create --role admin|device [--realm NAME]`: prints the new key as its last line. */
import { API_KEY_ROLES, type ApiKeyRole, createApiKey, DEFAULT_REALM } from '@bluezone/server';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withServerContext } from './server';

const usage = 'bluezone apikey create --role admin|device [--realm NAME]';

export const apikeyCreateCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { role: { type: 'string' }, realm: { type: 'string' } }, usage);
    const role = requireOption(values.role, 'role', usage);
    if (!API_KEY_ROLES.includes(role as ApiKeyRole))
      throw new UsageError(`--role must be admin or device, got "${role}"`);
    const created = await withServerContext(io, (ctx) =>
      createApiKey(ctx.database, ctx.clock, role as ApiKeyRole, values.realm ?? DEFAULT_REALM),
    );
    io.stderr(`created ${created.role} key #${created.id} in realm "${created.realm}"; it is shown only once:`);
    io.stdout(created.key);
    return 0;
  },
};
