/** The app shell: who is logged in, the header and navigation, and the current page. */
import type { accountsApi, firstRunApi } from '@bluezone/protocol/api';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, api, setCsrfToken } from './api/api-client';
import { ErrorMessage, Spinner } from './components/loadable';
import { FirstRunPage } from './first-run/first-run-page';
import { ServerNotice } from './first-run/server-notice';
import { setupCodeFromHash } from './first-run/setup-status';
import { useI18n } from './i18n/i18n';
import { lazyComponent } from './lazy-component';
import { LoginPage } from './login/login-page';
import { rememberedFirstPage, rememberFirstPage } from './remembered-first-page';
import { currentPage, type PageId, pagesFor } from './routes';

// Each page is its own chunk, loaded when first shown: the login page and a role's own pages are
// all a 3G phone downloads (the gate page's QR decoder only for gatekeepers).
const PAGES = {
  admin: lazyComponent(async () => (await import('./admin/admin-page')).AdminPage),
  announcements: lazyComponent(async () => (await import('./announcements/announcements-page')).AnnouncementsPage),
  businesses: lazyComponent(async () => (await import('./businesses/businesses-page')).BusinessesPage),
  campaigns: lazyComponent(async () => (await import('./campaigns/campaigns-page')).CampaignsPage),
  dashboard: lazyComponent(async () => (await import('./dashboard/dashboard-page')).DashboardPage),
  drives: lazyComponent(async () => (await import('./drives/drives-page')).DrivesPage),
  gate: lazyComponent(async () => (await import('./gatekeeper/gatekeeper-page')).GatekeeperPage),
  health: lazyComponent(async () => (await import('./health/health-page')).HealthPage),
  media: lazyComponent(async () => (await import('./media/media-page')).MediaPage),
  unit: lazyComponent(async () => (await import('./unit/unit-page')).UnitPage),
};
const AdminPage = PAGES.admin.Component;
const AnnouncementsPage = PAGES.announcements.Component;
const BusinessesPage = PAGES.businesses.Component;
const CampaignsPage = PAGES.campaigns.Component;
const DashboardPage = PAGES.dashboard.Component;
const DrivesPage = PAGES.drives.Component;
const GatekeeperPage = PAGES.gate.Component;
const HealthPage = PAGES.health.Component;
const MediaPage = PAGES.media.Component;
const UnitPage = PAGES.unit.Component;

// The page the address names, or at the site's root (where logging in lands) the first page of
// whoever was signed in last on this browser, starts downloading with the session check, not one
// round trip after it.
const named = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] || rememberedFirstPage();
if (Object.hasOwn(PAGES, named)) void PAGES[named as keyof typeof PAGES].preload();

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; server: firstRunApi.SetupStatus | null }
  | { status: 'error'; error: Error }
  | { status: 'in'; session: accountsApi.SessionInfo };

/** What the server says about itself to the login page; null if it cannot say (the login still works). */
async function setupStatus(): Promise<firstRunApi.SetupStatus | null> {
  try {
    return await api<typeof firstRunApi.setupStatus>('/api/setup/status');
  } catch {
    return null;
  }
}

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
    // Asked alongside the session, so a signed-out phone waits one round trip for the login page, not two.
    const server = setupStatus();
    try {
      const session = await api<typeof accountsApi.me>('/api/auth/me');
      setCsrfToken(session.csrfToken);
      rememberFirstPage(session.user.role);
      // The shell appears with the page it shows (started above, or now that the role is known),
      // not with a fallback the page replaces a moment later (React would hold it back for its
      // 300 ms reveal throttle).
      await PAGES[currentPage(window.location.hash, session.user.role)].preload();
      setState({ status: 'in', session });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        rememberFirstPage(null);
        setState({ status: 'anonymous', server: await server });
      } else setState({ status: 'error', error: err as Error });
    }
  }, []);
  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  const onLogin = (session: accountsApi.SessionInfo) => {
    setCsrfToken(session.csrfToken);
    rememberFirstPage(session.user.role);
    setState({ status: 'in', session });
  };
  const logout = async () => {
    try {
      await api<typeof accountsApi.logout>('/api/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken('');
      rememberFirstPage(null);
      setState({ status: 'anonymous', server: await setupStatus() });
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
  if (state.status === 'anonymous') {
    // No user yet: the first-run page (also at #/setup, the link `bluezone server` prints).
    if (state.server?.needsSetup) {
      return (
        <FirstRunPage
          status={state.server}
          initialCode={setupCodeFromHash(hash)}
          onDone={onLogin}
          langSwitch={langSwitch}
        />
      );
    }
    return (
      <LoginPage
        onLogin={onLogin}
        langSwitch={langSwitch}
        notice={state.server ? <ServerNotice status={state.server} /> : null}
      />
    );
  }

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
        <Suspense fallback={<Spinner />}>
          {page === 'dashboard' && <DashboardPage user={user} />}
          {page === 'unit' && <UnitPage user={user} />}
          {page === 'drives' && <DrivesPage user={user} />}
          {page === 'businesses' && <BusinessesPage user={user} />}
          {page === 'campaigns' && <CampaignsPage user={user} />}
          {page === 'announcements' && <AnnouncementsPage user={user} />}
          {page === 'media' && <MediaPage user={user} />}
          {page === 'health' && <HealthPage />}
          {page === 'gate' && <GatekeeperPage user={user} />}
          {page === 'admin' && <AdminPage self={user} />}
        </Suspense>
      </main>
    </>
  );
}
