/**
 * District dashboard: install coverage per commune against target, the daily trend, the units
 * furthest below target, key-server statistics, CSV/XLSX exports and a printable report.
 */
import { CampaignListCard } from '../components/campaign-list';
import { CheckpointLogsCard } from '../components/checkpoint-log';
import { useI18n } from '../i18n/i18n';
import { CoverageSection } from './coverage-section';
import { KeyServerStatsCard } from './key-server-stats-card';

export function DashboardPage() {
  const { t } = useI18n();
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
      <CoverageSection />
      <KeyServerStatsCard />
      <div className="grid-2">
        <CampaignListCard limit={5} />
        <CheckpointLogsCard />
      </div>
    </section>
  );
}
