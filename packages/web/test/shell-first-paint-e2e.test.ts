// A signed-in first load in a real browser (Debian's Chromium via playwright-core) against the real
// server: the shell (header and navigation) appears together with the page the address names, never
// with the page-level fallback in its place. That fallback, a spinner React holds on screen for its
// reveal throttle (300 ms) even once the page's chunk is there, showed on every first load; the
// shell now waits for that chunk beside the session check, and a page whose chunk has arrived
// renders at once. Seen by a MutationObserver installed before the page's scripts, so nothing here
// depends on how fast the page loads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { districtServerFeatures, rolloutDb, seedUnitsIfEmpty } from '@bluezone/rollout';
import { accounts, loadConfig, type RunningServer, startServer } from '@bluezone/server';
import { ensureWebBuilt, freePort, launchChromium, pageAs } from '@bluezone/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PASSWORD = 'mật-khẩu-thử-nghiệm';

/**
 * Counts the DOM changes after which the page-level fallback (a spinner right in <main>) is on
 * screen. A string, not a function: the test's transform would put helpers of its own into it.
 */
const WATCH_FALLBACK = `(() => {
  window.__pageFallbackSeen = 0;
  new MutationObserver(() => {
    if (document.querySelector('main > .spinner')) window.__pageFallbackSeen++;
  }).observe(document, { subtree: true, childList: true });
})();`;

let dir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-shell-first-paint-'));
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
  const { database, clock } = server.context;
  await seedUnitsIfEmpty(rolloutDb(database), clock);
  await accounts.createUser(
    accounts.accountDb(database),
    server.context.units,
    clock,
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

/** The dashboard page's chunk, as the build names it. */
const DASHBOARD_CHUNK = /\/assets\/dashboard-page-[^/]+\.js$/;
const isSession = (url: string | URL) => new URL(url).pathname === '/api/auth/me';

/** A signed-in page on #/dashboard, watching for the page-level fallback from its next load on. */
async function dashboardPage(): Promise<Page> {
  const page = await pageAs(browser, server, { username: 'huyen', password: PASSWORD }, undefined, {
    route: '#/dashboard',
  });
  await page.addInitScript({ content: WATCH_FALLBACK });
  return page;
}

/** Waits for the dashboard, checks the fallback never showed, and that the watch would have seen it. */
async function shownWithoutFallback(page: Page): Promise<void> {
  await page.locator('#dash-title').waitFor();
  expect(await page.evaluate('window.__pageFallbackSeen')).toBe(0);
  await page.evaluate(() => {
    const spinner = document.createElement('div');
    spinner.className = 'spinner';
    document.querySelector('main')?.prepend(spinner);
  });
  await expect.poll(() => page.evaluate('window.__pageFallbackSeen')).toBeGreaterThan(0);
}

describe('signed-in first load of #/dashboard', () => {
  it("the page's chunk here before the session: the shell shows with the page at once", {
    timeout: 60_000,
  }, async () => {
    const page = await dashboardPage();
    try {
      // The session's answer is held until the chunk has fully arrived.
      const chunk = page.waitForResponse((r) => DASHBOARD_CHUNK.test(r.url()));
      await page.route(isSession, async (route) => {
        await (await chunk).finished();
        await route.continue();
      });
      await page.reload();
      await shownWithoutFallback(page);
    } finally {
      await page.context().close();
    }
  });

  it("the session answered before the page's chunk: the shell waits for the chunk", { timeout: 60_000 }, async () => {
    const page = await dashboardPage();
    try {
      // The chunk is held until the session's answer has fully arrived.
      const session = page.waitForResponse((r) => isSession(r.url()));
      await page.route(DASHBOARD_CHUNK, async (route) => {
        await (await session).finished();
        await route.continue();
      });
      await page.reload();
      await shownWithoutFallback(page);
    } finally {
      await page.context().close();
    }
  });
});
