/** `bluezone rollout drives create`: a Youth Union install drive (a day, a place, an organiser, the unit running it). */
import { drivesApi } from '@bluezone/protocol/api';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout drives create --unit CODE --name NAME --date YYYY-MM-DD --place PLACE --organiser WHO';

export const rolloutDriveCreateCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        unit: { type: 'string' },
        name: { type: 'string' },
        date: { type: 'string' },
        place: { type: 'string' },
        organiser: { type: 'string' },
      },
      usage,
    );
    // The same checks as POST /api/rollout/drives: the contract's schema.
    const parsed = drivesApi.driveRequest.safeParse({
      unitCode: requireOption(values.unit, 'unit', usage).toUpperCase(),
      name: requireOption(values.name, 'name', usage),
      heldOn: requireOption(values.date, 'date', usage),
      place: requireOption(values.place, 'place', usage),
      organiser: requireOption(values.organiser, 'organiser', usage),
    });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? '');
      throw new UsageError(`--${field === 'heldOn' ? 'date' : field === 'unitCode' ? 'unit' : field} is not valid`);
    }
    return withRollout(io, async (ctx, db, config) => {
      const units = await rollout.listUnits(db);
      const unit = units.find((u) => u.code === parsed.data.unitCode);
      if (!unit) throw new rollout.RolloutError('unknown_unit', `no unit with code ${parsed.data.unitCode}`);
      const id = await rollout.createDrive(db, ctx.clock, unit, parsed.data);
      const base = await rollout.installBaseUrl(ctx, config);
      const { drives } = await rollout.driveViews(
        db,
        ctx.clock.now(),
        [await rollout.getDriveRow(db, id)],
        units,
        (code) => rollout.volunteerInviteLink(base, code),
        config.volunteerRetentionDays,
      );
      io.stdout(JSON.stringify(drives[0]));
      return 0;
    });
  },
};
