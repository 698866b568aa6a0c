/**
 * SMS/Zalo campaigns: an audience (a unit's phone list and everything under it, a unit's staff
 * rosters, or recent tourist arrivals), a template with placeholders, a channel and a schedule
 * (once, or a cron rule), with quiet hours and a per-phone cap. Each due run is expanded into
 * outbox rows inside one transaction, keyed `campaign:<id>:<run time>:<phone>`, so a crash or a
 * second process re-running the step queues nothing twice.
 */
import { campaignsApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import { DEFAULT_FREQUENCY_CAP, type FrequencyCap, validateFrequencyCap } from '../messaging/frequency-cap';
import type { ChannelName } from '../messaging/message-channel';
import { listContacts, recentTourists } from '../messaging/messaging-repository';
import { enqueueMessage } from '../messaging/outbox-repository';
import { DEFAULT_QUIET_HOURS, type QuietHours, validateQuietHours } from '../messaging/quiet-hours';
import { channelReaches } from '../messaging/recipient-phone';
import { estimateSmsCost } from '../messaging/sms-segments';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { installLink } from '../units/install-link';
import { subtreeCodes, type Unit } from '../units/unit';
import { getUnit, listRosterPhones, listUnits } from '../units/units-repository';
import { type CampaignSchedule, nextRun, upcomingRuns, validateCron } from './campaign-schedule';
import { advanceCampaign, dueCampaigns, insertCampaign } from './campaigns-repository';
import { renderTemplate, validateTemplate } from './message-template';

export const AUDIENCES = campaignsApi.AUDIENCES;
export type Audience = campaignsApi.Audience;
/** Tourists count as an audience for this long after their last arrival. */
export const ARRIVAL_AUDIENCE_DAYS = 7;

export interface CampaignInput {
  unitCode: string;
  name: string;
  audience: Audience;
  channel: ChannelName;
  template: string;
  zaloTemplateId?: string;
  schedule: CampaignSchedule;
  quietHours?: Pick<QuietHours, 'start' | 'end'>;
  frequencyCap?: FrequencyCap;
  /** How long a queued message may wait for quiet hours or the cap before it expires. */
  validityHours?: number;
  /** A one-off time already past: run now instead of refusing (schedule_in_past). */
  sendNowIfPast?: boolean;
}

/** Two days: a reminder held back longer than that by the per-phone cap is stale, not late. */
export const DEFAULT_VALIDITY_HOURS = 48;
const HOUR_MS = 3_600_000;

export interface Recipient {
  phone: string;
  fields: Record<string, string>;
}

/** What a campaign would send (the contract's, @bluezone/protocol/api rollout/campaigns.ts). */
export type CampaignPreview = campaignsApi.CampaignPreview;

export function validateCampaign(input: CampaignInput): void {
  if (!(AUDIENCES as readonly string[]).includes(input.audience)) {
    throw new RolloutError('invalid_input', `audience must be one of ${AUDIENCES.join(', ')}`);
  }
  if (input.channel !== 'sms' && input.channel !== 'zalo')
    throw new RolloutError('invalid_input', 'channel must be sms or zalo');
  if (input.channel === 'zalo' && !input.zaloTemplateId)
    throw new RolloutError('invalid_input', 'a Zalo campaign needs zaloTemplateId');
  if (input.name.trim() === '') throw new RolloutError('invalid_input', 'campaign name is required');
  validateTemplate(input.template);
  if (input.schedule.kind === 'periodic') validateCron(input.schedule.cron, input.schedule.timeZone);
  validateQuietHours({ ...DEFAULT_QUIET_HOURS, ...input.quietHours });
  validateFrequencyCap(input.frequencyCap ?? DEFAULT_FREQUENCY_CAP);
  const validity = input.validityHours ?? DEFAULT_VALIDITY_HOURS;
  if (!Number.isInteger(validity) || validity < 1 || validity > 720)
    throw new RolloutError('invalid_input', 'validityHours must be a whole number of hours from 1 to 720');
}

/**
 * The schedule as it will run, and its first run. A one-off time already past was silently
 * saved as `done` and sent nothing (the CLI takes seconds to start, so "now + 5 s" was past):
 * it is refused, or moved to now when the caller asks; a periodic rule with no run left is refused.
 */
export function firstRun(input: CampaignInput, now: number): { schedule: CampaignSchedule; first: Date } {
  const s = input.schedule;
  if (s.kind === 'once' && s.at.getTime() < now) {
    if (!input.sendNowIfPast) {
      throw new RolloutError(
        'schedule_in_past',
        `the one-off time ${s.at.toISOString()} is already past (server time ${new Date(now).toISOString()}): ` +
          'choose a later time, or ask to send it now',
      );
    }
    return { schedule: { kind: 'once', at: new Date(now) }, first: new Date(now) };
  }
  const first = nextRun(s, new Date(now - 1));
  if (!first) {
    throw new RolloutError('schedule_in_past', 'the schedule has no run left: its end is already past');
  }
  return { schedule: s, first };
}

async function resolveAudience(
  db: RolloutDb,
  now: number,
  options: { installBaseUrl: string },
  unit: Unit,
  audience: Audience,
  channel: ChannelName,
): Promise<{ recipients: Recipient[]; unreachable: number }> {
  const units = await listUnits(db);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const codes = [...subtreeCodes(unit.code, units)];
  const district = units.find((u) => u.parentCode === null);
  const fieldsFor = (u: Unit, name: string | null): Record<string, string> => {
    let commune = u;
    while (commune.parentCode && byCode.get(commune.parentCode)?.kind !== 'district') {
      commune = byCode.get(commune.parentCode) ?? commune;
      if (!commune.parentCode) break;
    }
    return {
      name: name ?? 'bạn',
      unit: u.name,
      link: installLink(options.installBaseUrl, u.code),
      commune: commune.name,
      district: district?.name ?? '',
      code: u.code,
    };
  };
  const seen = new Set<string>();
  const out: Recipient[] = [];
  let unreachable = 0;
  const add = (phone: string, fields: Record<string, string>) => {
    if (seen.has(phone)) return;
    seen.add(phone);
    // A roaming visitor's foreign number cannot get a Zalo ZNS message (recipient-phone.ts).
    if (!channelReaches(channel, phone)) unreachable++;
    else out.push({ phone, fields });
  };
  if (audience === 'contacts') {
    for (const r of await listContacts(db, codes)) add(r.phone, fieldsFor(byCode.get(r.unitCode) ?? unit, r.name));
  } else if (audience === 'roster') {
    for (const r of await listRosterPhones(db, codes)) add(r.phone, fieldsFor(byCode.get(r.unitCode) ?? unit, r.name));
  } else {
    for (const phone of await recentTourists(db, now - ARRIVAL_AUDIENCE_DAYS * 86_400_000)) {
      add(phone, fieldsFor(unit, null));
    }
  }
  return { recipients: out, unreachable };
}

export async function previewCampaign(
  db: RolloutDb,
  clock: Clock,
  options: { installBaseUrl: string; smsPriceVnd: number },
  input: CampaignInput,
): Promise<CampaignPreview> {
  validateCampaign(input);
  const unit = await getUnit(db, input.unitCode);
  const now = clock.now();
  const { schedule } = firstRun(input, now);
  const { recipients, unreachable } = await resolveAudience(db, now, options, unit, input.audience, input.channel);
  const texts = recipients.map((r) => renderTemplate(input.template, r.fields));
  return {
    recipients: recipients.length,
    sample: texts[0] ?? null,
    cost: input.channel === 'sms' ? estimateSmsCost(texts, options.smsPriceVnd) : null,
    nextRuns: upcomingRuns(schedule, new Date(now - 1), 3).map((d) => d.toISOString()),
    unreachable,
  };
}

/**
 * Who creates a campaign. An admin's campaign is approved as it is made; anyone else's waits in
 * `pending_approval` (queuing nothing) until an admin approves it (campaign-approval.ts).
 * Without a creator (the operator's CLI on the server itself) the campaign counts as an admin's.
 */
export interface CampaignCreator {
  label: string;
  admin: boolean;
}

export async function createCampaign(
  db: RolloutDb,
  clock: Clock,
  input: CampaignInput,
  creator: CampaignCreator = { label: 'operator (CLI)', admin: true },
): Promise<{ id: number; status: campaignsApi.CampaignStatus; nextRunAt: string | null }> {
  validateCampaign(input);
  await getUnit(db, input.unitCode);
  const now = clock.now();
  const { schedule: s, first } = firstRun(input, now);
  const status = !creator.admin ? 'pending_approval' : 'active';
  const id = await insertCampaign(db, {
    unit_code: input.unitCode,
    name: input.name.trim(),
    audience: input.audience,
    channel: input.channel,
    template: input.template,
    zalo_template_id: input.zaloTemplateId ?? null,
    schedule_kind: s.kind,
    run_at: s.kind === 'once' ? s.at.getTime() : null,
    cron: s.kind === 'periodic' ? s.cron : null,
    until_at: s.kind === 'periodic' && s.until ? s.until.getTime() : null,
    quiet_start: input.quietHours?.start ?? DEFAULT_QUIET_HOURS.start,
    quiet_end: input.quietHours?.end ?? DEFAULT_QUIET_HOURS.end,
    cap_max: (input.frequencyCap ?? DEFAULT_FREQUENCY_CAP).max,
    cap_window_hours: (input.frequencyCap ?? DEFAULT_FREQUENCY_CAP).windowHours,
    validity_hours: input.validityHours ?? DEFAULT_VALIDITY_HOURS,
    next_run_at: first.getTime(),
    status,
    created_at: now,
    created_by: creator.label,
    approved_by: creator.admin ? creator.label : null,
    approved_at: creator.admin ? now : null,
  });
  return { id, status, nextRunAt: first.toISOString() };
}

/**
 * Expands every due campaign run into outbox rows; returns how many rows were queued. Only
 * `active` campaigns run: pending and rejected ones are never expanded.
 */
export async function runDueCampaigns(
  db: RolloutDb,
  clock: Clock,
  options: { installBaseUrl: string },
): Promise<number> {
  const now = clock.now();
  const due = await dueCampaigns(db, now);
  let queued = 0;
  for (const c of due) {
    const runAt = Number(c.next_run_at);
    const schedule: CampaignSchedule =
      c.schedule_kind === 'once'
        ? { kind: 'once', at: new Date(Number(c.run_at)) }
        : {
            kind: 'periodic',
            cron: c.cron ?? '',
            timeZone: DEFAULT_QUIET_HOURS.timeZone,
            ...(c.until_at !== null ? { until: new Date(Number(c.until_at)) } : {}),
          };
    // A periodic campaign that slept through several runs sends once, for the latest run.
    let next = nextRun(schedule, new Date(runAt));
    while (next && next.getTime() <= now) next = nextRun(schedule, next);
    await db.transaction().execute(async (trx) => {
      // Compare-and-set on next_run_at: if another process already advanced it, skip.
      if (!(await advanceCampaign(trx, Number(c.id), runAt, next ? next.getTime() : null))) return;
      const unit = await getUnit(trx, c.unit_code);
      const { recipients } = await resolveAudience(trx, now, options, unit, c.audience, c.channel);
      // Counted from the run's expansion: a message still held back after this is dropped.
      const expiresAt = now + Number(c.validity_hours ?? DEFAULT_VALIDITY_HOURS) * HOUR_MS;
      for (const r of recipients) {
        const text = renderTemplate(c.template, r.fields);
        const res = await enqueueMessage(trx, clock, {
          kind: 'campaign',
          campaignId: Number(c.id),
          channel: c.channel as ChannelName,
          phone: r.phone,
          text,
          ...(c.zalo_template_id ? { zalo: { templateId: c.zalo_template_id, templateData: r.fields } } : {}),
          dedupeKey: `campaign:${c.id}:${runAt}:${r.phone}`,
          expiresAt,
        });
        if (res.created) queued++;
      }
    });
  }
  return queued;
}
