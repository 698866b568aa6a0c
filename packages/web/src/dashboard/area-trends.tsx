/**
 * Coverage over the chosen period (GET /api/rollout/coverage/trends): the unit's share installed
 * day by day against its target, with the share active that day, then the same line for each
 * area under it (communes of a district, villages of a commune) as small charts, so a commune
 * that stalls shows up. Organisations are left to the table: their populations are staff, not
 * residents.
 */
import type { coverageTrendsApi } from '@bluezone/protocol/api';
import { AREA_KINDS } from '../components/coverage-band';
import { TrendChart } from '../components/trend-chart';
import { useI18n } from '../i18n/i18n';

type AreaTrend = coverageTrendsApi.AreaTrend;

/** Cumulative members' share per day, and the share active each day. */
export function shareSeries(a: AreaTrend): { installed: number[]; active: number[] } {
  const pop = a.population > 0 ? a.population : 1;
  let total = a.installsBefore;
  const installed: number[] = [];
  for (const d of a.days) {
    total += d.newInstalls;
    installed.push(total / pop);
  }
  return {
    installed,
    active: a.days.map((d) => d.active / pop),
  };
}

export function AreaTrends({ trends, href }: { trends: { areas: AreaTrend[] }; href(code: string): string }) {
  const { t, formatNumber } = useI18n();
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: v < 0.1 ? 1 : 0 });
  const [root, ...children] = trends.areas;
  if (!root) return null;
  const days = root.days.map((d) => d.day);
  const rootSeries = shareSeries(root);
  const areas = children.filter((a) => AREA_KINDS.has(a.kind) && a.population > 0);
  return (
    <>
      <div className="card">
        <h2>{t('dashboard.trendOf', { name: root.name })}</h2>
        <TrendChart
          days={days}
          title={t('dashboard.trendOf', { name: root.name })}
          format={pct}
          series={[
            { label: t('chart.cumulativeShare'), values: rootSeries.installed, className: 'installs' },
            { label: t('chart.activeShare'), values: rootSeries.active, className: 'active' },
          ]}
          target={{ value: root.targetShare, label: t('chart.target') }}
        />
      </div>
      {areas.length > 0 && (
        <div className="card">
          <h2>{t('dashboard.trendPerArea')}</h2>
          <div className="small-multiples" data-testid="area-trends">
            {areas.map((a) => {
              const s = shareSeries(a);
              const now = s.installed.at(-1) ?? 0;
              return (
                <div key={a.code} className="small-multiple">
                  <h3>
                    <a href={href(a.code)}>{a.name}</a> <span className="muted">· {pct(now)}</span>
                  </h3>
                  <TrendChart
                    days={days}
                    title={t('dashboard.trendOf', { name: a.name })}
                    format={pct}
                    height={130}
                    legend={false}
                    series={[{ label: t('chart.cumulativeShare'), values: s.installed, className: 'installs' }]}
                    target={{ value: a.targetShare, label: t('chart.target') }}
                  />
                </div>
              );
            })}
          </div>
          <p className="legend">
            <span className="legend-row">
              <span className="swatch installs" /> {t('chart.cumulativeShare')} <span className="swatch target" />{' '}
              {t('chart.target')}
            </span>
          </p>
        </div>
      )}
    </>
  );
}
