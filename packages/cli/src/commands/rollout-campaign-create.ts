/**
 * `bluezone rollout campaign create`: shows recipients, a sample text, SMS segments and cost,
 * and the next runs; creates the campaign only with --yes. A one-off time already past (the
 * command itself takes seconds to start) is refused unless --send-now-if-past; `--at now` sends
 * at once.
 */
import * as rollout from '@bluezone/rollout';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage =
  'bluezone rollout campaign create --unit CODE --name NAME --template TEXT [--audience contacts|roster|arrivals] ' +
  '[--channel sms|zalo --zalo-template ID] (--at ISO-TIME|now [--send-now-if-past] | --cron "M H D M W") ' +
  '[--validity-hours N] [--yes]';

export const rolloutCampaignCreateCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        unit: { type: 'string' },
        name: { type: 'string' },
        template: { type: 'string' },
        audience: { type: 'string' },
        channel: { type: 'string' },
        'zalo-template': { type: 'string' },
        at: { type: 'string' },
        cron: { type: 'string' },
        'send-now-if-past': { type: 'boolean' },
        'validity-hours': { type: 'string' },
        yes: { type: 'boolean' },
      },
      usage,
    );
    const audience = values.audience ?? 'contacts';
    if (!(rollout.AUDIENCES as readonly string[]).includes(audience))
      throw new UsageError(`--audience must be contacts, roster or arrivals`);
    const channel = values.channel ?? 'sms';
    if (channel !== 'sms' && channel !== 'zalo') throw new UsageError('--channel must be sms or zalo');
    if ((values.at === undefined) === (values.cron === undefined))
      throw new UsageError(`give exactly one of --at and --cron\nusage: ${usage}`);
    let schedule: rollout.CampaignSchedule;
    const now = values.at === 'now';
    if (values.at !== undefined && !now) {
      const at = new Date(values.at);
      if (Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO 8601 time, got "${values.at}"`);
      schedule = { kind: 'once', at };
    } else if (now) schedule = { kind: 'once', at: new Date(0) };
    else schedule = { kind: 'periodic', cron: values.cron ?? '', timeZone: rollout.DISTRICT_TIME_ZONE };
    const input: rollout.CampaignInput = {
      unitCode: requireOption(values.unit, 'unit', usage).toUpperCase(),
      name: requireOption(values.name, 'name', usage),
      template: requireOption(values.template, 'template', usage),
      audience: audience as rollout.Audience,
      channel,
      schedule,
      ...(values['zalo-template'] ? { zaloTemplateId: values['zalo-template'] } : {}),
      // `--at now` is a time already past by the time the database is open: send it at once.
      ...(now || values['send-now-if-past'] ? { sendNowIfPast: true } : {}),
      ...(values['validity-hours'] !== undefined
        ? { validityHours: integerOption(values['validity-hours'], 'validity-hours') }
        : {}),
    };
    return withRollout(io, async (ctx, db, cfg) => {
      const preview = await rollout
        .previewCampaign(
          db,
          ctx.clock,
          { installBaseUrl: await rollout.installBaseUrl(ctx, cfg), smsPriceVnd: cfg.smsPriceVnd },
          input,
        )
        .catch((err: unknown) => {
          if (err instanceof rollout.RolloutError && err.code === 'schedule_in_past')
            throw new CliError(`${err.message} (--send-now-if-past sends it now; nothing was created)`);
          throw err;
        });
      io.stdout(JSON.stringify(preview));
      if (!values.yes) {
        io.stderr('not created: run again with --yes to create it');
        return 0;
      }
      const created = await rollout.createCampaign(db, ctx.clock, input);
      io.stdout(JSON.stringify({ created: created.id, status: created.status, nextRunAt: created.nextRunAt }));
      return 0;
    });
  },
};
