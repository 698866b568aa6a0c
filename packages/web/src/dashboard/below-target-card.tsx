/** The units furthest below their install target, with how many installs each is missing. */
import type { coverageApi } from '@bluezone/protocol/api';
import { DataTable } from '../components/data-table';
import { useI18n } from '../i18n/i18n';

export function BelowTargetCard({ units }: { units: coverageApi.UnitCoverage[] }) {
  const { t, formatNumber } = useI18n();
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <div className="card">
      <h2>{t('dashboard.furthestBelow')}</h2>
      <DataTable
        rows={units}
        rowKey={(u) => u.code}
        empty={t('dashboard.allOnTarget')}
        columns={[
          {
            header: t('unit.name'),
            cell: (u) => (
              <>
                {u.name} <span className="muted">({u.code})</span>
              </>
            ),
          },
          { header: t('dashboard.installs'), className: 'num', cell: (u) => formatNumber(u.members) },
          { header: t('dashboard.target'), className: 'num', cell: (u) => formatNumber(u.target) },
          { header: t('dashboard.share'), className: 'num', cell: (u) => pct(u.share) },
          {
            header: t('dashboard.missing'),
            className: 'num',
            cell: (u) => formatNumber(Math.max(0, u.target - u.members)),
          },
        ]}
      />
    </div>
  );
}
