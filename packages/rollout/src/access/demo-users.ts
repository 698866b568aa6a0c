/**
 * Demo users, so `npm start` on a fresh clone opens a usable app. They are created only when
 * all of these hold: the account table is empty, the database is the embedded SQLite file in
 * the default data directory (`./data`, BLUEZONE_DATA_DIR unset), and ROLLOUT_SEED_DEMO is on
 * (its default; the same switch loads the Nam Đông demo units). A PostgreSQL deployment, or
 * one that names its data directory, never gets a user with a published password: it creates
 * its first admin with `bluezone user create`.
 */
import path from 'node:path';
import { accounts, type ServerContext } from '@bluezone/server';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import { seedUnitsIfEmpty } from '../units/units-repository';

/**
 * Published in packages/web/README.md ("Demo users") and docs/operations/deploying.md ("First
 * start"); only ever used for the demo rule above (the login page names it).
 */
export const DEMO_PASSWORD = accounts.DEMO_PASSWORD;

export const DEMO_USERS: readonly {
  username: string;
  displayName: string;
  role: accounts.UserRole;
  unitCode?: string;
}[] = [
  { username: 'admin', displayName: 'Quản trị viên', role: 'admin' },
  { username: 'huyen', displayName: 'Ban chỉ đạo huyện', role: 'district' },
  { username: 'yte', displayName: 'Cán bộ y tế', role: 'health_staff' },
  { username: 'khetre', displayName: 'Thị trấn Khe Tre', role: 'unit_manager', unitCode: '20161' },
  { username: 'baove', displayName: 'Bảo vệ UBND huyện', role: 'gatekeeper', unitCode: '483-UBND' },
];

export function demoUsersAllowed(
  ctx: Pick<ServerContext, 'config' | 'database'>,
  config: Pick<RolloutConfig, 'seedDemo'>,
  cwd = process.cwd(),
): boolean {
  return (
    ctx.database.dialect === 'sqlite' &&
    ctx.config.databaseUrl === '' &&
    config.seedDemo &&
    path.resolve(ctx.config.dataDir) === path.resolve(cwd, 'data')
  );
}

/** Creates the demo users when allowed and no user exists; returns how many were created. */
export async function seedDemoUsers(
  ctx: ServerContext,
  config: Pick<RolloutConfig, 'seedDemo'>,
  cwd = process.cwd(),
): Promise<number> {
  if (!demoUsersAllowed(ctx, config, cwd)) return 0;
  const db = accounts.accountDb(ctx.database);
  if ((await accounts.countUsers(db)) > 0) return 0;
  await seedUnitsIfEmpty(rolloutDb(ctx.database), ctx.clock);
  for (const u of DEMO_USERS) {
    await accounts.createUser(db, ctx.units, ctx.clock, {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unitCode: u.unitCode ?? null,
      password: DEMO_PASSWORD,
      demo: true,
    });
  }
  ctx.logger.warn('demo users created (see packages/web/README.md "Demo users"); create real users and disable these', {
    users: DEMO_USERS.map((u) => u.username),
  });
  return DEMO_USERS.length;
}
