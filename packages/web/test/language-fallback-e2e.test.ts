// The English catalogue is its own chunk, fetched when the user picks English (or had picked it
// on an earlier visit). When that fetch fails — a dropped 3G connection, a tab older than the
// server's files — the page stays in Vietnamese and says so, in a real browser (Debian's Chromium
// via playwright-core) against the real server with the chunk's requests refused. Before, the
// switch did nothing and said nothing, and a saved choice of English left the page blank.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT, startWebServer, type WebServer } from './support/web-server-harness';

let web: WebServer;

/** The English catalogue's chunk: Vite names it en-<hash>.js. */
const ENGLISH_CHUNK = /\/assets\/en-[^/]*\.js$/;

/** Refuses the English catalogue's chunk, as a dropped connection would. */
async function refuseEnglish(page: Page): Promise<void> {
  await page.route(ENGLISH_CHUNK, (route) => route.abort('internetdisconnected'));
}

const savedLanguage = (page: Page) => page.evaluate(() => localStorage.getItem('bluezone.lang'));

beforeAll(async () => {
  web = await startWebServer({ name: 'language-fallback', people: [DISTRICT] });
}, 180_000);

afterAll(() => web?.close());

describe('English that cannot be fetched', () => {
  it('keeps the page in Vietnamese and says so when the switch fails, and switches once it can', {
    timeout: 60_000,
  }, async () => {
    await web.withPage(null, async (page) => {
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      await refuseEnglish(page);
      await page.getByRole('button', { name: 'English' }).click();
      const notice = page.getByRole('alert').filter({ hasText: 'Không tải được bản tiếng Anh' });
      await notice.waitFor();
      // The Vietnamese login page, once the shell has its session answer (the notice comes first).
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
      expect(await savedLanguage(page)).toBe('vi');

      // With the connection back, a reload (the notice's button) fetches the page's files afresh.
      await page.unroute(ENGLISH_CHUNK);
      await notice.getByRole('button', { name: 'Tải lại trang' }).click();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Log in' }).waitFor();
      expect(await page.getByRole('alert').filter({ hasText: 'could not be loaded' }).count()).toBe(0);
      expect(await savedLanguage(page)).toBe('en');
    });
  });

  it('shows Vietnamese rather than a blank page when English was chosen on an earlier visit', {
    timeout: 60_000,
  }, async () => {
    await web.withPage(null, async (page) => {
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      await page.evaluate(() => localStorage.setItem('bluezone.lang', 'en'));
      await refuseEnglish(page);
      await page.reload();
      await page.getByRole('alert').filter({ hasText: 'Không tải được bản tiếng Anh' }).waitFor();
      // The Vietnamese login page, once the shell has its session answer (the notice comes first).
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      expect(await savedLanguage(page)).toBe('vi');
    });
  });
});
