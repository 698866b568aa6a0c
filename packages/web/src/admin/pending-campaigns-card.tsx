/**
 * Campaigns that non-admins made, waiting for an admin: who made it, for whom, its schedule in
 * words, the recipients, segments, cost and sample text, when it would first send; approve, or
 * reject with a reason.
 */
import type { campaignsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { Empty, Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { PendingCampaignPreview } from './pending-campaign-preview';

export function PendingCampaignsCard() {
  const { t } = useI18n();
  const campaigns = useLoad(
    (signal) => api<typeof campaignsApi.listCampaigns>('/api/rollout/campaigns', { signal }),
    [],
  );
  const action = useAction();

  const decide = (c: campaignsApi.CampaignSummary, decision: 'approve' | 'reject') => {
    let reason: string | null = null;
    if (decision === 'reject') {
      reason = window.prompt(t('admin.rejectReason', { name: c.name }));
      if (!reason) return;
    }
    void action.run(async () => {
      if (reason === null) {
        await api<typeof campaignsApi.approveCampaign>(`/api/rollout/campaigns/${c.id}/approve`, { method: 'POST' });
      } else {
        await api<typeof campaignsApi.rejectCampaign>(`/api/rollout/campaigns/${c.id}/reject`, {
          method: 'POST',
          body: { reason },
        });
      }
      campaigns.reload();
      return t(decision === 'approve' ? 'admin.approved' : 'admin.rejected', { name: c.name });
    });
  };

  return (
    <div className="card">
      <h2>{t('admin.pendingCampaigns')}</h2>
      <ActionNotices action={action} />
      <Loadable state={campaigns.state} onRetry={campaigns.reload}>
        {({ campaigns: list }) => {
          const pending = list.filter((c) => c.status === 'pending_approval');
          return pending.length === 0 ? (
            <Empty>{t('admin.noPendingCampaigns')}</Empty>
          ) : (
            <ul className="list">
              {pending.map((c) => (
                <li key={c.id} data-testid={`pending-campaign-${c.id}`}>
                  <span>
                    <strong>{c.name}</strong>{' '}
                    <span className="muted">
                      · {c.unitCode} · {t(`campaign.audience.${c.audience}` as const)} · {c.channel.toUpperCase()}
                    </span>
                    {c.createdBy && (
                      <>
                        <br />
                        <span className="muted">{t('admin.campaignBy', { by: c.createdBy })}</span>
                      </>
                    )}
                    <PendingCampaignPreview campaign={c} />
                  </span>
                  <span className="actions">
                    <button
                      type="button"
                      className="primary"
                      disabled={action.busy}
                      onClick={() => decide(c, 'approve')}
                    >
                      {t('admin.approve')}
                    </button>
                    <button
                      type="button"
                      className="link danger"
                      disabled={action.busy}
                      onClick={() => decide(c, 'reject')}
                    >
                      {t('admin.reject')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </Loadable>
    </div>
  );
}
