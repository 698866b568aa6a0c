/**
 * When a campaign sends, as a commune official says it: now, once at a date and time, every day at
 * a time, or on chosen days of the week at a time (the page writes the cron rule underneath); and
 * its quiet hours.
 */
import { SegmentedChoice } from '../components/segmented-choice';
import { useI18n } from '../i18n/i18n';
import { type CampaignDraft, SCHEDULE_KINDS } from './campaign-draft';
import { WEEK, weekdayName } from './schedule-words';

export function ScheduleFields({
  draft,
  onChange,
}: {
  draft: CampaignDraft;
  onChange(patch: Partial<CampaignDraft>): void;
}) {
  const { t, formatDateTime } = useI18n();
  const dayName = (d: number) => weekdayName(formatDateTime, d);
  const toggle = (d: number) =>
    onChange({ weekdays: draft.weekdays.includes(d) ? draft.weekdays.filter((x) => x !== d) : [...draft.weekdays, d] });
  return (
    <>
      <SegmentedChoice
        legend={t('campaign.schedule')}
        name="schedule"
        options={SCHEDULE_KINDS}
        value={draft.kind}
        onChange={(kind) => onChange({ kind })}
        label={(k) => t(`campaign.when.${k}` as const)}
      />
      {draft.kind === 'once' && (
        <label>
          {t('campaign.at')}
          <input type="datetime-local" required value={draft.at} onChange={(e) => onChange({ at: e.target.value })} />
        </label>
      )}
      {draft.kind === 'weekly' && (
        <fieldset className="weekdays">
          <legend>{t('campaign.weekdays')}</legend>
          {WEEK.map((d) => (
            <label key={d} className="check">
              <input type="checkbox" checked={draft.weekdays.includes(d)} onChange={() => toggle(d)} />
              {dayName(d)}
            </label>
          ))}
        </fieldset>
      )}
      {(draft.kind === 'daily' || draft.kind === 'weekly') && (
        <label>
          {t('campaign.time')}
          <input
            name="campaign-time"
            type="time"
            required
            value={draft.time}
            onChange={(e) => onChange({ time: e.target.value })}
          />
          <span className="hint">{t('campaign.timeHint')}</span>
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
