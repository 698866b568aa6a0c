/** When a campaign sends: now, once at a time, or on a cron rule; and its quiet hours. */
import { SegmentedChoice } from '../components/segmented-choice';
import { useI18n } from '../i18n/i18n';
import type { CampaignDraft } from './campaign-draft';

export function ScheduleFields({
  draft,
  onChange,
}: {
  draft: CampaignDraft;
  onChange(patch: Partial<CampaignDraft>): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <SegmentedChoice
        legend={t('campaign.schedule')}
        name="schedule"
        options={['now', 'once', 'periodic'] as const}
        value={draft.kind}
        onChange={(kind) => onChange({ kind })}
        label={(k) => t(`campaign.${k}` as const)}
      />
      {draft.kind === 'now' ? null : draft.kind === 'once' ? (
        <label>
          {t('campaign.at')}
          <input type="datetime-local" required value={draft.at} onChange={(e) => onChange({ at: e.target.value })} />
        </label>
      ) : (
        <label>
          {t('campaign.cron')}
          <input required value={draft.cron} onChange={(e) => onChange({ cron: e.target.value })} />
          <span className="hint">{t('campaign.cronHint')}</span>
        </label>
      )}
      <div className="row-form">
        <label>
          {t('campaign.quietStart')}
          <input
            name="quiet-start"
            type="time"
            required
            value={draft.quietStart}
            onChange={(e) => onChange({ quietStart: e.target.value })}
          />
        </label>
        <label>
          {t('campaign.quietEnd')}
          <input
            name="quiet-end"
            type="time"
            required
            value={draft.quietEnd}
            onChange={(e) => onChange({ quietEnd: e.target.value })}
          />
        </label>
      </div>
    </>
  );
}
