/**
 * A unit's office checkpoints for its managers: create one at an organisation of the unit,
 * rename, retire (its log stays), pair a gatekeeper's phone (the gate key QR the resident app's
 * gatekeeper mode scans) and read each checkpoint's day. Only this unit's subtree is listed, so
 * a checkpoint's log and daily share stay with its own unit.
 */
import type { checkpointsApi, unitsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { Empty, Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { CheckpointItem } from './checkpoint-item';
import { organisationsUnder } from './checkpoint-units';

export function CheckpointsCard({ code }: { code: string }) {
  const { t } = useI18n();
  const data = useLoad(
    async (signal) => {
      const [{ checkpoints }, { units }] = await Promise.all([
        api<typeof checkpointsApi.listCheckpoints>(
          `/api/rollout/checkpoints?unit=${encodeURIComponent(code)}&retired=include`,
          { signal },
        ),
        api<typeof unitsApi.listUnits>('/api/rollout/units', { signal }),
      ]);
      return { checkpoints, organisations: organisationsUnder(code, units) };
    },
    [code],
  );
  const action = useAction();

  return (
    <div className="card" data-testid="checkpoints-card">
      <h2>{t('checkpoints.manage')}</h2>
      <p className="muted">{t('checkpoints.manageIntro')}</p>
      <ActionNotices action={action} />
      <Loadable state={data.state} onRetry={data.reload}>
        {({ checkpoints, organisations }) => (
          <>
            {checkpoints.length === 0 ? (
              <Empty>{t('checkpoints.none')}</Empty>
            ) : (
              <ul className="list checkpoints">
                {checkpoints.map((c) => (
                  <CheckpointItem
                    key={c.id}
                    checkpoint={c}
                    unitName={organisations.find((o) => o.code === c.unitCode)?.name ?? c.unitCode}
                    action={action}
                    onChanged={data.reload}
                  />
                ))}
              </ul>
            )}
            {organisations.length === 0 ? (
              <p className="muted">{t('checkpoints.noOrganisation')}</p>
            ) : (
              <CreateCheckpointForm organisations={organisations} action={action} onCreated={data.reload} />
            )}
          </>
        )}
      </Loadable>
    </div>
  );
}

function CreateCheckpointForm({
  organisations,
  action,
  onCreated,
}: {
  organisations: readonly { code: string; name: string }[];
  action: ReturnType<typeof useAction>;
  onCreated(): void;
}) {
  const { t } = useI18n();
  const [unitCode, setUnitCode] = useState(organisations[0]?.code ?? '');
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const created = await api<typeof checkpointsApi.createCheckpoint>('/api/rollout/checkpoints', {
        method: 'POST',
        body: { unitCode, name },
      });
      setName('');
      onCreated();
      return t('checkpoints.created', { name: created.name });
    });
  };
  return (
    <form className="row-form" onSubmit={submit}>
      <label>
        {t('checkpoints.organisation')}
        <select value={unitCode} onChange={(e) => setUnitCode(e.target.value)}>
          {organisations.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name} ({o.code})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('checkpoints.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <button type="submit" className="primary" disabled={action.busy || name.trim() === ''}>
        {t('checkpoints.create')}
      </button>
    </form>
  );
}
