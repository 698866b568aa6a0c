/**
 * Admin: users (create; change role or unit; disable/enable; unlock; reset password), the key
 * server's API keys (create — shown once — and revoke) and the export signing keys (rotate, after
 * a confirm: the same rotation as `bluezone signing-key rotate`; the old key keeps signing 7 days),
 * and the message campaigns that non-admins made, waiting for approval (approve, or reject with a reason).
 */
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/api-client';
import type { ApiKeyInfo, CampaignSummary, ExportKeyInfo, User, UserRole } from '../api/types';
import { USER_ROLES } from '../api/types';
import { Empty, ErrorMessage, Loadable } from '../components/loadable';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../use-async';

const UNIT_ROLES: readonly UserRole[] = ['unit_manager', 'gatekeeper'];

export function AdminPage({ self }: { self: User }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <UsersCard self={self} />
      <PendingCampaignsCard />
      <div className="grid-2">
        <ApiKeysCard />
        <SigningKeysCard />
      </div>
    </section>
  );
}

function UsersCard({ self }: { self: User }) {
  const { t } = useI18n();
  const users = useAsync((signal) => api<{ users: User[] }>('/api/accounts/users', { signal }), []);
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    role: 'unit_manager' as UserRole,
    unitCode: '',
    password: '',
  });
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const { user } = await api<{ user: User }>('/api/accounts/users', {
        method: 'POST',
        body: {
          username: form.username,
          displayName: form.displayName,
          role: form.role,
          unitCode: UNIT_ROLES.includes(form.role) ? form.unitCode : null,
          password: form.password,
        },
      });
      setMessage(t('admin.userCreated', { username: user.username }));
      setForm({ ...form, username: '', displayName: '', password: '' });
      users.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const patch = async (id: number, body: object, done: string) => {
    setError(null);
    setMessage(null);
    try {
      await api(`/api/accounts/users/${id}`, { method: 'PATCH', body });
      setMessage(done);
      users.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const resetPassword = (u: User) => {
    const password = window.prompt(t('admin.newPasswordFor', { username: u.username }));
    if (password) void patch(u.id, { password }, t('admin.passwordReset', { username: u.username }));
  };

  return (
    <div className="card">
      <h2>{t('admin.users')}</h2>
      {message && (
        <p className="notice ok" role="status">
          {message}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      <Loadable state={users.state} onRetry={users.reload}>
        {({ users: list }) =>
          list.length === 0 ? (
            <Empty>{t('admin.noUsers')}</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('auth.username')}</th>
                    <th scope="col">{t('admin.displayName')}</th>
                    <th scope="col">{t('admin.role')}</th>
                    <th scope="col">{t('admin.unit')}</th>
                    <th scope="col">{t('health.status')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('health.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((u) => (
                    <tr key={u.id}>
                      <td>{u.username}</td>
                      <td>{u.displayName}</td>
                      <td>{t(`role.${u.role}` as const)}</td>
                      <td>{u.unitCode ?? '—'}</td>
                      <td>{u.disabled ? t('admin.disabled') : u.locked ? t('admin.locked') : t('admin.active')}</td>
                      <td className="actions">
                        {u.locked && (
                          <button
                            type="button"
                            className="link"
                            onClick={() =>
                              void patch(u.id, { unlock: true }, t('admin.unlocked', { username: u.username }))
                            }
                          >
                            {t('admin.unlock')}
                          </button>
                        )}
                        <button type="button" className="link" onClick={() => resetPassword(u)}>
                          {t('admin.resetPassword')}
                        </button>
                        {u.id !== self.id && (
                          <button
                            type="button"
                            className="link danger"
                            onClick={() =>
                              void patch(
                                u.id,
                                { disabled: !u.disabled },
                                t(u.disabled ? 'admin.enabledMsg' : 'admin.disabledMsg', { username: u.username }),
                              )
                            }
                          >
                            {u.disabled ? t('admin.enable') : t('admin.disable')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loadable>
      <form className="grid-form" onSubmit={(e) => void create(e)} aria-labelledby="new-user-title">
        <h3 id="new-user-title">{t('admin.newUser')}</h3>
        <label>
          {t('auth.username')}
          <input
            name="new-username"
            required
            autoCapitalize="none"
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
        </label>
        <label>
          {t('admin.displayName')}
          <input
            name="new-display-name"
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        </label>
        <label>
          {t('admin.role')}
          <select
            name="new-role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as UserRole })}
          >
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as const)}
              </option>
            ))}
          </select>
        </label>
        {UNIT_ROLES.includes(form.role) && (
          <label>
            {t('admin.unitCode')}
            <input
              name="new-unit"
              required
              value={form.unitCode}
              onChange={(e) => setForm({ ...form, unitCode: e.target.value })}
            />
          </label>
        )}
        <label>
          {t('auth.password')}
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('admin.create')}
        </button>
      </form>
    </div>
  );
}

function ApiKeysCard() {
  const { t, formatDateTime } = useI18n();
  const keys = useAsync((signal) => api<{ keys: ApiKeyInfo[] }>('/api/accounts/api-keys', { signal }), []);
  const [role, setRole] = useState<'admin' | 'device'>('device');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const create = async () => {
    setError(null);
    try {
      const k = await api<{ key: string }>('/api/accounts/api-keys', { method: 'POST', body: { role } });
      setCreated(k.key);
      keys.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const revoke = async (id: number) => {
    if (!window.confirm(t('admin.confirmRevoke'))) return;
    setError(null);
    try {
      await api(`/api/accounts/api-keys/${id}/revoke`, { method: 'POST' });
      keys.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <div className="card">
      <h2>{t('admin.apiKeys')}</h2>
      {error && <ErrorMessage error={error} />}
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
                    <button type="button" className="link danger" onClick={() => void revoke(k.id)}>
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

function SigningKeysCard() {
  const { t, formatDateTime } = useI18n();
  const keys = useAsync(
    (signal) =>
      api<{ region: string; keys: ExportKeyInfo[] }>('/api/export-keys', { signal }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [],
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [rotated, setRotated] = useState<string | null>(null);

  const rotate = async () => {
    setBusy(true);
    setError(null);
    setRotated(null);
    try {
      const key = await api<{ keyId: string; keyVersion: string }>('/api/export-keys/rotate', { method: 'POST' });
      setRotated(t('admin.rotated', { key: `${key.keyId}/${key.keyVersion}` }));
      setConfirming(false);
      keys.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <h2>{t('admin.signingKeys')}</h2>
      {rotated && (
        <p className="notice ok" role="status">
          {rotated}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
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
            <button type="button" className="primary" disabled={busy} onClick={() => void rotate()}>
              {busy ? t('admin.rotating') : t('admin.rotateYes')}
            </button>
            <button type="button" className="link" disabled={busy} onClick={() => setConfirming(false)}>
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

function PendingCampaignsCard() {
  const { t } = useI18n();
  const campaigns = useAsync(
    (signal) => api<{ campaigns: CampaignSummary[] }>('/api/rollout/campaigns', { signal }),
    [],
  );
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const decide = async (c: CampaignSummary, action: 'approve' | 'reject') => {
    let body: object = {};
    if (action === 'reject') {
      const reason = window.prompt(t('admin.rejectReason', { name: c.name }));
      if (!reason) return;
      body = { reason };
    }
    setBusy(c.id);
    setError(null);
    setMessage(null);
    try {
      await api(`/api/rollout/campaigns/${c.id}/${action}`, { method: 'POST', body });
      setMessage(t(action === 'approve' ? 'admin.approved' : 'admin.rejected', { name: c.name }));
      campaigns.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="card">
      <h2>{t('admin.pendingCampaigns')}</h2>
      {message && (
        <p className="notice ok" role="status">
          {message}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      <Loadable state={campaigns.state} onRetry={campaigns.reload}>
        {({ campaigns: list }) => {
          const pending = list.filter((c) => c.status === 'pending_approval');
          return pending.length === 0 ? (
            <Empty>{t('admin.noPendingCampaigns')}</Empty>
          ) : (
            <ul className="list">
              {pending.map((c) => (
                <li key={c.id} data-testid={`pending-campaign-${c.id}`}>
                  <span>
                    <strong>{c.name}</strong>{' '}
                    <span className="muted">
                      · {c.unitCode} · {t(`campaign.audience.${c.audience}` as const)} · {c.channel.toUpperCase()}
                    </span>
                    <br />
                    <span className="muted">{c.template}</span>
                    {c.createdBy && (
                      <>
                        <br />
                        <span className="muted">{t('admin.campaignBy', { by: c.createdBy })}</span>
                      </>
                    )}
                  </span>
                  <span className="actions">
                    <button
                      type="button"
                      className="primary"
                      disabled={busy === c.id}
                      onClick={() => void decide(c, 'approve')}
                    >
                      {t('admin.approve')}
                    </button>
                    <button
                      type="button"
                      className="link danger"
                      disabled={busy === c.id}
                      onClick={() => void decide(c, 'reject')}
                    >
                      {t('admin.reject')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </Loadable>
    </div>
  );
}
