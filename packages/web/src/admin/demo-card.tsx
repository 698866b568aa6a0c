/**
 * The demo district (GET/POST /api/rollout/demo): seed 30 days of labelled demo activity so the
 * dashboard shows what it is for, or clear it (only the demo rows go) before real work starts.
 */
import type { demoApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function DemoCard() {
  const { t, formatNumber, formatDateTime } = useI18n();
  const demo = useLoad((signal) => api<typeof demoApi.getDemoStatus>('/api/rollout/demo', { signal }), []);
  const action = useAction();

  const seed = () =>
    action.run(async () => {
      await api<typeof demoApi.seedDemo>('/api/rollout/demo', { method: 'POST', body: {} });
      demo.reload();
      return t('demo.seeded');
    });
  const clear = () => {
    if (!window.confirm(t('demo.confirmClear'))) return;
    void action.run(async () => {
      await api<typeof demoApi.clearDemo>('/api/rollout/demo/clear', { method: 'POST' });
      demo.reload();
      return t('demo.cleared');
    });
  };

  return (
    <div className="card" data-testid="demo-card">
      <h2>{t('demo.title')}</h2>
      <Loadable state={demo.state} onRetry={demo.reload}>
        {(s) => (
          <>
            <p className="muted">
              {s.seeded
                ? t('demo.present', {
                    time: s.seededAt ? formatDateTime(s.seededAt) : '',
                    installs: formatNumber(s.counts.installs),
                    scans: formatNumber(s.counts.checkpointScans),
                    campaigns: formatNumber(s.counts.campaigns),
                    codes: formatNumber(s.counts.codes),
                  })
                : t('demo.absent')}
            </p>
            <ActionNotices action={action} />
            {action.busy && <p className="muted">{t('demo.working')}</p>}
            {s.seeded ? (
              <button type="button" className="button danger" disabled={action.busy} onClick={clear}>
                {t('demo.clear')}
              </button>
            ) : (
              <button type="button" className="button" disabled={action.busy} onClick={() => void seed()}>
                {t('demo.seed')}
              </button>
            )}
          </>
        )}
      </Loadable>
    </div>
  );
}
