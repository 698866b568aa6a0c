/**
 * Browser-test harness for the resident app: starts the REAL server in-process on a loopback port
 * with a temp SQLite data dir (it serves the app at /app and the web app at /), with the staff the
 * journeys need. Chromium, the build-once of packages/app/dist (react-native-web) and the web
 * app's login come from @bluezone/test-support.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { districtServerFeatures, rolloutDb, seedUnitsIfEmpty } from '@bluezone/rollout';
import {
  accounts,
  createApiKey,
  loadConfig,
  ManualClock,
  type RunningServer,
  runExport,
  startServer,
} from '@bluezone/server';
import { logIn, PHONE } from '@bluezone/test-support';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', 'screenshots');

/** Staff who use the web app in the journeys (health console, gatekeeper page). */
export const STAFF_PASSWORD = 'mật-khẩu-thử-nghiệm';
const STAFF = [
  { username: 'yte', displayName: 'Cán bộ y tế', role: 'health_staff', unitCode: null },
  { username: 'baove', displayName: 'Bảo vệ UBND huyện', role: 'gatekeeper', unitCode: '483-UBND' },
] as const;
/** Cheap scrypt for test users (the stored parameters make logins use the same). */
const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface TestServer {
  server: RunningServer;
  clock: ManualClock;
  url: string;
  adminKey: string;
  deviceKey: string;
  publicKeyPem: string;
  dir: string;
  stop(): Promise<void>;
}

/** Polls until `ok` (the public key is written by the first export run). */
export async function waitFor(url: string, ok: (text: string) => boolean): Promise<string> {
  for (let i = 0; i < 150; i++) {
    const res = await fetch(url);
    const text = res.ok ? await res.text() : '';
    if (res.ok && ok(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${url}`);
}

export async function startTestServer(): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'bluezone-app-e2e-'));
  const clock = new ManualClock(Date.now());
  const config = loadConfig(
    {
      BLUEZONE_DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // Tests run the export worker themselves (runExport), so no timer races them for the lease.
      EXPORT_WORKER_INTERVAL_SECONDS: '0',
      EXPORT_MIN_RECORDS: '50',
    },
    dir,
  );
  // The whole product, as `bluezone server` runs it: the key server and the rollout toolkit.
  const server = await startServer(config, { clock, features: districtServerFeatures({}) });
  await seedUnitsIfEmpty(rolloutDb(server.context.database), clock);
  for (const u of STAFF) {
    await accounts.createUser(
      accounts.accountDb(server.context.database),
      server.context.units,
      clock,
      { ...u, password: STAFF_PASSWORD },
      FAST_SCRYPT,
    );
  }
  const adminKey = (await createApiKey(server.context.database, clock, 'admin')).key;
  const deviceKey = (await createApiKey(server.context.database, clock, 'device')).key;
  await runExport(server.context); // publishes the export public key beside the exports
  const publicKeyPem = await waitFor(`${server.url}/exports/VN/public-key.pem`, (t) => t.includes('PUBLIC KEY'));
  return {
    server,
    clock,
    url: server.url,
    adminKey,
    deviceKey,
    publicKeyPem,
    dir,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function phoneContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: 'vi-VN' });
  await context.grantPermissions(['notifications'], { origin });
  return context;
}

/** Collects page errors so a test can assert the app ran without any. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** A phone-sized page of the district web app (packages/web), logged in as `username`. */
export async function staffPage(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: 'vi-VN' });
  const page = await context.newPage();
  await logIn(page, url, username, STAFF_PASSWORD);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
