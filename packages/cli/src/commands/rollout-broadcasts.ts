/**
 * `bluezone rollout broadcasts`: the broadcast log — record a scheduled broadcast of a script as
 * aired or missed at a commune's loudspeaker or station (`log`), or list the log (`list`).
 */
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const logUsage =
  'bluezone rollout broadcasts log --script ID --unit CODE --station NAME --at ISO-TIME --outcome aired|missed [--reason TEXT]';

export const rolloutBroadcastsLogCommand: Command = {
  usage: logUsage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        script: { type: 'string' },
        unit: { type: 'string' },
        station: { type: 'string' },
        at: { type: 'string' },
        outcome: { type: 'string' },
        reason: { type: 'string' },
      },
      logUsage,
    );
    const outcome = requireOption(values.outcome, 'outcome', logUsage);
    if (outcome !== 'aired' && outcome !== 'missed') throw new UsageError('--outcome must be aired or missed');
    const at = new Date(requireOption(values.at, 'at', logUsage));
    if (Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO 8601 time, got "${values.at}"`);
    const input: rollout.BroadcastRequest = {
      unitCode: requireOption(values.unit, 'unit', logUsage).toUpperCase(),
      station: requireOption(values.station, 'station', logUsage).trim(),
      scheduledAt: at.toISOString(),
      outcome,
      ...(values.reason !== undefined ? { reason: values.reason.trim() } : {}),
    };
    if (input.station === '') throw new UsageError('--station must not be empty');
    return withRollout(io, async (ctx, db) => {
      const script = await rollout.getAnnouncement(db, integerOption(values.script, 'script'));
      const units = await rollout.listUnits(db);
      if (!units.some((u) => u.code === input.unitCode))
        throw new rollout.RolloutError('unknown_unit', `no unit with code ${input.unitCode}`);
      const entry = await rollout.recordBroadcast(db, ctx.clock, script, input, 'operator (CLI)', units);
      io.stdout(JSON.stringify(entry));
      return 0;
    });
  },
};

const listUsage = 'bluezone rollout broadcasts list [--unit CODE] [--script ID] [--limit N]';

export const rolloutBroadcastsListCommand: Command = {
  usage: listUsage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { unit: { type: 'string' }, script: { type: 'string' }, limit: { type: 'string' } },
      listUsage,
    );
    const limit = integerOption(values.limit, 'limit', 200);
    return withRollout(io, async (_ctx, db) => {
      const units = await rollout.listUnits(db);
      const root = values.unit?.toUpperCase();
      if (root !== undefined && !units.some((u) => u.code === root))
        throw new rollout.RolloutError('unknown_unit', `no unit with code ${root}`);
      const filter = {
        ...(root !== undefined ? { unitCodes: [...rollout.subtreeCodes(root, units)] } : {}),
        ...(values.script !== undefined ? { announcementId: integerOption(values.script, 'script') } : {}),
      };
      const scripts = await rollout.listAnnouncements(db);
      for (const row of await rollout.listBroadcastRows(db, { ...filter, limit })) {
        const b = rollout.toBroadcast(row, scripts, units);
        io.stdout(
          [
            b.scheduledAt,
            b.outcome,
            b.unitCode,
            b.station,
            `#${b.announcementId} ${b.title}`,
            b.reason ?? '',
            b.recordedBy,
          ].join('\t'),
        );
      }
      const { aired, missed } = await rollout.countBroadcasts(db, filter);
      io.stdout(`aired ${aired}, missed ${missed}`);
      return 0;
    });
  },
};
