/**
 * A campaign being written in the form, and the request body the preview and create calls send.
 * A commune official picks when it sends — now, once at a time, daily or on chosen weekdays at a
 * time — and the page writes the cron rule the API keeps underneath (district time).
 */
import type { Audience, campaignsApi } from '@bluezone/protocol/api';

export type ScheduleKind = 'now' | 'once' | 'daily' | 'weekly';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['now', 'once', 'daily', 'weekly'];

export interface CampaignDraft {
  name: string;
  audience: Audience;
  channel: 'sms' | 'zalo';
  zaloTemplateId: string;
  template: string;
  kind: ScheduleKind;
  /** A `datetime-local` value, in the browser's time zone (once). */
  at: string;
  /** `HH:MM` in district time (daily, weekly). */
  time: string;
  /** Days of the week, 0 = Sunday … 6 = Saturday (weekly). */
  weekdays: number[];
  quietStart: string;
  quietEnd: string;
}

/** A date as a `datetime-local` input shows it, in the browser's time zone. */
function localInputValue(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function newDraft(): CampaignDraft {
  return {
    name: '',
    audience: 'contacts',
    channel: 'sms',
    zaloTemplateId: '',
    template: 'Bluezone: {name} ơi, hãy cài ứng dụng Bluezone để bảo vệ {unit}: {link}',
    kind: 'now',
    at: localInputValue(new Date()),
    time: '08:00',
    weekdays: [1],
    quietStart: '21:00',
    quietEnd: '07:00',
  };
}

/** A one-off time already past would never send. */
export function isPastOnce(d: CampaignDraft): boolean {
  return d.kind === 'once' && new Date(d.at).getTime() <= Date.now();
}

/** The cron rule for a daily or weekly schedule: `MM HH * * *` or `MM HH * * 1,4`. */
export function scheduleCron(d: Pick<CampaignDraft, 'kind' | 'time' | 'weekdays'>): string {
  const [hh = '8', mm = '0'] = d.time.split(':');
  const days = d.kind === 'weekly' ? [...new Set(d.weekdays)].sort((a, b) => a - b).join(',') || '1' : '*';
  return `${Number(mm)} ${Number(hh)} * * ${days}`;
}

export function campaignBody(unitCode: string, d: CampaignDraft): campaignsApi.CampaignRequest {
  return {
    unitCode,
    name: d.name,
    audience: d.audience,
    channel: d.channel,
    template: d.template,
    ...(d.channel === 'zalo' ? { zaloTemplateId: d.zaloTemplateId } : {}),
    schedule:
      d.kind === 'daily' || d.kind === 'weekly'
        ? { kind: 'periodic', cron: scheduleCron(d) }
        : // "Send now" is this moment, already past when the server reads it: sendNowIfPast runs it at once.
          { kind: 'once', at: d.kind === 'now' ? new Date().toISOString() : new Date(d.at).toISOString() },
    ...(d.kind === 'now' ? { sendNowIfPast: true } : {}),
    quietHours: { start: d.quietStart, end: d.quietEnd },
  };
}

/**
 * The picker's own schedule read back from a stored campaign's, so the list can say it in words:
 * a one-off time, or a cron rule the picker writes (`MM HH * * *` daily, `MM HH * * d,d` weekly).
 * Null for a rule the picker cannot make (one written through the API or the CLI).
 */
export type PickedSchedule =
  | { kind: 'once'; at: string }
  | (Pick<CampaignDraft, 'time' | 'weekdays'> & { kind: 'daily' | 'weekly' });

export function pickedSchedule(schedule: campaignsApi.CampaignSummary['schedule']): PickedSchedule | null {
  if (schedule.kind === 'once') return { kind: 'once', at: schedule.at };
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-6](?:,[0-6])*)$/.exec(schedule.cron);
  if (!m) return null;
  const [, mm = '', hh = '', days = ''] = m;
  if (Number(hh) > 23 || Number(mm) > 59) return null;
  const time = `${hh.padStart(2, '0')}:${mm.padStart(2, '0')}`;
  if (days === '*') return { kind: 'daily', time, weekdays: [] };
  return { kind: 'weekly', time, weekdays: [...new Set(days.split(',').map(Number))].sort((a, b) => a - b) };
}
