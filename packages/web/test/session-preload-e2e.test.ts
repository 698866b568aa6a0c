// The shell's first requests on a fresh load, in a real browser (Debian's Chromium via
// playwright-core) against the real server: the session (/api/auth/me) and the first-run status
// (/api/setup/status) are asked for once each, by the HTML's <link rel=preload> as it arrives, and
// the shell's own fetch() takes that answer instead of asking again after its chunk has run
// (half a second later on 3G). Counted once the page the answers decide has shown, so both have
// been asked for and answered by then.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { districtServerFeatures } from '@bluezone/rollout';
import { accounts, loadConfig, type RunningServer, startServer } from '@bluezone/server';
import { ensureWebBuilt, freePort, launchChromium, pageAs } from '@bluezone/test-support';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PASSWORD = 'mật-khẩu-thử-nghiệm';
const SESSION = '/api/auth/me';
const SETUP_STATUS = '/api/setup/status';

let dir: string;
let server: RunningServer;
let browser: Browser;

/** The page's requests from now on to `paths`, as `path resourceType` (a preload is `other`, the shell's own `fetch`). */
function requestsTo(page: Page, paths: readonly string[]): string[] {
  const seen: string[] = [];
  page.on('request', (r: Request) => {
    const { pathname } = new URL(r.url());
    if (paths.includes(pathname)) seen.push(`${pathname} ${r.resourceType()}`);
  });
  return seen;
}

beforeAll(async () => {
  ensureWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-session-preload-'));
  const port = await freePort();
  const env = {
    BLUEZONE_DATA_DIR: dir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    EXPORT_WORKER_INTERVAL_SECONDS: '0',
    ROLLOUT_WORKER_INTERVAL_SECONDS: '0',
    ROLLOUT_SEED_DEMO: 'false',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  };
  server = await startServer(loadConfig(env, dir), { features: districtServerFeatures(env) });
  // A user, so a visitor gets the login page rather than the first-run one.
  await accounts.createUser(
    accounts.accountDb(server.context.database),
    server.context.units,
    server.context.clock,
    { username: 'huyen', displayName: 'Ban chỉ đạo huyện', role: 'district', unitCode: null, password: PASSWORD },
    { N: 1024, r: 8, p: 1 },
  );
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the shell's first requests", () => {
  it("a visitor's load asks for the session and the first-run status once each, by the HTML's preloads", {
    timeout: 60_000,
  }, async () => {
    const page = await pageAs(browser, server, null);
    try {
      const seen = requestsTo(page, [SESSION, SETUP_STATUS]);
      await page.reload();
      // The login page shows once the session was refused and the first-run status answered.
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      expect(seen.sort()).toEqual([`${SESSION} other`, `${SETUP_STATUS} other`]);
    } finally {
      await page.context().close();
    }
  });

  it("a signed-in load asks for the session once, by the HTML's preload", { timeout: 60_000 }, async () => {
    const page = await pageAs(browser, server, { username: 'huyen', password: PASSWORD });
    try {
      const seen = requestsTo(page, [SESSION]);
      await page.reload();
      // The shell's navigation shows once the session has answered.
      await page.getByRole('navigation').waitFor();
      expect(seen).toEqual([`${SESSION} other`]);
    } finally {
      await page.context().close();
    }
  });
});
