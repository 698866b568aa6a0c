/** `bluezone rollout businesses add`: a business recommending the app, under its commune, town or village; prints its counter QR's link last. */
import { businessesApi } from '@bluezone/protocol/api';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage =
  'bluezone rollout businesses add --parent CODE --name NAME [--code CODE] [--customers N] [--person NAME] [--phone 09…]';

export const rolloutBusinessAddCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        parent: { type: 'string' },
        name: { type: 'string' },
        code: { type: 'string' },
        customers: { type: 'string' },
        person: { type: 'string' },
        phone: { type: 'string' },
      },
      usage,
    );
    // The same checks as POST /api/rollout/businesses: the contract's schema.
    const parsed = businessesApi.businessRequest.safeParse({
      parentCode: requireOption(values.parent, 'parent', usage).toUpperCase(),
      name: requireOption(values.name, 'name', usage),
      ...(values.code !== undefined ? { code: values.code } : {}),
      ...(values.customers !== undefined ? { customers: integerOption(values.customers, 'customers') } : {}),
      ...(values.person !== undefined ? { personInCharge: values.person } : {}),
      ...(values.phone !== undefined ? { contactPhone: values.phone } : {}),
    });
    if (!parsed.success) throw new UsageError(`${parsed.error.issues[0]?.path.join('.') ?? 'input'} is not valid`);
    return withRollout(io, async (ctx, db, config) => {
      const units = await rollout.listUnits(db);
      const parent = units.find((u) => u.code === parsed.data.parentCode);
      if (!parent) throw new rollout.RolloutError('unknown_unit', `no unit with code ${parsed.data.parentCode}`);
      const business = await rollout.createBusiness(db, ctx.clock, parent, units, parsed.data);
      io.stdout(`${business.code}\t${business.name}\tunder ${parent.code} ${parent.name}`);
      io.stdout(rollout.installLink(await rollout.installBaseUrl(ctx, config), business.code));
      return 0;
    });
  },
};
