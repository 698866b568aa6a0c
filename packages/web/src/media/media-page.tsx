/**
 * Media ad time (order 8): the partners of the unit (radio, TV, online), the slots booked with
 * them for a script — each confirmed aired or missed by the partner once its time has come, or
 * cancelled before — and planned vs aired per week with the CSV/XLSX report.
 */
import type { accountsApi, announcementsApi, mediaApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { DataTable } from '../components/data-table';
import { Loadable } from '../components/loadable';
import { UnitPicker } from '../components/unit-picker';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { BookingForm } from './booking-form';
import { MediaWeeks } from './media-weeks';
import { PartnerForm } from './partner-form';

export function MediaPage({ user }: { user: accountsApi.User }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const code = user.unitCode ?? picked ?? '483';
  const [changed, setChanged] = useState(0);
  const bump = () => setChanged((n) => n + 1);
  const data = useLoad(
    async (signal) => {
      const [partners, slots, scripts, report] = await Promise.all([
        api<typeof mediaApi.listPartners>('/api/rollout/media/partners', { signal }),
        api<typeof mediaApi.listSlots>('/api/rollout/media/slots', { signal }),
        api<typeof announcementsApi.listAnnouncements>('/api/rollout/announcements', { signal }),
        api<typeof mediaApi.mediaReportFile>(`/api/rollout/media/report?unit=${encodeURIComponent(code)}`, { signal }),
      ]);
      return { partners: partners.partners, slots: slots.slots, scripts: scripts.announcements, report };
    },
    [code, changed],
  );
  const action = useAction();
  const settle = (slot: mediaApi.Slot, outcome: 'aired' | 'missed' | 'cancel') =>
    void action.run(async () => {
      if (outcome === 'cancel') {
        await api<typeof mediaApi.cancelSlot>(`/api/rollout/media/slots/${slot.id}/cancel`, { method: 'POST' });
      } else {
        await api<typeof mediaApi.confirmSlot>(`/api/rollout/media/slots/${slot.id}/confirm`, {
          method: 'POST',
          body: { outcome },
        });
      }
      bump();
      return t(`media.settled.${outcome}` as const);
    });

  return (
    <section aria-labelledby="media-title">
      <div className="page-head">
        <h1 id="media-title">{t('media.title')}</h1>
        {user.unitCode === null && <UnitPicker value={code} onChange={setPicked} />}
      </div>
      <p className="muted">{t('media.intro')}</p>
      <ActionNotices action={action} />
      <Loadable state={data.state} onRetry={data.reload}>
        {(d) => (
          <>
            <MediaWeeks report={d.report} unitCode={code} />
            <div className="card" data-testid="media-slots">
              <h2>{t('media.slots')}</h2>
              <DataTable
                rows={d.slots}
                rowKey={(s) => s.id}
                empty={t('media.noSlots')}
                stacked
                columns={[
                  { header: t('media.airsAt'), cell: (s) => formatDateTime(s.airsAt) },
                  { header: t('media.partner'), cell: (s) => s.partnerName },
                  { header: t('media.script'), cell: (s) => s.title },
                  { header: t('media.costEach'), className: 'num', cell: (s) => formatNumber(s.costVnd) },
                  {
                    header: t('media.reachEach'),
                    className: 'num',
                    cell: (s) => formatNumber(s.reportedReach ?? s.expectedReach),
                  },
                  {
                    header: t('media.status'),
                    cell: (s) => t(`media.status.${s.status}` as const),
                    testId: (s) => `slot-status-${s.id}`,
                  },
                  {
                    header: <span className="sr-only">{t('announce.actions')}</span>,
                    className: 'actions',
                    cell: (s) =>
                      s.status !== 'booked' ? null : Date.parse(s.airsAt) <= Date.now() ? (
                        <>
                          <button type="button" onClick={() => settle(s, 'aired')}>
                            {t('media.confirmAired')}
                          </button>
                          <button type="button" className="link danger" onClick={() => settle(s, 'missed')}>
                            {t('media.confirmMissed')}
                          </button>
                        </>
                      ) : (
                        <button type="button" className="link danger" onClick={() => settle(s, 'cancel')}>
                          {t('media.cancel')}
                        </button>
                      ),
                  },
                ]}
              />
            </div>
            <div className="grid-2">
              <BookingForm partners={d.partners} scripts={d.scripts} action={action} onBooked={bump} />
              <div>
                <div className="card" data-testid="media-partners">
                  <h2>{t('media.partners')}</h2>
                  <DataTable
                    rows={d.partners}
                    rowKey={(p) => p.id}
                    empty={t('media.noPartners')}
                    columns={[
                      { header: t('media.partner'), cell: (p) => p.name },
                      { header: t('media.kind'), cell: (p) => t(`media.kind.${p.kind}` as const) },
                      { header: t('media.contact'), cell: (p) => p.contact ?? '' },
                    ]}
                  />
                </div>
                <PartnerForm unitCode={code} action={action} onCreated={bump} />
              </div>
            </div>
          </>
        )}
      </Loadable>
    </section>
  );
}
