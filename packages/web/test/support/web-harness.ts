/**
 * What the web app's browser tests need beyond @bluezone/test-support (Chromium, build-once,
 * login): a browser context as a Vietnamese user in Vietnam sees the app, and screenshots that
 * fail when a phone-sized page is wider than the screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PHONE } from '@bluezone/test-support';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', 'screenshots');

export async function newContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

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
