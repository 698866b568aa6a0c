/** Where the dashboard is in the unit tree: district › commune › village, each a link back up. */
import type { unitsApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';

export function DashboardBreadcrumb({
  units,
  current,
  href,
}: {
  units: readonly unitsApi.Unit[];
  /** The unit shown; undefined = the top of what the user sees. */
  current: string | undefined;
  href(code: string): string;
}) {
  const { t } = useI18n();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const trail: unitsApi.Unit[] = [];
  for (let u = current ? byCode.get(current) : undefined; u; u = u.parentCode ? byCode.get(u.parentCode) : undefined) {
    trail.unshift(u);
    if (trail.length > 10) break;
  }
  if (trail.length === 0) {
    const top = units.find((u) => u.parentCode === null || !byCode.has(u.parentCode));
    if (top) trail.push(top);
  }
  return (
    <nav aria-label={t('dashboard.breadcrumb')} className="breadcrumb">
      <ol>
        {trail.map((u, i) => (
          <li key={u.code}>
            {i === trail.length - 1 ? <span aria-current="page">{u.name}</span> : <a href={href(u.code)}>{u.name}</a>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
