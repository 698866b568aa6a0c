/**
 * A unit's installs (counted where people live) against its target, the installs its schools,
 * businesses, relatives and drives brought in as their own figure, and each sub-unit's; below-target
 * rows marked, population mismatches warned about.
 */
import type { coverageApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { DataTable } from '../components/data-table';
import { Loadable } from '../components/loadable';
import { StatTile } from '../components/stat-tile';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { PopulationWarnings } from './population-warnings';

export function UnitCoverageCard({ code }: { code: string }) {
  const { t, formatNumber } = useI18n();
  const report = useLoad(
    (signal) => api<typeof coverageApi.coverage>(`/api/rollout/coverage?unit=${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <div className="card">
      <Loadable state={report.state} onRetry={report.reload}>
        {(r) => {
          const unit = r.units.find((u) => u.code === r.root);
          const children = r.units.filter((u) => u.parentCode === r.root);
          return (
            <>
              <h2>
                {unit?.name} <span className="muted">({r.root})</span>
              </h2>
              {unit && (
                <div className="tiles">
                  <StatTile label={t('dashboard.installs')} value={formatNumber(unit.members)} />
                  <StatTile label={t('dashboard.target')} value={formatNumber(unit.target)} />
                  <StatTile label={t('unit.broughtIn')} value={formatNumber(unit.broughtIn)} />
                  <StatTile
                    className={unit.belowTarget ? 'tile below' : 'tile ok'}
                    label={unit.belowTarget ? t('unit.belowTarget') : t('unit.onTarget')}
                    value={pct(unit.share)}
                  />
                </div>
              )}
              <PopulationWarnings warnings={r.warnings} />
              <DataTable
                rows={children}
                rowKey={(u) => u.code}
                rowClassName={(u) => (u.belowTarget ? 'below' : '')}
                empty={t('unit.noChildren')}
                columns={[
                  { header: t('unit.name'), cell: (u) => u.name },
                  { header: t('dashboard.installs'), className: 'num', cell: (u) => formatNumber(u.members) },
                  { header: t('dashboard.target'), className: 'num', cell: (u) => formatNumber(u.target) },
                  { header: t('dashboard.share'), className: 'num', cell: (u) => pct(u.share) },
                  { header: t('unit.broughtIn'), className: 'num', cell: (u) => formatNumber(u.broughtIn) },
                ]}
              />
            </>
          );
        }}
      </Loadable>
    </div>
  );
}
