/** The period the dashboard's trends cover: the last 7, 30 or 90 days, or a chosen range. */
import { useState } from 'react';
import { SegmentedChoice } from '../components/segmented-choice';
import { useI18n } from '../i18n/i18n';
import { PERIOD_DAYS, type Period } from './dashboard-route';

type Choice = `${(typeof PERIOD_DAYS)[number]}` | 'range';
const CHOICES: readonly Choice[] = [...PERIOD_DAYS.map((d) => `${d}` as Choice), 'range'];

/** Today as the district lives it (UTC+7), `YYYY-MM-DD`. */
function districtToday(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

function daysBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

export function PeriodPicker({ period, onChange }: { period: Period; onChange(period: Period): void }) {
  const { t } = useI18n();
  const today = districtToday();
  const [range, setRange] = useState(() =>
    period.kind === 'range' ? { from: period.from, to: period.to } : { from: daysBefore(today, 13), to: today },
  );
  const choice: Choice = period.kind === 'range' ? 'range' : (`${period.days}` as Choice);
  const apply = (next: { from: string; to: string }) => {
    setRange(next);
    if (next.from && next.to && next.from <= next.to) onChange({ kind: 'range', ...next });
  };
  return (
    <div className="period-picker no-print">
      <SegmentedChoice
        legend={t('period.legend')}
        name="period"
        options={CHOICES}
        value={choice}
        onChange={(c) => (c === 'range' ? apply(range) : onChange({ kind: 'days', days: Number(c) as 7 | 30 | 90 }))}
        label={(c) => (c === 'range' ? t('period.range') : t('period.days', { n: c }))}
      />
      {choice === 'range' && (
        <div className="row-form">
          <label>
            {t('period.from')}
            <input
              type="date"
              value={range.from}
              max={range.to || today}
              onChange={(e) => apply({ ...range, from: e.target.value })}
            />
          </label>
          <label>
            {t('period.to')}
            <input
              type="date"
              value={range.to}
              min={range.from}
              max={today}
              onChange={(e) => apply({ ...range, to: e.target.value })}
            />
          </label>
        </div>
      )}
    </div>
  );
}
