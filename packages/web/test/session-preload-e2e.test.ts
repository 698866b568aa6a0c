// The shell's first requests on a fresh load, in a real browser (Debian's Chromium via
// playwright-core) against the real server: the session (/api/auth/me) and the first-run status
// (/api/setup/status) are asked for once each, by the HTML's <link rel=preload> as it arrives, and
// the shell's own fetch() takes that answer instead of asking again after its chunk has run
// (half a second later on 3G). Counted once the page the answers decide has shown, so both have
// been asked for and answered by then.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, startWebServer, type WebServer } from './support/web-server-harness';

const SESSION = '/api/auth/me';
const SETUP_STATUS = '/api/setup/status';

let web: WebServer;

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
  // A user, so a visitor gets the login page rather than the first-run one.
  web = await startWebServer({ name: 'session-preload', people: [DISTRICT] });
}, 180_000);

afterAll(() => web?.close());

describe("the shell's first requests", () => {
  it("a visitor's load asks for the session and the first-run status once each, by the HTML's preloads", {
    timeout: 60_000,
  }, async () => {
    await web.withPage(null, async (page) => {
      const seen = requestsTo(page, [SESSION, SETUP_STATUS]);
      await page.reload();
      // The login page shows once the session was refused and the first-run status answered.
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      expect(seen.sort()).toEqual([`${SESSION} other`, `${SETUP_STATUS} other`]);
    });
  });

  it("a signed-in load asks for the session once, by the HTML's preload", { timeout: 60_000 }, async () => {
    await web.withPage('huyen', async (page) => {
      const seen = requestsTo(page, [SESSION]);
      await page.reload();
      // The shell's navigation shows once the session has answered (with the dashboard and its own).
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
      expect(seen).toEqual([`${SESSION} other`]);
    });
  });
});
