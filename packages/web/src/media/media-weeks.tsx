/** Planned vs aired per week (the media report): slots, cost and reach, with the CSV and XLSX downloads. */
import type { mediaApi } from '@bluezone/protocol/api';
import { DataTable } from '../components/data-table';
import { ProgressBar } from '../components/progress-bar';
import { useI18n } from '../i18n/i18n';

export function MediaWeeks({ report, unitCode }: { report: mediaApi.MediaReport; unitCode: string }) {
  const { t, formatNumber, formatDay } = useI18n();
  const file = (format: string) => `/api/rollout/media/report?format=${format}&unit=${encodeURIComponent(unitCode)}`;
  return (
    <div className="card" data-testid="media-weeks">
      <h2>{t('media.weeks')}</h2>
      <DataTable
        rows={report.weeks}
        rowKey={(w) => w.week}
        empty={t('media.noSlots')}
        columns={[
          { header: t('media.weekOf'), cell: (w) => formatDay(w.week) },
          {
            header: t('media.airedOfPlanned'),
            cell: (w) => <ProgressBar value={w.aired} max={w.planned} label={t('media.aired')} />,
            testId: (w) => `week-${w.week}`,
          },
          { header: t('media.missed'), className: 'num', cell: (w) => formatNumber(w.missed) },
          { header: t('media.unconfirmed'), className: 'num', cell: (w) => formatNumber(w.unconfirmed) },
          {
            header: t('media.cost'),
            className: 'num',
            cell: (w) => `${formatNumber(w.airedCostVnd)} / ${formatNumber(w.plannedCostVnd)}`,
          },
          {
            header: t('media.reach'),
            className: 'num',
            cell: (w) => `${formatNumber(w.airedReach)} / ${formatNumber(w.plannedReach)}`,
          },
        ]}
      />
      <p className="no-print">
        <a className="button" href={file('csv')}>
          CSV
        </a>{' '}
        <a className="button" href={file('xlsx')}>
          XLSX
        </a>
      </p>
    </div>
  );
}
