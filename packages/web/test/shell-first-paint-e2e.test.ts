// A signed-in first load in a real browser (Debian's Chromium via playwright-core) against the real
// server: the shell (header and navigation) appears together with the page the address names, or
// at the site's root (where a person lands after logging in) their role's first page, never
// with the page-level fallback in its place. That fallback, a spinner React holds on screen for its
// reveal throttle (300 ms) even once the page's chunk is there, showed on every first load; the
// shell now waits for that chunk beside the session check, and a page whose chunk has arrived
// renders at once. Seen by a MutationObserver installed before the page's scripts, so nothing here
// depends on how fast the page loads.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, startWebServer, type WebServer } from './support/web-server-harness';

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

let web: WebServer;

beforeAll(async () => {
  web = await startWebServer({ name: 'shell-first-paint', people: [DISTRICT] });
}, 180_000);

afterAll(() => web?.close());

/** The dashboard page's chunk, as the build names it. */
const DASHBOARD_CHUNK = /\/assets\/dashboard-page-[^/]+\.js$/;
const isSession = (url: string | URL) => new URL(url).pathname === '/api/auth/me';

/**
 * Runs `steps` on a district officer's signed-in page at `route` (the dashboard's address, or ''
 * for the site's root, their first page being the dashboard), watching for the page-level fallback
 * from its next load on; the page's context is closed afterwards.
 */
function onDashboardPage(route: string, steps: (page: Page) => Promise<void>): Promise<void> {
  return web.withPage('huyen', undefined, { route }, async (page) => {
    expect(new URL(page.url()).hash).toBe(route);
    await page.addInitScript({ content: WATCH_FALLBACK });
    await steps(page);
  });
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

/** Reloads with the request `held` names kept back until the response `first` names has fully arrived. */
async function reloadHolding(page: Page, held: RegExp | ((url: URL) => boolean), first: (url: string) => boolean) {
  const arrived = page.waitForResponse((r) => first(r.url()));
  await page.route(held, async (route) => {
    await (await arrived).finished();
    await route.continue();
  });
  await page.reload();
}

// At the root the chunk can come before the session because the shell remembers the first page of
// whoever was signed in last (here, from logging in).
describe.each(['#/dashboard', ''])('signed-in first load of /%s', (address) => {
  it("the page's chunk here before the session: the shell shows with the page at once", {
    timeout: 60_000,
  }, async () => {
    await onDashboardPage(address, async (page) => {
      await reloadHolding(page, isSession, (url) => DASHBOARD_CHUNK.test(url));
      await shownWithoutFallback(page);
    });
  });

  it("the session answered before the page's chunk: the shell waits for the chunk", { timeout: 60_000 }, async () => {
    await onDashboardPage(address, async (page) => {
      await reloadHolding(page, DASHBOARD_CHUNK, isSession);
      await shownWithoutFallback(page);
    });
  });
});
