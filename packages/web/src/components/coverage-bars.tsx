/**
 * Install coverage per unit against its target as horizontal bars, drawn at the box's width in
 * inline SVG: the bar is the share installed, the tick the target share, the colour the band (as
 * on the map). Rows sort lowest share first so the laggards are on top; each row links to the
 * unit's own dashboard. Labels are 12 px at any width.
 */
import type { coverageApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';
import { coverageBand, shortUnitName, textWidth } from './coverage-band';
import { useElementWidth } from './use-element-width';

const ROW = 30;
const LABEL_PX = 12;

export function CoverageBars({
  units,
  title,
  href,
}: {
  units: readonly coverageApi.UnitCoverage[];
  title: string;
  href?(code: string): string;
}) {
  const { t, formatNumber } = useI18n();
  const [box, width] = useElementWidth<HTMLDivElement>();
  const rows = [...units].sort((a, b) => a.share - b.share);
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  const label = Math.min(150, Math.max(90, width * 0.34));
  const valueRoom = 48;
  const max = Math.max(1e-9, ...rows.map((u) => Math.max(u.share, u.targetShare))) * 1.05;
  const barW = Math.max(40, width - label - valueRoom);
  const x = (share: number) => label + (share / max) * barW;
  const fitName = (name: string) => {
    const room = label - 8;
    if (textWidth(name, LABEL_PX) <= room) return name;
    const chars = Math.max(3, Math.floor(room / (LABEL_PX * 0.62)) - 1);
    return `${name.slice(0, chars)}…`;
  };
  const height = rows.length * ROW + 6;
  return (
    <figure className="chart">
      <div ref={box}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
          <title>{title}</title>
          {rows.map((u, i) => {
            const y = i * ROW + 4;
            const bar = (
              <>
                <text x={label - 6} y={y + 15} textAnchor="end" className="chart-label">
                  {fitName(shortUnitName(u.name))}
                </text>
                <rect x={label} y={y} width={barW} height={20} className="chart-track" />
                <rect
                  x={label}
                  y={y}
                  width={Math.max(0, x(u.share) - label)}
                  height={20}
                  className={`chart-bar ${coverageBand(u)}`}
                />
                <line x1={x(u.targetShare)} x2={x(u.targetShare)} y1={y - 2} y2={y + 22} className="chart-target" />
                <text x={Math.min(x(u.share) + 4, width - valueRoom + 4)} y={y + 15} className="chart-value">
                  {pct(u.share)}
                </text>
              </>
            );
            const name = t('map.areaLabel', { name: u.name, share: pct(u.share), target: pct(u.targetShare) });
            return href ? (
              <a key={u.code} href={href(u.code)} aria-label={name}>
                {bar}
              </a>
            ) : (
              <g key={u.code}>
                <title>{name}</title>
                {bar}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="legend">
        <span className="legend-row">
          <span className="swatch band-ok" /> {t('chart.installed')} <span className="swatch band-low" />{' '}
          {t('chart.belowTarget')} <span className="swatch target" /> {t('chart.target')}
        </span>
      </figcaption>
    </figure>
  );
}
