/**
 * `bluezone rollout drives volunteer`: adds a volunteer to a drive and prints their own invite
 * link as the last line (with --qr, also its QR code as a PNG to print or send).
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { drivesApi } from '@bluezone/protocol/api';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout drives volunteer --drive ID --name NAME [--phone 09…] [--qr FILE.png]';

export const rolloutDriveVolunteerCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { drive: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, qr: { type: 'string' } },
      usage,
    );
    const driveId = integerOption(values.drive, 'drive');
    const parsed = drivesApi.volunteerRequest.safeParse({
      name: requireOption(values.name, 'name', usage),
      ...(values.phone !== undefined ? { phone: values.phone } : {}),
    });
    if (!parsed.success) throw new UsageError(`--${String(parsed.error.issues[0]?.path[0] ?? 'name')} is not valid`);
    return withRollout(io, async (ctx, db, config) => {
      const drive = await rollout.getDriveRow(db, driveId);
      const volunteer = await rollout.addVolunteer(db, ctx.clock, drive, parsed.data, config.volunteerRetentionDays);
      const link = rollout.volunteerInviteLink(await rollout.installBaseUrl(ctx, config), volunteer.invite_code);
      if (values.qr) {
        const path = resolve(io.cwd, values.qr);
        await writeFile(path, await rollout.installQrPng(link));
        io.stderr(`QR code: ${path}`);
      }
      io.stdout(`volunteer ${volunteer.id} of drive ${drive.id}: ${volunteer.name}`);
      io.stdout(link);
      return 0;
    });
  },
};
