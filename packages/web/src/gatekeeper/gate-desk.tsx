/**
 * One gate: which checkpoint (named on top, so the gatekeeper knows where the log goes) and
 * direction, the ways to check a visitor, the last result and today's log. The page says plainly
 * what it cannot do: it checks a pass's signature, expiry and replay, never the phone's radio.
 */
import type { checkpointsApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { api } from '../api/api-client';
import { CheckpointLog, CheckpointSummary } from '../components/checkpoint-log';
import { ErrorMessage, Loadable } from '../components/loadable';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { CameraScan } from './camera-scan';
import { NoAppForm } from './gate-forms';
import { GateOutcome } from './gate-outcome';
import { type Direction, useGateScan } from './use-gate-scan';

export function GateDesk({ checkpoints }: { checkpoints: checkpointsApi.Checkpoint[] }) {
  const { t } = useI18n();
  const [checkpointId, setCheckpointId] = useState(checkpoints[0]?.id ?? 0);
  const [direction, setDirection] = useState<Direction>('entry');
  const day = useLoad(
    (signal) => api<typeof checkpointsApi.getCheckpointDay>(`/api/rollout/checkpoints/${checkpointId}/day`, { signal }),
    [checkpointId],
  );
  const gate = useGateScan(checkpointId, direction, day.reload);
  const current = checkpoints.find((c) => c.id === checkpointId) ?? checkpoints[0];

  return (
    <>
      {checkpoints.length > 1 ? (
        <label>
          {t('gate.checkpoint')}
          <select value={checkpointId} onChange={(e) => setCheckpointId(Number(e.target.value))}>
            {checkpoints.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {current && (
        <p className="gate-checkpoint" data-testid="gate-checkpoint">
          {t('gate.atCheckpoint', { name: current.name, unit: current.unitCode })}
        </p>
      )}
      <p className="muted" data-testid="gate-radio-note">
        {t('gate.radioNotChecked')}
      </p>
      <fieldset className="direction">
        <legend>{t('gate.direction')}</legend>
        {(['entry', 'exit'] as const).map((d) => (
          <label key={d} className={direction === d ? 'on' : ''}>
            <input type="radio" name="direction" value={d} checked={direction === d} onChange={() => setDirection(d)} />
            {t(`gate.${d}` as const)}
          </label>
        ))}
      </fieldset>

      <GateOutcome outcome={gate.outcome} />
      {gate.action.error && <ErrorMessage error={gate.action.error} />}

      <CameraScan busy={gate.action.busy} onCamera={gate.scanWithCamera} onPhoto={gate.scanPhoto} />
      <NoAppForm busy={gate.action.busy} onSubmit={gate.recordNoApp} />

      <div className="card">
        <h2>{t('gate.today')}</h2>
        <Loadable state={day.state} onRetry={day.reload}>
          {(d) => (
            <>
              <p className="muted">
                <CheckpointSummary day={d} />
              </p>
              <CheckpointLog day={d} newestFirst />
            </>
          )}
        </Loadable>
      </div>
    </>
  );
}
