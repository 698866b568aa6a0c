/** The key server's API keys: list, create (the key is shown once) and revoke. */
import type { accountsApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { Empty, Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function ApiKeysCard() {
  const { t, formatDateTime } = useI18n();
  const keys = useLoad((signal) => api<typeof accountsApi.listApiKeys>('/api/accounts/api-keys', { signal }), []);
  const [role, setRole] = useState<'admin' | 'device'>('device');
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction();

  const create = () =>
    action.run(async () => {
      const k = await api<typeof accountsApi.createApiKey>('/api/accounts/api-keys', {
        method: 'POST',
        body: { role },
      });
      setCreated(k.key);
      keys.reload();
    });
  const revoke = (id: number) => {
    if (!window.confirm(t('admin.confirmRevoke'))) return;
    void action.run(async () => {
      await api<typeof accountsApi.revokeApiKey>(`/api/accounts/api-keys/${id}/revoke`, { method: 'POST' });
      keys.reload();
    });
  };

  return (
    <div className="card">
      <h2>{t('admin.apiKeys')}</h2>
      <ActionNotices action={action} />
      {created && (
        <div className="notice ok" role="status">
          <p>{t('admin.keyShownOnce')}</p>
          <code className="secret">{created}</code>
        </div>
      )}
      <Loadable state={keys.state} onRetry={keys.reload}>
        {({ keys: list }) =>
          list.length === 0 ? (
            <Empty>{t('admin.noKeys')}</Empty>
          ) : (
            <ul className="list">
              {list.map((k) => (
                <li key={k.id}>
                  <span>
                    <code>{k.prefix}…</code> {k.role} · {k.realm}
                  </span>
                  <span className="muted">
                    {k.revokedAt
                      ? t('admin.revokedAt', { time: formatDateTime(k.revokedAt) })
                      : formatDateTime(k.createdAt)}
                  </span>
                  {!k.revokedAt && (
                    <button type="button" className="link danger" onClick={() => revoke(k.id)}>
                      {t('admin.revoke')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
      <div className="row-form">
        <label>
          {t('admin.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as 'admin' | 'device')}>
            <option value="device">{t('admin.keyDevice')}</option>
            <option value="admin">{t('admin.keyAdmin')}</option>
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void create()}>
          {t('admin.createKey')}
        </button>
      </div>
    </div>
  );
}
