/** A campaign being written in the form, and the request body the preview and create calls send. */
import type { Audience, campaignsApi } from '@bluezone/protocol/api';

export type ScheduleKind = 'now' | 'once' | 'periodic';

/** "Send now" is a one-off run a few seconds ahead: the server ignores one-off times already past. */
const NOW_LEAD_MS = 10_000;

export interface CampaignDraft {
  name: string;
  audience: Audience;
  channel: 'sms' | 'zalo';
  zaloTemplateId: string;
  template: string;
  kind: ScheduleKind;
  /** A `datetime-local` value, in the browser's time zone. */
  at: string;
  cron: string;
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
    cron: '0 8 * * 1',
    quietStart: '21:00',
    quietEnd: '07:00',
  };
}

/** A one-off time already past would never send. */
export function isPastOnce(d: CampaignDraft): boolean {
  return d.kind === 'once' && new Date(d.at).getTime() <= Date.now();
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
      d.kind === 'periodic'
        ? { kind: 'periodic', cron: d.cron }
        : {
            kind: 'once',
            at: d.kind === 'now' ? new Date(Date.now() + NOW_LEAD_MS).toISOString() : new Date(d.at).toISOString(),
          },
    quietHours: { start: d.quietStart, end: d.quietEnd },
  };
}
