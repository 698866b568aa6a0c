/**
 * The campaigns the user may see with their status, next run and delivery counts (GET
 * /api/rollout/campaigns), newest first. While a run is due soon or messages are on their way, it
 * refreshes itself.
 */
import type { campaignsApi } from '@bluezone/protocol/api';
import { useEffect } from 'react';
import { api } from '../api/api-client';
import { scheduleWords } from '../campaigns/schedule-words';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Empty, Loadable } from './loadable';
import { ProgressBar } from './progress-bar';

const POLL_MS = 2000;
const STATUS_BADGE: Record<campaignsApi.CampaignStatus, string> = {
  pending_approval: 'badge inactive',
  rejected: 'badge inactive',
  active: 'badge active',
  done: 'badge',
};
const SOON_MS = 5 * 60_000;

function inFlight(c: campaignsApi.CampaignSummary): boolean {
  const m = c.messages;
  const dueSoon = c.nextRunAt !== null && new Date(c.nextRunAt).getTime() - Date.now() < SOON_MS;
  return dueSoon || m.queued > 0 || m.sent > m.delivered + m.failed;
}

export function CampaignListCard({ refreshKey = 0, limit }: { refreshKey?: number; limit?: number }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const campaigns = useLoad(
    (signal) => api<typeof campaignsApi.listCampaigns>('/api/rollout/campaigns', { signal }),
    [refreshKey],
  );
  const running = campaigns.state.status === 'ready' && campaigns.state.data.campaigns.some(inFlight);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(campaigns.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, campaigns.reload]);

  return (
    <div className="card">
      <h2>{t('campaign.list')}</h2>
      <Loadable state={campaigns.state} onRetry={campaigns.reload}>
        {({ campaigns: list }) =>
          list.length === 0 ? (
            <Empty>{t('campaign.none')}</Empty>
          ) : (
            <ul className="list">
              {[...list]
                .reverse()
                .slice(0, limit)
                .map((c) => {
                  // Expired messages are settled: they count as done, as suppressed ones do.
                  const total = c.messages.queued + c.messages.sent + c.messages.suppressed + c.messages.expired;
                  const done = c.messages.delivered + c.messages.failed + c.messages.suppressed + c.messages.expired;
                  return (
                    <li key={c.id} className="campaign" data-testid={`campaign-${c.id}`}>
                      <span>
                        <strong>{c.name}</strong>{' '}
                        <span className="muted">
                          · {c.unitCode} · {t(`campaign.audience.${c.audience}` as const)} · {c.channel.toUpperCase()}
                        </span>
                      </span>
                      {c.status === 'rejected' ? (
                        <span className="badge inactive" data-testid={`campaign-status-${c.id}`}>
                          {t('campaign.rejectedBecause', { reason: c.rejectedReason ?? '' })}
                        </span>
                      ) : (
                        <span className={STATUS_BADGE[c.status]} data-testid={`campaign-status-${c.id}`}>
                          {t(`campaign.status.${c.status}` as const)}
                        </span>
                      )}
                      <span className="muted" data-testid={`campaign-schedule-${c.id}`}>
                        {scheduleWords(i18n, c.schedule)}
                      </span>
                      {c.nextRunAt && c.status !== 'rejected' && (
                        <span className="muted" data-testid={`campaign-next-${c.id}`}>
                          {t('campaign.nextRun', { time: formatDateTime(c.nextRunAt) })}
                        </span>
                      )}
                      <span className="muted">
                        {t('campaign.counts', {
                          queued: c.messages.queued,
                          sent: c.messages.sent,
                          delivered: c.messages.delivered,
                          failed: c.messages.failed,
                          expired: c.messages.expired,
                        })}
                      </span>
                      {total > 0 && <ProgressBar value={done} max={total} label={t('campaign.delivery')} />}
                    </li>
                  );
                })}
            </ul>
          )
        }
      </Loadable>
    </div>
  );
}
