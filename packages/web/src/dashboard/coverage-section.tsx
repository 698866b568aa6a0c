/** The district's coverage (GET /api/rollout/coverage): totals, per commune, the 30-day trend, and the units furthest below target. */
import type { coverageApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { CoverageBars } from '../components/coverage-bars';
import { CoverageTreemap } from '../components/coverage-treemap';
import { Empty, Loadable } from '../components/loadable';
import { StatTile } from '../components/stat-tile';
import { TrendChart } from '../components/trend-chart';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { BelowTargetCard } from './below-target-card';

const TOP_BELOW = 10;

export function CoverageSection() {
  const { t, formatNumber, formatDateTime } = useI18n();
  const coverage = useLoad(
    (signal) => api<typeof coverageApi.coverage>('/api/rollout/coverage?days=30', { signal }),
    [],
  );
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <Loadable state={coverage.state} onRetry={coverage.reload}>
      {(report) => {
        const root = report.units.find((u) => u.code === report.root);
        const communes = report.units.filter(
          (u) => u.parentCode === report.root && (u.kind === 'commune' || u.kind === 'town'),
        );
        const below: coverageApi.UnitCoverage[] = report.units
          .filter((u) => u.belowTarget && u.target > 0)
          .sort((a, b) => a.share / a.targetShare - b.share / b.targetShare)
          .slice(0, TOP_BELOW);
        return (
          <>
            <p className="muted">
              {root?.name} · {t('dashboard.asOf', { time: formatDateTime(report.asOf) })}
            </p>
            {root && (
              <div className="tiles">
                <StatTile
                  label={t('dashboard.installs')}
                  value={formatNumber(root.members)}
                  note={t('dashboard.broughtIn', { n: formatNumber(root.broughtIn) })}
                />
                <StatTile
                  label={t('dashboard.target')}
                  value={formatNumber(root.target)}
                  note={pct(root.targetShare)}
                />
                <StatTile label={t('dashboard.share')} value={pct(root.share)} />
                <StatTile
                  label={t('dashboard.activeShare', { days: report.activeWindowDays })}
                  value={pct(root.activeShare)}
                />
              </div>
            )}
            <div className="grid-2">
              <div className="card">
                <h2>{t('dashboard.byCommune')}</h2>
                {communes.length === 0 ? (
                  <Empty>{t('dashboard.noUnits')}</Empty>
                ) : (
                  <CoverageBars units={communes} title={t('dashboard.byCommune')} />
                )}
              </div>
              <div className="card">
                <h2>{t('dashboard.trend')}</h2>
                {report.trend.every((d) => d.newInstalls === 0 && d.active === 0) ? (
                  <Empty>{t('dashboard.noInstallsYet')}</Empty>
                ) : (
                  <TrendChart trend={report.trend} title={t('dashboard.trend')} />
                )}
              </div>
            </div>
            {communes.length > 0 && (
              <div className="card">
                <h2>{t('dashboard.treemap')}</h2>
                <CoverageTreemap units={communes} title={t('dashboard.treemap')} />
              </div>
            )}
            <BelowTargetCard units={below} />
          </>
        );
      }}
    </Loadable>
  );
}
