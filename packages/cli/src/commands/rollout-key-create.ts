/** `bluezone rollout key create`: a unit manager key (sees its subtree) or a partner key (arrivals only). */
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout key create --unit CODE --name NAME [--role manager|partner]';

export const rolloutKeyCreateCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { unit: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
      usage,
    );
    const role = values.role ?? 'manager';
    if (role !== 'manager' && role !== 'partner')
      throw new UsageError(`--role must be manager or partner, got "${role}"`);
    const unitCode = requireOption(values.unit, 'unit', usage).toUpperCase();
    const name = requireOption(values.name, 'name', usage);
    return withRollout(io, async (ctx, db) => {
      const created = await rollout.createRolloutKey(db, ctx.clock, { unitCode, name, role });
      io.stderr(`${role} key #${created.id} for unit ${created.unitCode} (shown once; send it as X-API-Key):`);
      io.stdout(created.key);
      return 0;
    });
  },
};
