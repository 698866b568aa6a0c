/** A unit's staff roster: each person's install status (editable), and adding a person. */
import type { unitsApi } from '@bluezone/protocol/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { Empty, ErrorMessage, Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

const STATUSES: unitsApi.RosterEntry['status'][] = ['unconfirmed', 'installed', 'not_installed', 'exempt'];

export function RosterCard({ code }: { code: string }) {
  const { t } = useI18n();
  const roster = useLoad(
    (signal) => api<typeof unitsApi.listRoster>(`/api/rollout/units/${encodeURIComponent(code)}/roster`, { signal }),
    [code],
  );
  const [name, setName] = useState('');
  const [position, setPosition] = useState('');
  const action = useAction();

  const add = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await api<typeof unitsApi.addRosterEntry>(`/api/rollout/units/${encodeURIComponent(code)}/roster`, {
        method: 'POST',
        body: { name, ...(position ? { position } : {}) },
      });
      setName('');
      setPosition('');
      roster.reload();
    });
  };
  const setStatus = (id: number, status: unitsApi.RosterEntry['status']) =>
    action.run(async () => {
      await api<typeof unitsApi.confirmRosterStatus>(`/api/rollout/roster/${id}`, {
        method: 'PATCH',
        body: { status },
      });
      roster.reload();
    });

  return (
    <div className="card">
      <h2>{t('roster.title')}</h2>
      {action.error && <ErrorMessage error={action.error} />}
      <Loadable state={roster.state} onRetry={roster.reload}>
        {({ staff }) =>
          staff.length === 0 ? (
            <Empty>{t('roster.empty')}</Empty>
          ) : (
            <ul className="list">
              {staff.map((s) => (
                <li key={s.id}>
                  <span>
                    {s.name}
                    {s.position && <span className="muted"> · {s.position}</span>}
                  </span>
                  <label className="sr-label">
                    <span className="sr-only">{t('roster.statusFor', { name: s.name })}</span>
                    <select
                      value={s.status}
                      onChange={(e) => void setStatus(s.id, e.target.value as unitsApi.RosterEntry['status'])}
                    >
                      {STATUSES.map((st) => (
                        <option key={st} value={st}>
                          {t(`roster.status.${st}` as const)}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
      <form className="row-form no-print" onSubmit={add}>
        <label>
          {t('roster.name')}
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('roster.position')}
          <input value={position} onChange={(e) => setPosition(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={action.busy}>
          {t('roster.add')}
        </button>
      </form>
    </div>
  );
}
