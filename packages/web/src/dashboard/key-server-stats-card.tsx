/** The key server's figures over the last 14 days: codes issued and claimed, uploads, keys published. */
import type { keyServerApi } from '@bluezone/protocol/api';
import { ApiError, api } from '../api/api-client';
import { Empty, Loadable } from '../components/loadable';
import { StatTile } from '../components/stat-tile';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

const sum = (xs: readonly { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);

export function KeyServerStatsCard() {
  const { t, formatNumber } = useI18n();
  const stats = useLoad(
    (signal) =>
      api<typeof keyServerApi.stats>('/api/stats?days=14', { signal }).catch((err: unknown) => {
        // The statistics endpoint belongs to the key server; show the rest of the page without it.
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [],
  );
  return (
    <div className="card">
      <h2>{t('dashboard.keyServer')}</h2>
      <Loadable state={stats.state} onRetry={stats.reload}>
        {(s) =>
          s === null ? (
            <Empty>{t('dashboard.statsUnavailable')}</Empty>
          ) : (
            <div className="tiles">
              <StatTile label={t('dashboard.codesIssued', { days: s.days })} value={formatNumber(sum(s.codesIssued))} />
              <StatTile
                label={t('dashboard.codesClaimed', { days: s.days })}
                value={formatNumber(sum(s.codesClaimed))}
              />
              <StatTile label={t('dashboard.uploads', { days: s.days })} value={formatNumber(sum(s.publishes))} />
              <StatTile
                label={t('dashboard.keysPublished', { days: s.days })}
                value={formatNumber(s.publishes.reduce((n, p) => n + p.keys, 0))}
              />
            </div>
          )
        }
      </Loadable>
    </div>
  );
}
