/**
 * First run: no user exists yet, so the page creates the first administrator with the setup code
 * `bluezone server` printed (POST /api/setup), saves the public address every install link, poster
 * QR code and SMS link is built on (PATCH /api/site, unless PUBLIC_BASE_URL already fixes it), and,
 * if asked, seeds the demo district (POST /api/rollout/demo), then logs the new admin in.
 */
import type { accountsApi, demoApi, firstRunApi, siteApi } from '@bluezone/protocol/api';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, api, setCsrfToken } from '../api/api-client';
import { ErrorMessage } from '../components/loadable';
import { useAction } from '../hooks/use-action';
import { useI18n } from '../i18n/i18n';
import { DatabaseLine } from './database-line';

const MIN_PASSWORD = 8;

export function FirstRunPage({
  status,
  initialCode,
  onDone,
  langSwitch,
}: {
  status: firstRunApi.SetupStatus;
  initialCode: string;
  onDone(session: accountsApi.SessionInfo): void;
  langSwitch: ReactNode;
}) {
  const { t } = useI18n();
  const [setupCode, setSetupCode] = useState(initialCode);
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [publicBaseUrl, setPublicBaseUrl] = useState(window.location.origin);
  const [demo, setDemo] = useState(false);
  const [step, setStep] = useState<string | null>(null);
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      if (password.length < MIN_PASSWORD) throw new Error(t('firstRun.passwordShort', { n: MIN_PASSWORD }));
      setStep(t('firstRun.creating'));
      const session = await api<typeof firstRunApi.setup>('/api/setup', {
        method: 'POST',
        body: { setupCode, username, password, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) },
      });
      setCsrfToken(session.csrfToken);
      try {
        const site = await api<typeof siteApi.getSiteSettings>('/api/site');
        // PUBLIC_BASE_URL in the server's environment wins; the page does not fight it.
        if (site.publicBaseUrlSource !== 'environment') {
          setStep(t('firstRun.savingAddress'));
          await api<typeof siteApi.updateSiteSettings>('/api/site', { method: 'PATCH', body: { publicBaseUrl } });
        }
        if (demo) {
          setStep(t('firstRun.seedingDemo'));
          await api<typeof demoApi.seedDemo>('/api/rollout/demo', { method: 'POST', body: {} });
        }
      } catch (err) {
        // The admin exists and is logged in: say what failed, and let them fix it on the admin page.
        setStep(null);
        onDone(session);
        window.location.hash = '#/admin';
        throw err;
      }
      window.location.hash = '#/dashboard';
      onDone(session);
    });
  };

  const wrongCode = action.error instanceof ApiError && action.error.code === 'setup_code_invalid';
  return (
    <main className="login">
      <div className="login-top">{langSwitch}</div>
      <form className="card login-card first-run" onSubmit={submit} aria-labelledby="first-run-title">
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        {status.database && <DatabaseLine database={status.database} />}
        <label>
          {t('firstRun.setupCode')}
          <input
            name="setup-code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            value={setupCode}
            onChange={(e) => setSetupCode(e.target.value)}
            aria-invalid={wrongCode || undefined}
          />
          <span className="hint">{t('firstRun.setupCodeHint')}</span>
        </label>
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
          {t('firstRun.displayName')}
          <input name="display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          {t('auth.password')}
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span className="hint">{t('firstRun.passwordHint', { n: MIN_PASSWORD })}</span>
        </label>
        <label>
          {t('site.publicAddress')}
          <input
            name="public-address"
            type="url"
            inputMode="url"
            required
            value={publicBaseUrl}
            onChange={(e) => setPublicBaseUrl(e.target.value)}
          />
          <span className="hint">{t('site.publicAddressHint')}</span>
        </label>
        <label className="check">
          <input type="checkbox" name="demo" checked={demo} onChange={(e) => setDemo(e.target.checked)} />
          <span>
            {t('firstRun.demo')}
            <span className="hint">{t('firstRun.demoHint')}</span>
          </span>
        </label>
        {action.busy && step && (
          <p className="notice ok" role="status">
            {step}
          </p>
        )}
        {action.error && <ErrorMessage error={action.error} />}
        <button type="submit" className="primary" disabled={action.busy}>
          {t('firstRun.submit')}
        </button>
      </form>
    </main>
  );
}
