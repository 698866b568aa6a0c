// Every command that opens the database says which one (one stderr line) and warns when it creates
// a new one; `bluezone server` says where to open it and how to get in once it listens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { districtServerFeatures } from '@bluezone/rollout';
import { accounts, loadConfig, type RunningServer, startServer } from '@bluezone/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBanner } from '../src/commands/server-banner';
import { runCli } from './support/run-cli';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bz-cli-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('database notice', () => {
  it('names the data directory, warns once when it creates one, and names the default ./data', async () => {
    const first = await runCli(dir, ['rollout', 'units', 'export']);
    expect(first.code).toBe(0);
    expect(first.stderr).toEqual([
      `bluezone: database: SQLite in ${join(dir, 'data')} (BLUEZONE_DATA_DIR)`,
      `bluezone: warning: no database in ${join(dir, 'data')} yet: creating a new, empty one (the server uses this one only if it runs with the same BLUEZONE_DATA_DIR)`,
    ]);
    const second = await runCli(dir, ['apikey', 'create', '--role', 'device']);
    expect(second.stderr[0]).toBe(`bluezone: database: SQLite in ${join(dir, 'data')} (BLUEZONE_DATA_DIR)`);
    expect(second.stderr.join('\n')).not.toContain('warning');

    // Without BLUEZONE_DATA_DIR: ./data of the working directory, and the line says how to name another.
    const defaulted = await runCli(dir, ['authority', 'list'], { BLUEZONE_DATA_DIR: '' });
    expect(defaulted.stderr[0]).toBe(
      `bluezone: database: SQLite in ${join(dir, 'data')} (the default ./data; BLUEZONE_DATA_DIR names another)`,
    );
  });

  it('prints nothing about a database for commands that use none', async () => {
    const help = await runCli(dir, ['rollout', 'sms', 'estimate', '--text', 'Xin chào']);
    expect(help.stderr.join('\n')).not.toContain('database');
  });
});

describe('bluezone server start banner', () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('gives the first-run link with the setup code, then the demo users or one’s own account', async () => {
    const env = { BLUEZONE_DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '0.0.0.0', LOG_LEVEL: 'silent' };
    running = await startServer(loadConfig(env, dir), { features: districtServerFeatures(env) });
    const io = { env, cwd: dir };
    const open = `http://localhost:${running.port}`;
    const code = accounts.formatSetupCode(await accounts.setupCode(running.context));
    const first = await startBanner(running, io);
    expect(first).toContain(`Bluezone is running: open ${open}/  (resident app: ${open}/app/)`);
    expect(first).toContain(`  database: SQLite in ${join(dir, 'data')} (BLUEZONE_DATA_DIR)`);
    expect(first).toContain(`    ${open}/#/setup?code=${code}`);
    expect(first.join('\n')).toContain(`public address not set: links and QR codes use ${open}`);

    const db = accounts.accountDb(running.context.database);
    const { clock, units } = running.context;
    const fast = { N: 1024, r: 8, p: 1 };
    const demo = { role: 'admin', password: accounts.DEMO_PASSWORD, demo: true };
    await accounts.createUser(db, units, clock, { username: 'admin', ...demo }, fast);
    const withDemo = (await startBanner(running, io)).join('\n');
    expect(withDemo).toContain(`sign in: demo users admin, password ${accounts.DEMO_PASSWORD}`);
    expect(withDemo).not.toContain(code);

    await accounts.createUser(db, units, clock, { username: 'hoa', role: 'admin', password: 'long enough!' }, fast);
    const users = await accounts.listUsers(db, Date.now());
    await accounts.updateUser(db, users.find((u) => u.username === 'admin')?.id as number, { disabled_at: Date.now() });
    expect((await startBanner(running, io)).join('\n')).toContain('sign in with your account');
  });
});
