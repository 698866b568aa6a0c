/**
 * What an approver needs to decide on a campaign: when it sends, in words as its author picked it
 * ("Hằng tuần, thứ Năm lúc 09:30", the campaign list's own scheduleWords), how many people it
 * reaches, SMS segments and cost, the text as they will read it (the server's own sample) and when
 * it first sends — the campaign's preview (POST /api/rollout/campaigns/preview) with its stored
 * text and audience.
 */
import type { campaignsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { CampaignPreviewNotice } from '../campaigns/campaign-preview';
import { scheduleWords } from '../campaigns/schedule-words';
import { Loadable } from '../components/loadable';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function PendingCampaignPreview({ campaign }: { campaign: campaignsApi.CampaignSummary }) {
  const i18n = useI18n();
  const preview = useLoad(
    (signal) =>
      api<typeof campaignsApi.previewCampaign>('/api/rollout/campaigns/preview', {
        method: 'POST',
        signal,
        body: {
          unitCode: campaign.unitCode,
          name: campaign.name,
          audience: campaign.audience,
          channel: campaign.channel,
          template: campaign.template,
          // Only recipients, cost and the sample are read here; the run time is the campaign's own.
          schedule: { kind: 'once', at: new Date(Date.now() + 3_600_000).toISOString() },
          ...(campaign.channel === 'zalo' ? { zaloTemplateId: 'preview' } : {}),
        },
      }),
    [campaign.id],
  );
  return (
    <>
      <br />
      <span className="muted" data-testid={`pending-campaign-schedule-${campaign.id}`}>
        {scheduleWords(i18n, campaign.schedule)}
      </span>
      <Loadable state={preview.state} onRetry={preview.reload}>
        {(p) => <CampaignPreviewNotice preview={{ ...p, nextRuns: campaign.nextRunAt ? [campaign.nextRunAt] : [] }} />}
      </Loadable>
    </>
  );
}
