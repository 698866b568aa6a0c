/** One checkpoint in its unit's card: name, state, rename, retire, pair a phone, and its day. */
import type { checkpointsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { CheckpointLog, CheckpointSummary } from '../components/checkpoint-log';
import { Loadable } from '../components/loadable';
import type { Action } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { GateKeyPairing } from './gate-key-pairing';

export function CheckpointItem({
  checkpoint: c,
  unitName,
  action,
  onChanged,
}: {
  checkpoint: checkpointsApi.Checkpoint;
  unitName: string;
  action: Action;
  onChanged(): void;
}) {
  const { t, formatDateTime } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(c.name);
  const [gateKey, setGateKey] = useState<string | null>(null);
  const day = useLoad(
    (signal) => api<typeof checkpointsApi.getCheckpointDay>(`/api/rollout/checkpoints/${c.id}/day`, { signal }),
    [c.id],
  );
  const retired = c.retiredAt !== null;

  const rename = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await api<typeof checkpointsApi.renameCheckpoint>(`/api/rollout/checkpoints/${c.id}`, {
        method: 'PATCH',
        body: { name },
      });
      setRenaming(false);
      onChanged();
      return t('checkpoints.renamed', { name: name.trim() });
    });
  };
  const retire = () => {
    if (!window.confirm(t('checkpoints.confirmRetire', { name: c.name }))) return;
    void action.run(async () => {
      await api<typeof checkpointsApi.retireCheckpoint>(`/api/rollout/checkpoints/${c.id}/retire`, { method: 'POST' });
      onChanged();
      return t('checkpoints.retired', { name: c.name });
    });
  };
  const pair = () =>
    void action.run(async () => {
      const res = await api<typeof checkpointsApi.createGateKey>(`/api/rollout/checkpoints/${c.id}/gate-keys`, {
        method: 'POST',
        body: { label: t('checkpoints.gatePhoneLabel', { name: c.name }) },
      });
      setGateKey(res.gateKey);
    });
  const unpair = () => {
    if (!window.confirm(t('checkpoints.confirmUnpair', { name: c.name }))) return;
    void action.run(async () => {
      const { revoked } = await api<typeof checkpointsApi.revokeGateKeys>(
        `/api/rollout/checkpoints/${c.id}/gate-keys/revoke`,
        { method: 'POST' },
      );
      setGateKey(null);
      return t('checkpoints.unpaired', { n: revoked });
    });
  };

  return (
    <li className="checkpoint-item" data-testid={`checkpoint-${c.id}`}>
      <div>
        <strong>{c.name}</strong> <span className="muted">· {unitName}</span>
        {retired && (
          <span className="badge no_app">
            {t('checkpoints.retiredOn', { time: formatDateTime(c.retiredAt as string) })}
          </span>
        )}
      </div>
      {renaming ? (
        <form className="row-form" onSubmit={rename}>
          <label>
            {t('checkpoints.newName')}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
          </label>
          <button type="submit" className="primary" disabled={action.busy || name.trim() === ''}>
            {t('checkpoints.save')}
          </button>
          <button type="button" className="link" onClick={() => setRenaming(false)}>
            {t('admin.cancel')}
          </button>
        </form>
      ) : (
        !retired && (
          <div className="row-actions">
            <button type="button" className="link" onClick={() => setRenaming(true)} disabled={action.busy}>
              {t('checkpoints.rename')}
            </button>
            <button type="button" className="link" onClick={pair} disabled={action.busy}>
              {t('checkpoints.pairPhone')}
            </button>
            <button type="button" className="link" onClick={unpair} disabled={action.busy}>
              {t('checkpoints.unpairPhones')}
            </button>
            <button type="button" className="link danger" onClick={retire} disabled={action.busy}>
              {t('checkpoints.retire')}
            </button>
          </div>
        )
      )}
      {gateKey !== null && <GateKeyPairing gateKey={gateKey} checkpointName={c.name} />}
      <details>
        <summary>
          <Loadable state={day.state} onRetry={day.reload}>
            {(d) => <CheckpointSummary day={d} />}
          </Loadable>
        </summary>
        <Loadable state={day.state} onRetry={day.reload}>
          {(d) => <CheckpointLog day={d} newestFirst />}
        </Loadable>
      </details>
    </li>
  );
}
