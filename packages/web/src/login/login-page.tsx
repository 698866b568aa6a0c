/** Login: username and password; shows wrong-password and lockout messages from the server. */
import type { accountsApi } from '@bluezone/protocol/api';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, api } from '../api/api-client';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

export function LoginPage({
  onLogin,
  langSwitch,
}: {
  onLogin(session: accountsApi.SessionInfo): void;
  langSwitch: ReactNode;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  /** The server's refusal in words a person understands. */
  const refusal = (err: unknown): string => {
    const code = err instanceof ApiError ? err.code : '';
    return code === 'invalid_credentials'
      ? t('auth.invalid')
      : code === 'account_locked'
        ? t('auth.locked')
        : code === 'rate_limited'
          ? t('auth.rateLimited')
          : err instanceof ApiError && err.status === 0
            ? t('error.network')
            : (err as Error).message;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      try {
        onLogin(
          await api<typeof accountsApi.login>('/api/auth/login', { method: 'POST', body: { username, password } }),
        );
      } catch (err) {
        throw new Error(refusal(err));
      }
    });
  };

  return (
    <main className="login">
      <div className="login-top">{langSwitch}</div>
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('auth.title')}</h1>
        <p className="muted">{t('auth.subtitle')}</p>
        <label>
          {t('auth.username')}
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {action.error && (
          <p className="notice error" role="alert">
            {action.error.message}
          </p>
        )}
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </form>
    </main>
  );
}
