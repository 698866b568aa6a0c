/**
 * One checkpoint's day: entries, exits, the share with an active app and the share whose phone a
 * gatekeeper's app heard on the radio, then each scan (newest first if asked).
 */
import type { checkpointsApi } from '@bluezone/protocol/api';
import { api } from '../api/api-client';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Empty, Loadable } from './loadable';

export function CheckpointSummary({ day }: { day: checkpointsApi.CheckpointDay }) {
  const { t, formatNumber } = useI18n();
  return (
    <>
      {t('checkpoints.summary', {
        entries: day.entries,
        exits: day.exits,
        active: formatNumber(day.activeShare, { style: 'percent' }),
        heard: formatNumber(day.heardShare, { style: 'percent' }),
      })}
    </>
  );
}

export function CheckpointLog({
  day,
  newestFirst = false,
}: {
  day: checkpointsApi.CheckpointDay;
  newestFirst?: boolean;
}) {
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
          {l.radio !== null && <span className="muted">{t(`checkpoints.radio.${l.radio}` as const)}</span>}
          {l.result === 'no_app' && l.reason && <span className="muted">{l.reason}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Every checkpoint the user may see (or those of `unit`'s subtree), with today's figures and log. */
export function CheckpointLogsCard({ unit }: { unit?: string } = {}) {
  const { t } = useI18n();
  const data = useLoad(
    async (signal) => {
      const { checkpoints } = await api<typeof checkpointsApi.listCheckpoints>(
        unit === undefined ? '/api/rollout/checkpoints' : `/api/rollout/checkpoints?unit=${encodeURIComponent(unit)}`,
        { signal },
      );
      const days = await Promise.all(
        checkpoints.map(async (c) => ({
          checkpoint: c,
          day: await api<typeof checkpointsApi.getCheckpointDay>(`/api/rollout/checkpoints/${c.id}/day`, { signal }),
        })),
      );
      return days;
    },
    [unit],
  );
  return (
    <div className="card">
      <h2>{t('checkpoints.title')}</h2>
      <Loadable state={data.state} onRetry={data.reload}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('checkpoints.none')}</Empty>
          ) : (
            list.map(({ checkpoint, day }) => (
              <details key={checkpoint.id} open={list.length === 1}>
                <summary>
                  {checkpoint.name} · <CheckpointSummary day={day} />
                </summary>
                <CheckpointLog day={day} />
              </details>
            ))
          )
        }
      </Loadable>
    </div>
  );
}
