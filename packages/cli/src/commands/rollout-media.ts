/**
 * `bluezone rollout media …`: media partners (radio, TV, online), slots booked with them for an
 * announcement script, the partner's confirmation that a slot aired or was missed, and planned
 * vs aired per week as CSV, XLSX or JSON.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const OPERATOR = 'operator (CLI)';

const partnerUsage =
  'bluezone rollout media partner --unit CODE --name NAME --kind radio|tv|online [--contact TEXT]   (no options: list)';

export const rolloutMediaPartnerCommand: Command = {
  usage: partnerUsage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { unit: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, contact: { type: 'string' } },
      partnerUsage,
    );
    return withRollout(io, async (ctx, db) => {
      if (values.name === undefined && values.unit === undefined && values.kind === undefined) {
        for (const p of await rollout.listPartners(db)) io.stdout(`${p.id}\t${p.kind}\t${p.unitCode}\t${p.name}`);
        return 0;
      }
      const kind = requireOption(values.kind, 'kind', partnerUsage);
      if (!(rollout.MEDIA_KINDS as readonly string[]).includes(kind))
        throw new UsageError(`--kind must be one of ${rollout.MEDIA_KINDS.join(', ')}`);
      const name = requireOption(values.name, 'name', partnerUsage).trim();
      const partner = await rollout.createPartner(db, ctx.clock, {
        unitCode: requireOption(values.unit, 'unit', partnerUsage).toUpperCase(),
        name,
        kind: kind as rollout.MediaKind,
        ...(values.contact ? { contact: values.contact.trim() } : {}),
      });
      io.stdout(JSON.stringify(partner));
      return 0;
    });
  },
};

const bookUsage =
  'bluezone rollout media book --partner ID --script ID --at ISO-TIME[,ISO-TIME…] --seconds N --cost VND --reach PEOPLE';

export const rolloutMediaBookCommand: Command = {
  usage: bookUsage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        partner: { type: 'string' },
        script: { type: 'string' },
        at: { type: 'string' },
        seconds: { type: 'string' },
        cost: { type: 'string' },
        reach: { type: 'string' },
      },
      bookUsage,
    );
    const times = requireOption(values.at, 'at', bookUsage)
      .split(',')
      .map((t) => {
        const d = new Date(t.trim());
        if (Number.isNaN(d.getTime())) throw new UsageError(`--at must list ISO 8601 times, got "${t}"`);
        return d.toISOString();
      });
    const input = {
      partnerId: integerOption(values.partner, 'partner'),
      announcementId: integerOption(values.script, 'script'),
      times,
      durationSeconds: integerOption(values.seconds, 'seconds'),
      costVnd: integerOption(values.cost, 'cost'),
      expectedReach: integerOption(values.reach, 'reach'),
    };
    return withRollout(io, async (ctx, db) => {
      const slots = await rollout.bookSlots(db, ctx.clock, input, OPERATOR, await rollout.listUnits(db));
      for (const s of slots) io.stdout(JSON.stringify(s));
      return 0;
    });
  },
};

const confirmUsage =
  'bluezone rollout media confirm --slot ID --outcome aired|missed [--aired-at ISO-TIME] [--reach PEOPLE] [--note TEXT]';

export const rolloutMediaConfirmCommand: Command = {
  usage: confirmUsage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        slot: { type: 'string' },
        outcome: { type: 'string' },
        'aired-at': { type: 'string' },
        reach: { type: 'string' },
        note: { type: 'string' },
      },
      confirmUsage,
    );
    const outcome = requireOption(values.outcome, 'outcome', confirmUsage);
    if (outcome !== 'aired' && outcome !== 'missed') throw new UsageError('--outcome must be aired or missed');
    const airedAt = values['aired-at'];
    if (airedAt !== undefined && Number.isNaN(Date.parse(airedAt)))
      throw new UsageError(`--aired-at must be an ISO 8601 time, got "${airedAt}"`);
    const input: rollout.ConfirmationRequest = {
      outcome,
      ...(airedAt !== undefined ? { airedAt: new Date(airedAt).toISOString() } : {}),
      ...(values.reach !== undefined ? { reportedReach: integerOption(values.reach, 'reach') } : {}),
      ...(values.note ? { note: values.note.trim() } : {}),
    };
    return withRollout(io, async (ctx, db) => {
      const slot = await rollout.confirmSlot(db, ctx.clock, integerOption(values.slot, 'slot'), input, OPERATOR);
      io.stdout(JSON.stringify(slot));
      return 0;
    });
  },
};

const reportUsage = 'bluezone rollout media report [--unit CODE] [--format csv|xlsx|json] [--out FILE]';

export const rolloutMediaReportCommand: Command = {
  usage: reportUsage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { unit: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
      reportUsage,
    );
    const format = values.format ?? 'csv';
    if (!(rollout.REPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be csv, xlsx or json, got "${format}"`);
    if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx needs --out FILE');
    return withRollout(io, async (ctx, db) => {
      const units = await rollout.listUnits(db);
      const root = values.unit?.toUpperCase() ?? units.find((u) => u.parentCode === null)?.code ?? '';
      if (!units.some((u) => u.code === root))
        throw new rollout.RolloutError('unknown_unit', `no unit with code ${root}`);
      const under = rollout.subtreeCodes(root, units);
      const partners = (await rollout.listPartners(db)).filter((p) => under.has(p.unitCode));
      const slots = await rollout.slotsOf(db, { partnerIds: partners.map((p) => p.id) });
      const file = await rollout.mediaReportFile(
        rollout.mediaReport(root, slots, ctx.clock.now()),
        format as rollout.ReportFormat,
      );
      if (values.out) {
        const path = resolve(io.cwd, values.out);
        await writeFile(path, file);
        io.stdout(path);
      } else io.stdout(file.toString('utf8').trimEnd());
      return 0;
    });
  },
};
