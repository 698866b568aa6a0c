/**
 * What the web app's browser tests need beyond @bluezone/test-support (Chromium, build-once,
 * pages logged in with pageAs in the browser settings of webContext): screenshots that fail when
 * a phone-sized page is wider than the screen. The server, people and browser a test file starts
 * with are web-server-harness.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PHONE } from '@bluezone/test-support';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', 'screenshots');

/** Saves a full-page screenshot; on a phone-sized page, first checks nothing is wider than the screen. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if ((page.viewportSize()?.width ?? 0) <= PHONE.width) {
    const wider = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    );
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (scroll > 0)
      throw new Error(`${name}: page is ${scroll}px wider than the phone: ${wider.slice(0, 5).join(', ')}`);
  }
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
