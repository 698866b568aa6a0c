// The admin's approval card says when a campaign would send, in words as its author picked it
// (the campaign list's scheduleWords), beside its recipients, cost and sample: rendered on Node,
// before the preview's request has answered.
import type { campaignsApi } from '@bluezone/protocol/api';
import { createI18n, I18nProvider } from '@bluezone/ui-shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PendingCampaignPreview } from '../src/admin/pending-campaign-preview';
import en from '../src/i18n/en.json';
import vi from '../src/i18n/vi.json';

const i18n = createI18n({ catalogues: { vi, en }, locales: { vi: 'vi-VN', en: 'en-GB' }, defaultLanguage: 'vi' });

const campaign = (id: number, schedule: campaignsApi.CampaignSummary['schedule']): campaignsApi.CampaignSummary => ({
  id,
  unitCode: '20164',
  name: 'Nhắc hằng tuần',
  audience: 'contacts',
  channel: 'sms',
  status: 'pending_approval',
  template: 'Bluezone: {name} ơi, hãy cài ứng dụng: {link}',
  createdBy: 'huongphu',
  approvedBy: null,
  rejectedReason: null,
  nextRunAt: '2030-01-03T02:30:00.000Z',
  schedule,
  validityHours: 24,
  messages: { queued: 0, sent: 0, delivered: 0, failed: 0, suppressed: 0, expired: 0 },
});

/** The text of the element with data-testid `id` in `html` (no nested elements). */
function testId(html: string, id: string): string | undefined {
  return new RegExp(`data-testid="${id}">([^<]*)<`).exec(html)?.[1];
}

const render = (lang: 'vi' | 'en', c: campaignsApi.CampaignSummary) =>
  renderToStaticMarkup(
    <I18nProvider i18n={i18n} language={lang}>
      <PendingCampaignPreview campaign={c} />
    </I18nProvider>,
  );

describe('a campaign waiting for approval', () => {
  it('says its weekly schedule in the page’s language', () => {
    const weekly = campaign(7, { kind: 'periodic', cron: '30 9 * * 4' });
    expect(testId(render('en', weekly), 'pending-campaign-schedule-7')).toBe('Weekly on Thursday at 09:30');
    expect(testId(render('vi', weekly), 'pending-campaign-schedule-7')?.toLowerCase()).toBe(
      'hằng tuần, thứ năm lúc 09:30',
    );
  });

  it('says a daily, a one-off and a hand-written schedule too', () => {
    expect(
      testId(render('en', campaign(8, { kind: 'periodic', cron: '5 7 * * *' })), 'pending-campaign-schedule-8'),
    ).toBe('Daily at 07:05');
    const once = testId(
      render('vi', campaign(9, { kind: 'once', at: '2030-01-02T09:30:00.000Z' })),
      'pending-campaign-schedule-9',
    );
    expect(once).toMatch(/^Một lần, .*2030/);
    expect(
      testId(
        render('vi', campaign(10, { kind: 'periodic', cron: '*/15 8-17 * * 1-5' })),
        'pending-campaign-schedule-10',
      ),
    ).toBe('Theo lịch */15 8-17 * * 1-5');
  });
});
