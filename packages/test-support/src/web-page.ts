/**
 * A page of the district web app (packages/web) for one person: a fresh browser context as a
 * Vietnamese user in Vietnam has it, logged in through the form, or a visitor not logged in.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP } from './chromium';
import { logIn } from './web-login';

export interface WebUser {
  username: string;
  password: string;
}

export interface WebPageOptions {
  /** The app's hash route to open after logging in (`#/announcements`); the visitor's first page. */
  route?: string;
  /** Playwright's default timeout for every step, logging in included. */
  timeoutMs?: number;
  /** Accept `confirm()` dialogs (Playwright dismisses them otherwise). */
  acceptDialogs?: boolean;
}

/** A browser context in Vietnamese, on Vietnam's time, at `viewport` and a device scale of 1. */
export async function webContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/**
 * A page in a context of its own (close it with `page.context().close()`), logged in to the web app
 * at `server.url` as `user`, or with null a visitor on `route` (default the login page). An
 * uncaught error on the page fails the test.
 */
export async function pageAs(
  browser: Browser,
  server: { url: string },
  user: WebUser | null,
  viewport: { width: number; height: number } = DESKTOP,
  options: WebPageOptions = {},
): Promise<Page> {
  const page = await (await webContext(browser, viewport)).newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  if (options.acceptDialogs) page.on('dialog', (d) => void d.accept());
  if (options.timeoutMs !== undefined) page.setDefaultTimeout(options.timeoutMs);
  if (user) await logIn(page, server.url, user.username, user.password);
  if (!user || options.route) await page.goto(`${server.url}/${options.route ?? ''}`);
  return page;
}
