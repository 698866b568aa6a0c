// What the campaign page sends for "send now" and how its list says a schedule: "send now" is a
// one-off run at this moment that the server runs at once (sendNowIfPast), not a booking a few
// seconds ahead; a schedule the picker made reads back in words, in Vietnamese and English.
import { createI18n, SHORT_DATE_TIME } from '@bluezone/ui-shared';
import { afterEach, describe, expect, it, vi as vitest } from 'vitest';
import { campaignBody, newDraft, pickedSchedule, scheduleCron } from '../src/campaigns/campaign-draft';
import { scheduleWords } from '../src/campaigns/schedule-words';
import en from '../src/i18n/en.json';
import vi from '../src/i18n/vi.json';

const i18n = createI18n({ catalogues: { vi, en }, locales: { vi: 'vi-VN', en: 'en-GB' }, defaultLanguage: 'vi' });
const words = (lang: 'vi' | 'en', cron: string) => scheduleWords(i18n.i18nFor(lang), { kind: 'periodic', cron });
const weekday = (lang: 'vi' | 'en', day: number) =>
  new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2026, 0, 4 + day, 5),
  );

describe('send now', () => {
  afterEach(() => {
    vitest.useRealTimers();
  });

  it('is a one-off run at this moment with sendNowIfPast, never a time ahead', () => {
    vitest.useFakeTimers({ now: Date.parse('2026-12-05T08:00:00.000Z') });
    const body = campaignBody('20164', { ...newDraft(), name: 'Nhắc', kind: 'now' });
    expect(body.schedule).toEqual({ kind: 'once', at: '2026-12-05T08:00:00.000Z' });
    expect(body.sendNowIfPast).toBe(true);
  });

  it('leaves a chosen one-off time as it is and does not ask to send it now', () => {
    const body = campaignBody('20164', { ...newDraft(), name: 'Nhắc', kind: 'once', at: '2030-01-02T09:30' });
    expect(body.schedule).toEqual({ kind: 'once', at: new Date('2030-01-02T09:30').toISOString() });
    expect(body.sendNowIfPast).toBeUndefined();
  });
});

describe('a schedule in words', () => {
  it('reads the picker’s own cron rules back', () => {
    for (const d of [
      { kind: 'daily' as const, time: '07:05', weekdays: [] },
      { kind: 'weekly' as const, time: '08:00', weekdays: [1] },
      { kind: 'weekly' as const, time: '21:30', weekdays: [0, 4, 6] },
    ])
      expect(pickedSchedule({ kind: 'periodic', cron: scheduleCron(d) })).toEqual(d);
    expect(pickedSchedule({ kind: 'periodic', cron: '*/5 * * * *' })).toBeNull();
    expect(pickedSchedule({ kind: 'periodic', cron: '0 8 1 * *' })).toBeNull();
  });

  it('says daily and weekly schedules in Vietnamese and English', () => {
    expect(words('vi', '0 8 * * 1')).toBe(`Hằng tuần, ${weekday('vi', 1)} lúc 08:00`);
    expect(words('vi', '0 8 * * 1').toLowerCase()).toBe('hằng tuần, thứ hai lúc 08:00');
    expect(words('en', '0 8 * * 1')).toBe('Weekly on Monday at 08:00');
    // Monday first, as the picker shows the week; Sunday (0) last.
    expect(words('en', '30 9 * * 0,4')).toBe('Weekly on Thursday and Sunday at 09:30');
    expect(words('vi', '30 9 * * 0,4')).toBe(`Hằng tuần, ${weekday('vi', 4)} và ${weekday('vi', 0)} lúc 09:30`);
    expect(words('vi', '5 7 * * *')).toBe('Hằng ngày lúc 07:05');
    expect(words('en', '5 7 * * *')).toBe('Daily at 07:05');
  });

  it('says a one-off time with the date, and a rule the picker cannot write as it is', () => {
    const at = '2026-12-24T01:30:00.000Z';
    const local = new Intl.DateTimeFormat('en-GB', SHORT_DATE_TIME).format(new Date(at));
    expect(scheduleWords(i18n.i18nFor('en'), { kind: 'once', at })).toBe(`Once, ${local}`);
    expect(words('en', '*/15 8-17 * * 1-5')).toBe('On the rule */15 8-17 * * 1-5');
    expect(words('vi', '*/15 8-17 * * 1-5')).toBe('Theo lịch */15 8-17 * * 1-5');
  });
});
