/**
 * What a browser test file of the web app starts with: the built app served by a real server on
 * a loopback port and a data directory of its own (SQLite), the Nam Đông units, the people the
 * file logs in as (one shared password) and Debian's Chromium. Pages come from test-support's
 * pageAs, best through `withPage`, which closes the page's context however its steps end;
 * `close()` undoes it all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { accountsApi } from '@bluezone/protocol/api';
import { districtServerFeatures, rolloutDb, seedUnitsIfEmpty } from '@bluezone/rollout';
import { accounts, type Clock, loadConfig, type RunningServer, startServer } from '@bluezone/server';
import { DESKTOP, ensureWebBuilt, freePort, launchChromium, pageAs, type WebPageOptions } from '@bluezone/test-support';
import type { Browser, Page } from 'playwright-core';

/** Every test user's password. */
export const PASSWORD = 'mật-khẩu-thử-nghiệm';
/** Cheap password hashing: test users are created by the dozen. */
const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface TestPerson {
  username: string;
  displayName: string;
  role: accountsApi.UserRole;
  unitCode: string | null;
}

export const ADMIN: TestPerson = { username: 'admin', displayName: 'Quản trị viên', role: 'admin', unitCode: null };
export const DISTRICT: TestPerson = {
  username: 'huyen',
  displayName: 'Ban chỉ đạo huyện',
  role: 'district',
  unitCode: null,
};
/** The manager of Hương Phú commune (20164). */
export const HUONG_PHU: TestPerson = {
  username: 'huongphu',
  displayName: 'Xã Hương Phú',
  role: 'unit_manager',
  unitCode: '20164',
};

export interface WebServerOptions {
  /** Names the data directory (`bz-<name>-…` in the system's temporary folder). */
  name: string;
  /** The people to create, with PASSWORD. */
  people?: readonly TestPerson[];
  /** Load the Nam Đông units before the people (default true; a first run starts with none). */
  seedUnits?: boolean;
  /** Settings over the defaults below; undefined removes one (a first run has no public address yet). */
  env?: Record<string, string | undefined>;
  /** The server's clock (a test moving time while installs attest). */
  clock?: Clock;
}

type Viewport = { width: number; height: number };
/** What a test does on a page; its result is withPage's. */
type PageSteps<T> = (page: Page) => Promise<T>;

export interface WebServer {
  server: RunningServer;
  browser: Browser;
  /** The server's data directory. */
  dir: string;
  /** test-support's pageAs for `username` (with PASSWORD), or a visitor with null. */
  pageAs(username: string | null, viewport?: Viewport, options?: WebPageOptions): Promise<Page>;
  /**
   * pageAs's page (desktop unless `viewport` says otherwise) for `steps`, its context closed
   * afterwards whether they passed or threw: a failing assertion leaves no browser context
   * behind. Returns what `steps` returns.
   */
  withPage<T>(username: string | null, steps: PageSteps<T>): Promise<T>;
  withPage<T>(username: string | null, viewport: Viewport | undefined, steps: PageSteps<T>): Promise<T>;
  withPage<T>(
    username: string | null,
    viewport: Viewport | undefined,
    options: WebPageOptions,
    steps: PageSteps<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  ensureWebBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bz-${options.name}-`));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const env: Record<string, string> = {};
    const settings = {
      BLUEZONE_DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
      EXPORT_WORKER_INTERVAL_SECONDS: '0',
      ROLLOUT_WORKER_INTERVAL_SECONDS: '0',
      ROLLOUT_SEED_DEMO: 'false',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...options.env,
    };
    for (const [key, value] of Object.entries(settings)) if (value !== undefined) env[key] = value;
    server = await startServer(loadConfig(env, dir), {
      features: districtServerFeatures(env),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const { database, clock, units } = server.context;
    if (options.seedUnits ?? true) await seedUnitsIfEmpty(rolloutDb(database), clock);
    for (const person of options.people ?? []) {
      await accounts.createUser(
        accounts.accountDb(database),
        units,
        clock,
        { ...person, password: PASSWORD },
        FAST_SCRYPT,
      );
    }
    browser = await launchChromium();
  } catch (err) {
    await close();
    throw err;
  }
  const started = { server, browser };
  const pageAsPerson = (username: string | null, viewport: Viewport = DESKTOP, pageOptions: WebPageOptions = {}) =>
    pageAs(started.browser, started.server, username ? { username, password: PASSWORD } : null, viewport, pageOptions);
  async function withPage<T>(
    username: string | null,
    ...args:
      | [PageSteps<T>]
      | [Viewport | undefined, PageSteps<T>]
      | [Viewport | undefined, WebPageOptions, PageSteps<T>]
  ): Promise<T> {
    const [viewport, pageOptions, steps] =
      args.length === 1 ? [undefined, undefined, args[0]] : args.length === 2 ? [args[0], undefined, args[1]] : args;
    const page = await pageAsPerson(username, viewport, pageOptions);
    try {
      return await steps(page);
    } finally {
      await page.context().close();
    }
  }
  return { ...started, dir, pageAs: pageAsPerson, withPage, close };
}
