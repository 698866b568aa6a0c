/**
 * Install coverage per unit as a treemap in inline SVG: each cell's area is the unit's
 * population, its colour how far the unit is toward its target (share / target share), so
 * the committee sees at a glance which large communes lag. Complements the sorted bars.
 */
import type { coverageApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';
import { layoutTreemap } from './treemap-layout';

const WIDTH = 960;
const HEIGHT = 360;

/** Progress toward target → fill; the three bands match the legend. */
function band(u: coverageApi.UnitCoverage): 'low' | 'mid' | 'ok' {
  const progress = u.targetShare > 0 ? u.share / u.targetShare : 1;
  return progress >= 1 ? 'ok' : progress >= 0.5 ? 'mid' : 'low';
}

export function CoverageTreemap({ units, title }: { units: readonly coverageApi.UnitCoverage[]; title: string }) {
  const { t, formatNumber } = useI18n();
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  const cells = layoutTreemap(units, (u) => u.population, WIDTH, HEIGHT);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="coverage-treemap-title">
        <title id="coverage-treemap-title">{title}</title>
        {cells.map(({ item: u, x, y, w, h }) => (
          <g key={u.code} data-testid={`treemap-${u.code}`}>
            <rect x={x} y={y} width={w} height={h} className={`treemap-cell ${band(u)}`}>
              <title>
                {u.name}: {pct(u.share)} / {pct(u.targetShare)}
              </title>
            </rect>
            {w > 70 && h > 34 && (
              <>
                <text x={x + 6} y={y + 18} className="treemap-label">
                  {u.name.length > Math.floor(w / 8) ? `${u.name.slice(0, Math.floor(w / 8) - 1)}…` : u.name}
                </text>
                <text x={x + 6} y={y + 34} className="treemap-value">
                  {pct(u.share)}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        <span className="swatch treemap-low" /> {t('treemap.low')} <span className="swatch treemap-mid" />{' '}
        {t('treemap.mid')} <span className="swatch treemap-ok" /> {t('treemap.ok')} · {t('treemap.area')}
      </figcaption>
    </figure>
  );
}
