/**
 * What the login page says about the server before anyone logs in: no user yet (a link to the
 * first-run page), the demo users still on the published password (and that password), or where
 * the data is while no real account exists.
 */
import type { firstRunApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';
import { DatabaseLine } from './database-line';

export function ServerNotice({ status }: { status: firstRunApi.SetupStatus }) {
  const { t } = useI18n();
  if (status.needsSetup) {
    return (
      <div className="notice info" data-testid="server-notice">
        <p>
          {t('firstRun.noUsers')} <a href="#/setup">{t('firstRun.link')}</a>
        </p>
      </div>
    );
  }
  if (status.demoUsers.length === 0 && !status.database) return null;
  return (
    <div className="notice info" data-testid="server-notice">
      {status.demoUsers.length > 0 && (
        <p>
          {t('firstRun.demoUsers', { users: status.demoUsers.join(', ') })} <code>{status.demoPassword ?? ''}</code>
        </p>
      )}
      {status.database && <DatabaseLine database={status.database} />}
    </div>
  );
}
