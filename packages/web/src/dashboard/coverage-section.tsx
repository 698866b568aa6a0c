/**
 * A unit's coverage on the dashboard — the district, or a commune, village or organisation under
 * it, with the same cards at every level: totals, the map of its areas (where there is one) and
 * bars per area, the trend over the chosen period overall and per area, and the units furthest
 * below target by level, and population warnings (an area against the areas under it). Areas, bars
 * and table rows lead one level down.
 */
import type { coverageApi, coverageTrendsApi, mapsApi } from '@bluezone/protocol/api';
import { Suspense } from 'react';
import { ApiError, api } from '../api/api-client';
import { AREA_KINDS } from '../components/coverage-band';
import { Empty, Loadable, Spinner } from '../components/loadable';
import { StatTile } from '../components/stat-tile';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { lazyComponent } from '../lazy-component';
import { PopulationWarnings } from '../unit/population-warnings';
import { BelowTargetCard } from './below-target-card';
import { type Period, periodQuery } from './dashboard-route';

// The map and the charts are a chunk of their own, asked for as soon as this page's chunk runs:
// the figures never wait for it, and it has usually arrived by the time the data has. The map
// upload is an admin's alone, loaded only for them.
const charts = () => import('./dashboard-charts');
const CoverageMap = lazyComponent(async () => (await charts()).CoverageMap);
const CoverageBars = lazyComponent(async () => (await charts()).CoverageBars);
const AreaTrends = lazyComponent(async () => (await charts()).AreaTrends);
const MapUpload = lazyComponent(async () => (await import('./map-upload')).MapUpload);
for (const drawing of [CoverageMap, CoverageBars, AreaTrends]) void drawing.preload();

/** The map of the unit's areas, or null where it has none (a commune's villages have no boundaries yet). */
async function loadMap(unit: string, signal: AbortSignal): Promise<mapsApi.UnitMap | null> {
  try {
    return await api<typeof mapsApi.getUnitMap>(`/api/rollout/maps/${encodeURIComponent(unit)}`, { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export function CoverageSection({
  unit,
  period,
  href,
  canUploadMap = false,
}: {
  unit: string | undefined;
  period: Period;
  href(code: string): string;
  /** Admins may load the district's own boundaries. */
  canUploadMap?: boolean;
}) {
  const { t, formatNumber, formatDateTime, formatDay } = useI18n();
  const coverage = useLoad(
    (signal) =>
      api<typeof coverageApi.coverage>(
        unit ? `/api/rollout/coverage?unit=${encodeURIComponent(unit)}` : '/api/rollout/coverage',
        { signal },
      ),
    [unit],
  );
  // The map is asked for once the report names its root unit; the figures do not wait for it.
  const rootCode = coverage.state.status === 'ready' ? coverage.state.data.root : undefined;
  const map = useLoad(
    (signal) => (rootCode === undefined ? Promise.resolve(null) : loadMap(rootCode, signal)),
    [rootCode],
  );
  const noMap = rootCode === undefined || (map.state.status === 'ready' && map.state.data === null);
  const trends = useLoad(
    (signal) =>
      api<typeof coverageTrendsApi.coverageTrends>(
        `/api/rollout/coverage/trends?${unit ? `unit=${encodeURIComponent(unit)}&` : ''}${periodQuery(period)}`,
        { signal },
      ),
    [unit, period.kind, periodQuery(period)],
  );
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <Loadable state={coverage.state} onRetry={coverage.reload}>
      {(report) => {
        const root = report.units.find((u) => u.code === report.root);
        const children = report.units.filter((u) => u.parentCode === report.root);
        // Bars compare areas with areas (communes, villages); organisations are ranked apart below.
        const areas = children.filter((u) => AREA_KINDS.has(u.kind));
        const barred = areas.length > 0 ? areas : children;
        const newInPeriod =
          trends.state.status === 'ready'
            ? trends.state.data.areas[0]?.days.reduce((n, d) => n + d.newInstalls, 0)
            : undefined;
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
                <StatTile
                  className={root.belowTarget ? 'tile below' : 'tile ok'}
                  label={t('dashboard.share')}
                  value={pct(root.share)}
                />
                <StatTile
                  label={t('dashboard.activeShare', { days: report.activeWindowDays })}
                  value={pct(root.activeShare)}
                />
                {newInPeriod !== undefined && trends.state.status === 'ready' && (
                  <StatTile
                    label={t('dashboard.newInPeriod', {
                      from: formatDay(trends.state.data.from),
                      to: formatDay(trends.state.data.to),
                    })}
                    value={formatNumber(newInPeriod)}
                  />
                )}
              </div>
            )}
            <PopulationWarnings warnings={report.warnings} />
            {children.length > 0 && (
              <div className={noMap ? undefined : 'grid-2'}>
                {!noMap && (
                  <div className="card">
                    <h2>{t('dashboard.map')}</h2>
                    <Loadable state={map.state} onRetry={map.reload}>
                      {(shown) =>
                        shown && (
                          <Suspense fallback={<Spinner />}>
                            <CoverageMap.Component
                              map={shown}
                              units={children}
                              title={t('dashboard.mapOf', { name: root?.name ?? '' })}
                              href={href}
                            />
                            {canUploadMap && <MapUpload.Component unit={report.root} onChanged={map.reload} />}
                          </Suspense>
                        )
                      }
                    </Loadable>
                  </div>
                )}
                <div className="card">
                  <h2>{t('dashboard.byArea')}</h2>
                  <Suspense fallback={<Spinner />}>
                    <CoverageBars.Component units={barred} title={t('dashboard.byArea')} href={href} />
                  </Suspense>
                </div>
              </div>
            )}
            <Loadable state={trends.state} onRetry={trends.reload}>
              {(data) =>
                data.areas[0]?.days.every((d) => d.newInstalls === 0 && d.active === 0) &&
                (data.areas[0]?.installsBefore ?? 0) === 0 ? (
                  <div className="card">
                    <h2>{t('dashboard.trend')}</h2>
                    <Empty>{t('dashboard.noInstallsYet')}</Empty>
                  </div>
                ) : (
                  <Suspense fallback={<Spinner />}>
                    <AreaTrends.Component trends={data} href={href} />
                  </Suspense>
                )
              }
            </Loadable>
            {children.length > 0 && <BelowTargetCard units={report.units} root={report.root} href={href} />}
          </>
        );
      }}
    </Loadable>
  );
}
