/**
 * A map of a unit's areas (a district's communes) coloured by how far each is toward its install
 * target, in inline SVG drawn at the box's width (no tiles, nothing fetched). Each area is a link
 * to its own dashboard, focusable and named for screen readers ("Xã Hương Phú: 35 % of 60 %");
 * the same figures are in a table below the map. Labels are 12–13 px at any width; a name that
 * would not fit its area is left to the table and the link's name.
 */
import type { coverageApi, mapsApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';
import { coverageBand, shortUnitName, textWidth } from './coverage-band';
import { DataTable } from './data-table';
import { projectMap } from './map-projection';
import { useElementWidth } from './use-element-width';

const NAME_PX = 12;
const VALUE_PX = 13;

export function CoverageMap({
  map,
  units,
  title,
  href,
}: {
  map: mapsApi.UnitMap;
  /** Coverage of the map's areas, by code. */
  units: readonly coverageApi.UnitCoverage[];
  title: string;
  /** Where an area leads (its drill-down). */
  href(code: string): string;
}) {
  const { t, formatNumber } = useI18n();
  const [box, width] = useElementWidth<HTMLDivElement>();
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 0 });
  const byCode = new Map(units.map((u) => [u.code, u]));
  const areas = map.areas.filter((a) => byCode.has(a.code));
  const projected = projectMap(areas, map.outline, width);
  const described = (u: coverageApi.UnitCoverage) =>
    t('map.areaLabel', { name: u.name, share: pct(u.share), target: pct(u.targetShare) });
  return (
    <figure className="chart map" data-testid="coverage-map">
      <div ref={box}>
        <svg width={projected.width} height={projected.height} viewBox={`0 0 ${projected.width} ${projected.height}`}>
          <title>{title}</title>
          {projected.outline && <path d={projected.outline} className="map-outline" />}
          {areas.map((a) => {
            const u = byCode.get(a.code) as coverageApi.UnitCoverage;
            const at = projected.labels.get(a.code);
            const name = shortUnitName(u.name);
            const showName = at !== undefined && textWidth(name, NAME_PX) <= at.width * 0.9;
            // The link's name is its aria-label; the drawn labels inside it are not read twice.
            return (
              <a key={a.code} href={href(a.code)} aria-label={described(u)} data-testid={`map-area-${a.code}`}>
                <path d={projected.paths.get(a.code)} className={`map-area ${coverageBand(u)}`} />
                {at && showName && (
                  <text x={at.x} y={at.y - 3} textAnchor="middle" className="map-name">
                    {name}
                  </text>
                )}
                {at && (
                  <text x={at.x} y={at.y + (showName ? VALUE_PX + 1 : 5)} textAnchor="middle" className="map-value">
                    {pct(u.share)}
                  </text>
                )}
              </a>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <span className="legend-row">
          <span className="swatch band-low" /> {t('map.low')} <span className="swatch band-mid" /> {t('map.mid')}{' '}
          <span className="swatch band-ok" /> {t('map.ok')}
        </span>
        <span className="map-attribution">
          {map.source === 'schematic' ? t('map.schematic') : t('map.uploaded')} {map.attribution}
        </span>
      </figcaption>
      <details className="table-alternative">
        <summary>{t('map.table')}</summary>
        <DataTable
          rows={areas.map((a) => byCode.get(a.code) as coverageApi.UnitCoverage)}
          rowKey={(u) => u.code}
          empty={t('dashboard.noUnits')}
          columns={[
            { header: t('unit.name'), cell: (u) => <a href={href(u.code)}>{u.name}</a> },
            { header: t('dashboard.installs'), className: 'num', cell: (u) => formatNumber(u.members) },
            { header: t('dashboard.share'), className: 'num', cell: (u) => pct(u.share) },
            { header: t('dashboard.targetShare'), className: 'num', cell: (u) => pct(u.targetShare) },
          ]}
        />
      </details>
    </figure>
  );
}
