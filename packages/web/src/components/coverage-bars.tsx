/**
 * Install coverage per unit against its target, as horizontal bars in inline SVG (no chart
 * library, nothing from a CDN): the bar is the share installed, the tick the target share,
 * red when below target. Rows sort lowest share first so the laggards are on top.
 */
import type { coverageApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';

const ROW = 28;
const LABEL = 130;
const WIDTH = 480;

export function CoverageBars({ units, title }: { units: readonly coverageApi.UnitCoverage[]; title: string }) {
  const { t, formatNumber } = useI18n();
  const rows = [...units].sort((a, b) => a.share - b.share);
  const max = Math.max(1, ...rows.map((u) => Math.max(u.share, u.targetShare))) * 1.05;
  const barW = WIDTH - LABEL - 60;
  const x = (share: number) => LABEL + (share / max) * barW;
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${rows.length * ROW + 24}`}
        role="img"
        aria-labelledby="coverage-bars-title"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="coverage-bars-title">{title}</title>
        {rows.map((u, i) => {
          const y = i * ROW + 4;
          return (
            <g key={u.code}>
              <text x={LABEL - 6} y={y + 15} textAnchor="end" className="chart-label">
                {u.name.length > 20 ? `${u.name.slice(0, 19)}…` : u.name}
              </text>
              <rect x={LABEL} y={y} width={barW} height={20} className="chart-track" />
              <rect
                x={LABEL}
                y={y}
                width={Math.max(0, x(u.share) - LABEL)}
                height={20}
                className={u.belowTarget ? 'chart-bar below' : 'chart-bar'}
              />
              <line x1={x(u.targetShare)} x2={x(u.targetShare)} y1={y - 2} y2={y + 22} className="chart-target" />
              <text x={x(u.share) + 4} y={y + 15} className="chart-value">
                {pct(u.share)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="swatch ok" /> {t('chart.installed')} <span className="swatch below" /> {t('chart.belowTarget')}{' '}
        <span className="swatch target" /> {t('chart.target')}
      </figcaption>
    </figure>
  );
}
