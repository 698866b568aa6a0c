/** The app shell: who is logged in, the header and navigation, and the current page. */
import type { accountsApi } from '@bluezone/protocol/api';
import { useCallback, useEffect, useState } from 'react';
import { AdminPage } from './admin/admin-page';
import { ApiError, api, setCsrfToken } from './api/api-client';
import { CampaignsPage } from './campaigns/campaigns-page';
import { ErrorMessage, Spinner } from './components/loadable';
import { DashboardPage } from './dashboard/dashboard-page';
import { GatekeeperPage } from './gatekeeper/gatekeeper-page';
import { HealthPage } from './health/health-page';
import { useI18n } from './i18n/i18n';
import { LoginPage } from './login/login-page';
import { currentPage, type PageId, pagesFor } from './routes';
import { UnitPage } from './unit/unit-page';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; error: Error }
  | { status: 'in'; session: accountsApi.SessionInfo };

function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

export function App() {
  const { t, language, setLanguage } = useI18n();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const hash = useHash();

  const loadSession = useCallback(async () => {
    try {
      const session = await api<typeof accountsApi.me>('/api/auth/me');
      setCsrfToken(session.csrfToken);
      setState({ status: 'in', session });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState({ status: 'anonymous' });
      else setState({ status: 'error', error: err as Error });
    }
  }, []);
  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  const onLogin = (session: accountsApi.SessionInfo) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'in', session });
  };
  const logout = async () => {
    try {
      await api<typeof accountsApi.logout>('/api/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken('');
      setState({ status: 'anonymous' });
      window.location.hash = '';
    }
  };

  const langSwitch = (
    <button
      type="button"
      className="lang"
      onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
      lang={language === 'vi' ? 'en' : 'vi'}
    >
      {language === 'vi' ? 'English' : 'Tiếng Việt'}
    </button>
  );

  if (state.status === 'loading') return <Spinner />;
  if (state.status === 'error')
    return (
      <main className="page">
        <ErrorMessage error={state.error} onRetry={() => void loadSession()} />
      </main>
    );
  if (state.status === 'anonymous') return <LoginPage onLogin={onLogin} langSwitch={langSwitch} />;

  const { user } = state.session;
  const page: PageId = currentPage(hash, user.role);
  return (
    <>
      <a className="skip" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">Bluezone</span>
        <nav aria-label={t('nav.label')}>
          {pagesFor(user.role).map((p) => (
            <a key={p.id} href={`#/${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
              {t(p.label)}
            </a>
          ))}
        </nav>
        <div className="who">
          <span className="user" title={user.username}>
            {user.displayName} · {t(`role.${user.role}` as const)}
          </span>
          {langSwitch}
          <button type="button" className="link" onClick={() => void logout()}>
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {page === 'dashboard' && <DashboardPage user={user} />}
        {page === 'unit' && <UnitPage user={user} />}
        {page === 'campaigns' && <CampaignsPage user={user} />}
        {page === 'health' && <HealthPage />}
        {page === 'gate' && <GatekeeperPage user={user} />}
        {page === 'admin' && <AdminPage self={user} />}
      </main>
    </>
  );
}
