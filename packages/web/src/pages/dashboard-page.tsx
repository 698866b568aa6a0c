/**
 * District dashboard: install coverage per commune against target, the daily trend, the units
 * furthest below target, key-server statistics, CSV/XLSX exports and a printable report.
 */
import { ApiError, api } from '../api/api-client';
import type { CoverageReport, ServerStats, UnitCoverage } from '../api/types';
import { CampaignListCard } from '../components/campaign-list';
import { CheckpointLogsCard } from '../components/checkpoint-log';
import { CoverageBars } from '../components/coverage-bars';
import { CoverageTreemap } from '../components/coverage-treemap';
import { Empty, Loadable } from '../components/loadable';
import { TrendChart } from '../components/trend-chart';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../use-async';

const TOP_BELOW = 10;

function StatTile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="tile">
      <div className="tile-value">{value}</div>
      <div className="tile-label">{label}</div>
      {note && <div className="tile-note">{note}</div>}
    </div>
  );
}

const sum = (xs: readonly { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);

export function DashboardPage() {
  const { t, formatNumber, formatDateTime } = useI18n();
  const coverage = useAsync((signal) => api<CoverageReport>('/api/rollout/coverage?days=30', { signal }), []);
  const stats = useAsync(
    (signal) =>
      api<ServerStats>('/api/stats?days=14', { signal }).catch((err: unknown) => {
        // The statistics endpoint belongs to the key server; show the rest of the page without it.
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [],
  );
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });

  return (
    <section aria-labelledby="dash-title">
      <div className="page-head">
        <h1 id="dash-title">{t('dashboard.title')}</h1>
        <div className="actions no-print">
          <a className="button" href="/api/rollout/report?format=csv" download>
            {t('dashboard.exportCsv')}
          </a>
          <a className="button" href="/api/rollout/report?format=xlsx" download>
            {t('dashboard.exportXlsx')}
          </a>
          <button type="button" className="button" onClick={() => window.print()}>
            {t('dashboard.print')}
          </button>
        </div>
      </div>
      <Loadable state={coverage.state} onRetry={coverage.reload}>
        {(report) => {
          const root = report.units.find((u) => u.code === report.root);
          const communes = report.units.filter(
            (u) => u.parentCode === report.root && (u.kind === 'commune' || u.kind === 'town'),
          );
          const below: UnitCoverage[] = report.units
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
              <div className="card">
                <h2>{t('dashboard.furthestBelow')}</h2>
                {below.length === 0 ? (
                  <Empty>{t('dashboard.allOnTarget')}</Empty>
                ) : (
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('unit.name')}</th>
                          <th scope="col">{t('dashboard.installs')}</th>
                          <th scope="col">{t('dashboard.target')}</th>
                          <th scope="col">{t('dashboard.share')}</th>
                          <th scope="col">{t('dashboard.missing')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {below.map((u) => (
                          <tr key={u.code}>
                            <td>
                              {u.name} <span className="muted">({u.code})</span>
                            </td>
                            <td className="num">{formatNumber(u.members)}</td>
                            <td className="num">{formatNumber(u.target)}</td>
                            <td className="num">{pct(u.share)}</td>
                            <td className="num">{formatNumber(Math.max(0, u.target - u.members))}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </div>
            </>
          );
        }}
      </Loadable>
      <div className="card">
        <h2>{t('dashboard.keyServer')}</h2>
        <Loadable state={stats.state} onRetry={stats.reload}>
          {(s) =>
            s === null ? (
              <Empty>{t('dashboard.statsUnavailable')}</Empty>
            ) : (
              <div className="tiles">
                <StatTile
                  label={t('dashboard.codesIssued', { days: s.days })}
                  value={formatNumber(sum(s.codesIssued))}
                />
                <StatTile
                  label={t('dashboard.codesClaimed', { days: s.days })}
                  value={formatNumber(sum(s.codesClaimed))}
                />
                <StatTile label={t('dashboard.uploads', { days: s.days })} value={formatNumber(sum(s.publishes))} />
                <StatTile
                  label={t('dashboard.keysPublished', { days: s.days })}
                  value={formatNumber(s.publishes.reduce((n, p) => n + p.keys, 0))}
                />
              </div>
            )
          }
        </Loadable>
      </div>
      <div className="grid-2">
        <CampaignListCard limit={5} />
        <CheckpointLogsCard />
      </div>
    </section>
  );
}
