/** The export signing keys (active and retired) and their rotation, after a confirm. */
import type { keyServerApi } from '@bluezone/protocol/api';
import { useState } from 'react';
import { ApiError, api } from '../api/api-client';
import { ActionNotices } from '../components/action-notices';
import { Empty, Loadable } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

export function SigningKeysCard() {
  const { t, formatDateTime } = useI18n();
  const keys = useLoad(
    (signal) =>
      api<typeof keyServerApi.exportKeys>('/api/export-keys', { signal }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [],
  );
  const [confirming, setConfirming] = useState(false);
  const action = useAction();

  const rotate = () =>
    action.run(async () => {
      const key = await api<typeof keyServerApi.rotateExportKey>('/api/export-keys/rotate', { method: 'POST' });
      setConfirming(false);
      keys.reload();
      return t('admin.rotated', { key: `${key.keyId}/${key.keyVersion}` });
    });

  return (
    <div className="card">
      <h2>{t('admin.signingKeys')}</h2>
      <ActionNotices action={action} />
      <Loadable state={keys.state} onRetry={keys.reload}>
        {(data) =>
          data === null || data.keys.length === 0 ? (
            <Empty>{t('admin.noSigningKeys')}</Empty>
          ) : (
            <ul className="list">
              {data.keys.map((k) => (
                <li key={`${k.keyId}-${k.keyVersion}`}>
                  <span>
                    {data.region} · {k.keyId}/{k.keyVersion}
                  </span>
                  <span className="muted">{formatDateTime(k.createdAt)}</span>
                  <span className={k.active ? 'badge active' : 'badge inactive'}>
                    {k.active ? t('admin.active') : t('admin.retired')}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
      <p className="hint">{t('admin.rotateHint')}</p>
      {confirming ? (
        <div className="notice" role="alertdialog" aria-labelledby="rotate-confirm">
          <p id="rotate-confirm">{t('admin.rotateConfirm')}</p>
          <div className="row-form">
            <button type="button" className="primary" disabled={action.busy} onClick={() => void rotate()}>
              {action.busy ? t('admin.rotating') : t('admin.rotateYes')}
            </button>
            <button type="button" className="link" disabled={action.busy} onClick={() => setConfirming(false)}>
              {t('admin.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('admin.rotate')}
        </button>
      )}
    </div>
  );
}
