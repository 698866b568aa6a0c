/** What a campaign would do before it is created: recipients, SMS segments and cost, a sample text, the next run. */
import type { campaignsApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';

export function CampaignPreviewNotice({ preview }: { preview: campaignsApi.CampaignPreview }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  return (
    <div className="notice ok" role="status" data-testid="campaign-preview">
      <p>{t('campaign.recipients', { n: formatNumber(preview.recipients) })}</p>
      {preview.cost && (
        <p>
          {t('campaign.cost', {
            segments: formatNumber(preview.cost.segments),
            cost: formatNumber(preview.cost.costVnd),
          })}
        </p>
      )}
      {preview.sample && <p className="sample">“{preview.sample}”</p>}
      {preview.nextRuns[0] && <p>{t('campaign.nextRun', { time: formatDateTime(preview.nextRuns[0]) })}</p>}
    </div>
  );
}
