/**
 * What a server says about itself before anyone has logged in: whether it has a user yet (else
 * the first-run page), where its data is (so "why is the demo login refused?" has an answer on
 * the page: another data directory, another database), and which demo users still have the
 * published password. The database is named only while no real account exists: a deployment in
 * use does not describe itself to anonymous visitors.
 */
import path from 'node:path';
import type { firstRunApi } from '@bluezone/protocol/api';
import { describeDatabaseUrl } from '../database/database-unavailable';
import type { ServerContext } from '../feature';
import { countRealUsers, countUsers, listDemoUsernames } from './accounts-repository';
import { accountDb } from './accounts-tables';
import { DEMO_PASSWORD } from './demo-password';

/** The database this server (or CLI command) uses, in words an operator recognises. */
export function describeDatabase(
  config: Pick<ServerContext['config'], 'databaseUrl' | 'dataDir'>,
  cwd = process.cwd(),
  dialect: 'sqlite' | 'postgres' = config.databaseUrl === '' ? 'sqlite' : 'postgres',
): firstRunApi.DatabaseDescription {
  if (dialect === 'postgres') {
    return { dialect: 'postgres', location: describeDatabaseUrl(config.databaseUrl), defaultDataDir: false };
  }
  return {
    dialect: 'sqlite',
    location: config.dataDir,
    defaultDataDir: path.resolve(config.dataDir) === path.resolve(cwd, 'data'),
  };
}

export interface FirstRunState {
  users: number;
  realUsers: number;
  demoUsers: string[];
}

export async function firstRunState(ctx: Pick<ServerContext, 'database'>): Promise<FirstRunState> {
  const db = accountDb(ctx.database);
  const [users, realUsers, demoUsers] = await Promise.all([countUsers(db), countRealUsers(db), listDemoUsernames(db)]);
  return { users, realUsers, demoUsers };
}

export async function setupStatus(ctx: Pick<ServerContext, 'database' | 'config'>): Promise<firstRunApi.SetupStatus> {
  const state = await firstRunState(ctx);
  return {
    needsSetup: state.users === 0,
    ...(state.realUsers === 0 ? { database: describeDatabase(ctx.config, process.cwd(), ctx.database.dialect) } : {}),
    demoUsers: state.demoUsers,
    ...(state.demoUsers.length > 0 ? { demoPassword: DEMO_PASSWORD } : {}),
  };
}
