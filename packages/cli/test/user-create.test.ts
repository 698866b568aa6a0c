// `bluezone user create` in-process through main(), then a login against the same data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { districtServerFeatures } from '@bluezone/rollout';
import { accounts, createApp, loadConfig, openServerContext, silentLogger } from '@bluezone/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

let dir: string;

async function run(env: Record<string, string>, ...argv: string[]) {
  const r = await runCli(dir, argv, { BLUEZONE_DATA_DIR: join(dir, 'data-users'), LOG_LEVEL: 'silent', ...env });
  return { code: r.code, stdout: r.stdout.join('\n'), stderr: r.stderr.join('\n') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bz-user-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bluezone user create', () => {
  it('creates a unit manager whose password works at login and is never printed', async () => {
    const password = 'mật-khẩu-rất-dài';
    const res = await run(
      { BLUEZONE_PASSWORD: password },
      'user',
      'create',
      '--username',
      'HuongPhu',
      '--role',
      'unit_manager',
      '--unit',
      '20164',
      '--name',
      'Xã Hương Phú',
    );
    // Which database, and that it is a new one (the server must run with the same BLUEZONE_DATA_DIR).
    expect(res.stderr.split('\n')).toEqual([
      `bluezone: database: SQLite in ${join(dir, 'data-users')} (BLUEZONE_DATA_DIR)`,
      expect.stringMatching(/^bluezone: warning: no database in .*data-users yet: creating a new, empty one/),
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^created user huongphu \(#\d+, unit_manager, unit 20164\)$/);
    expect(res.stdout).not.toContain(password);

    const config = loadConfig({ BLUEZONE_DATA_DIR: join(dir, 'data-users'), LOG_LEVEL: 'silent' }, dir);
    const features = districtServerFeatures({});
    const ctx = await openServerContext(config, { features, logger: silentLogger });
    try {
      const app = createApp(ctx, features);
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'huongphu', password }),
      });
      expect(login.status).toBe(200);
      expect(await login.json()).toMatchObject({
        user: { role: 'unit_manager', unitCode: '20164', displayName: 'Xã Hương Phú' },
      });
      const users = await accounts.listUsers(accounts.accountDb(ctx.database), Date.now());
      expect(users.map((u) => u.username)).toEqual(['huongphu']);
    } finally {
      await ctx.database.destroy();
    }
  });

  it('refuses a bad role, a missing unit, a short password and a duplicate with one line each', async () => {
    const env = { BLUEZONE_PASSWORD: 'long enough password' };
    const badRole = await run(env, 'user', 'create', '--username', 'a1', '--role', 'root');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/role must be one of admin, district/);
    const noUnit = await run(env, 'user', 'create', '--username', 'a2', '--role', 'gatekeeper');
    expect(noUnit.stderr).toMatch(/needs a unit code/);
    const unknownUnit = await run(env, 'user', 'create', '--username', 'a3', '--role', 'gatekeeper', '--unit', '999');
    expect(unknownUnit.stderr).toMatch(/no unit with code 999/);
    const short = await run({ BLUEZONE_PASSWORD: 'short' }, 'user', 'create', '--username', 'a4', '--role', 'admin');
    expect(short.stderr).toMatch(/password must be 8-256 characters/);
    expect((await run(env, 'user', 'create', '--username', 'a5', '--role', 'admin')).code).toBe(0);
    const dup = await run(env, 'user', 'create', '--username', 'a5', '--role', 'admin');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const usage = await run(env, 'user', 'create', '--role', 'admin');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing --username/);
  });
  it('without BLUEZONE_DATA_DIR names the default ./data it uses and warns that it is a new one', async () => {
    const res = await run(
      { BLUEZONE_DATA_DIR: '', BLUEZONE_PASSWORD: 'mật-khẩu-rất-dài' },
      'user',
      'create',
      '--username',
      'hoa',
      '--role',
      'admin',
    );
    expect(res.code).toBe(0);
    expect(res.stderr.split('\n')).toEqual([
      `bluezone: database: SQLite in ${join(dir, 'data')} (the default ./data; BLUEZONE_DATA_DIR names another)`,
      `bluezone: warning: no database in ${join(dir, 'data')} yet: creating a new, empty one (the server uses this one only if it runs with the same BLUEZONE_DATA_DIR)`,
    ]);
  });
});
