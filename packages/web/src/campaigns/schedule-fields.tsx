/** When a campaign sends: now, once at a time, or on a cron rule; and its quiet hours. */
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
      <fieldset>
        <legend>{t('campaign.schedule')}</legend>
        <div className="segmented">
          {(['now', 'once', 'periodic'] as const).map((k) => (
            <label key={k} className={draft.kind === k ? 'on' : ''}>
              <input
                type="radio"
                name="schedule"
                value={k}
                checked={draft.kind === k}
                onChange={() => onChange({ kind: k })}
              />
              {t(`campaign.${k}` as const)}
            </label>
          ))}
        </div>
      </fieldset>
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
