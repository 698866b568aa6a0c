/**
 * The units furthest below their install target, compared within their level: communes with
 * communes, villages with villages, organisations with organisations (a rice shop is never ranked
 * against a commune). Each level lists its ten furthest behind, with the installs still missing;
 * a name leads to that unit's own dashboard.
 */
import type { coverageApi } from '@bluezone/protocol/api';
import { targetProgress } from '../components/coverage-band';
import { DataTable } from '../components/data-table';
import { useI18n } from '../i18n/i18n';

const TOP = 10;

export const LEVELS = [
  { id: 'communes', kinds: ['commune', 'town'] },
  { id: 'villages', kinds: ['village'] },
  { id: 'organisations', kinds: ['agency', 'school', 'business', 'youth_union', 'telecom', 'health'] },
] as const;

export function BelowTargetCard({
  units,
  root,
  href,
}: {
  /** The coverage report's units (the subtree of `root`). */
  units: readonly coverageApi.UnitCoverage[];
  root: string;
  href(code: string): string;
}) {
  const { t, formatNumber } = useI18n();
  const pct = (v: number) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 });
  const levels = LEVELS.map((level) => {
    const inLevel = units.filter((u) => u.code !== root && (level.kinds as readonly string[]).includes(u.kind));
    const below = inLevel
      .filter((u) => u.belowTarget && u.target > 0)
      .sort((a, b) => targetProgress(a) - targetProgress(b))
      .slice(0, TOP);
    return { id: level.id, count: inLevel.length, below };
  }).filter((l) => l.count > 0);
  return (
    <div className="card" data-testid="below-target">
      <h2>{t('dashboard.furthestBelow')}</h2>
      {levels.length === 0 && <p className="empty">{t('dashboard.noUnits')}</p>}
      {levels.map((level) => (
        <section key={level.id} aria-labelledby={`below-${level.id}`} data-testid={`below-${level.id}`}>
          <h3 id={`below-${level.id}`}>{t(`dashboard.level.${level.id}` as const, { n: level.count })}</h3>
          <DataTable
            rows={level.below}
            rowKey={(u) => u.code}
            empty={t('dashboard.allOnTarget')}
            columns={[
              { header: t('unit.name'), cell: (u) => <a href={href(u.code)}>{u.name}</a> },
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
        </section>
      ))}
    </div>
  );
}
