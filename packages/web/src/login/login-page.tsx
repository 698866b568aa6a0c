/**
 * Login: username and password; shows wrong-password and lockout messages from the server, and
 * above the form what the server says about itself (first-run/server-notice.tsx).
 */
import type { accountsApi } from '@bluezone/protocol/api';
import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../api/api-client';
import { ErrorMessage } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';

export function LoginPage({
  onLogin,
  langSwitch,
  notice,
}: {
  onLogin(session: accountsApi.SessionInfo): void;
  langSwitch: ReactNode;
  /** What the server says before anyone logs in: demo users, no user yet, its database. */
  notice?: ReactNode;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      // A refusal stays an ApiError: ErrorMessage words it when it renders, so it follows a language switch.
      onLogin(await api<typeof accountsApi.login>('/api/auth/login', { method: 'POST', body: { username, password } }));
    });
  };

  return (
    <main className="login">
      <div className="login-top">{langSwitch}</div>
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('auth.title')}</h1>
        <p className="muted">{t('auth.subtitle')}</p>
        {notice}
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
        {action.error && <ErrorMessage error={action.error} />}
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </form>
    </main>
  );
}
