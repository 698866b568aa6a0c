/**
 * The steering dashboard: the district's coverage with a map of its communes, drilling down to a
 * commune and its villages and organisations (`#/dashboard/<code>`), over a chosen period; the
 * key server's figures, campaigns and checkpoint activity at the top level; CSV/XLSX exports and
 * a printable report of the unit shown.
 */
import type { accountsApi, unitsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { CampaignListCard } from '../components/campaign-list';
import { CheckpointLogsCard } from '../components/checkpoint-log';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { CoverageSection } from './coverage-section';
import { DashboardBreadcrumb } from './dashboard-breadcrumb';
import { dashboardHref, useDashboardView } from './dashboard-route';
import { DemoNotice } from './demo-notice';
import { KeyServerStatsCard } from './key-server-stats-card';
import { PeriodPicker } from './period-picker';

export function DashboardPage({ user }: { user: accountsApi.User }) {
  const { t } = useI18n();
  const view = useDashboardView();
  const units = useLoad((signal) => api<typeof unitsApi.listUnits>('/api/rollout/units', { signal }), []);
  const href = (code: string) => dashboardHref({ ...view, unit: code });
  const unitQuery = view.unit ? `&unit=${encodeURIComponent(view.unit)}` : '';
  const top =
    view.unit === undefined ||
    (units.state.status === 'ready' && units.state.data.units.find((u) => u.code === view.unit)?.parentCode === null);
  return (
    <section aria-labelledby="dash-title">
      <div className="page-head">
        <h1 id="dash-title">{t('dashboard.title')}</h1>
        <div className="actions no-print">
          <a className="button" href={`/api/rollout/report?format=csv${unitQuery}`} download>
            {t('dashboard.exportCsv')}
          </a>
          <a className="button" href={`/api/rollout/report?format=xlsx${unitQuery}`} download>
            {t('dashboard.exportXlsx')}
          </a>
          <button type="button" className="button" onClick={() => window.print()}>
            {t('dashboard.print')}
          </button>
        </div>
      </div>
      <DemoNotice admin={user.role === 'admin'} />
      <div className="dashboard-controls">
        {units.state.status === 'ready' && (
          <DashboardBreadcrumb
            units={units.state.data.units}
            current={view.unit}
            href={(code) => dashboardHref({ ...view, unit: code })}
          />
        )}
        <PeriodPicker
          period={view.period}
          onChange={(period) => (window.location.hash = dashboardHref({ ...view, period }))}
        />
      </div>
      <CoverageSection unit={view.unit} period={view.period} href={href} canUploadMap={user.role === 'admin'} />
      {top && (
        <>
          <KeyServerStatsCard />
          <div className="grid-2">
            <CampaignListCard limit={5} />
            <CheckpointLogsCard />
          </div>
        </>
      )}
    </section>
  );
}
