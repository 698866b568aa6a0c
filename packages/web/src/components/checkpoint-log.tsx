/** One checkpoint's day: entries, exits and active share, then each scan (newest first if asked). */
import type { CheckpointDay } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Empty } from './loadable';

export function CheckpointSummary({ day }: { day: CheckpointDay }) {
  const { t, formatNumber } = useI18n();
  return (
    <>
      {t('checkpoints.summary', {
        entries: day.entries,
        exits: day.exits,
        active: formatNumber(day.activeShare, { style: 'percent' }),
      })}
    </>
  );
}

export function CheckpointLog({ day, newestFirst = false }: { day: CheckpointDay; newestFirst?: boolean }) {
  const { t, formatDateTime } = useI18n();
  if (day.log.length === 0) return <Empty>{t('checkpoints.emptyDay')}</Empty>;
  const log = newestFirst ? [...day.log].reverse() : day.log;
  return (
    <ul className="list">
      {log.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the day's log is append-only and has no id; time plus position is stable
        <li key={`${l.at}-${i}`}>
          <span>{formatDateTime(l.at)}</span>
          <span>{t(`gate.${l.direction}` as const)}</span>
          <span className={`badge ${l.result}`}>{t(`gate.result.${l.result}` as const)}</span>
        </li>
      ))}
    </ul>
  );
}
