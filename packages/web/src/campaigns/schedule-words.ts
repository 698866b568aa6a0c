/**
 * A campaign's schedule in words, as the picker (schedule-fields.tsx) let its author say it:
 * "Hằng tuần, thứ Hai lúc 08:00" / "Weekly on Monday at 08:00". Weekday names and the list of
 * days come from Intl in the page's language; a cron rule the picker cannot write is shown as is.
 */
import type { campaignsApi } from '@bluezone/protocol/api';
import type { I18n } from '@bluezone/ui-shared';
import type { Lang, MessageKey } from '../i18n/i18n';
import { pickedSchedule } from './campaign-draft';

type Words = Pick<I18n<Lang, MessageKey>, 't' | 'formatDateTime' | 'locale'>;

/** Monday first, as a Vietnamese calendar shows the week; 0 is Sunday as in cron. */
export const WEEK: readonly number[] = [1, 2, 3, 4, 5, 6, 0];

/** Day `d` of the week (0 = Sunday) by name: 4 January 2026 was a Sunday, so day d is 4 + d January. */
export function weekdayName(formatDateTime: Words['formatDateTime'], d: number): string {
  return formatDateTime(Date.UTC(2026, 0, 4 + d, 5), { weekday: 'long', timeZone: 'UTC' });
}

export function scheduleWords(i18n: Words, schedule: campaignsApi.CampaignSummary['schedule']): string {
  const { t, formatDateTime, locale } = i18n;
  const picked = pickedSchedule(schedule);
  if (picked === null) return t('campaign.every.custom', { cron: schedule.kind === 'periodic' ? schedule.cron : '' });
  if (picked.kind === 'once') return t('campaign.every.once', { time: formatDateTime(picked.at) });
  if (picked.kind === 'daily') return t('campaign.every.daily', { time: picked.time });
  const days = WEEK.filter((d) => picked.weekdays.includes(d)).map((d) => weekdayName(formatDateTime, d));
  return t('campaign.every.weekly', {
    days: new Intl.ListFormat(locale, { type: 'conjunction' }).format(days),
    time: picked.time,
  });
}
