/**
 * Where this server keeps its data, said on the login and first-run pages while no real account
 * exists: "why is the README's demo login refused?" has its answer here (another data directory,
 * or PostgreSQL, where demo users are never created).
 */
import type { firstRunApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';

export function DatabaseLine({ database }: { database: firstRunApi.DatabaseDescription }) {
  const { t } = useI18n();
  return (
    <p className="muted" data-testid="database-line">
      {database.dialect === 'postgres'
        ? t('firstRun.databasePostgres', { location: database.location })
        : t('firstRun.databaseSqlite', { location: database.location })}{' '}
      {!database.defaultDataDir && t('firstRun.noDemoHere')}
    </p>
  );
}
