/**
 * Browser-test harness for the resident app: builds packages/app/dist (react-native-web) when
 * its sources are newer, starts the REAL server in-process on a loopback port with a temp SQLite
 * data dir (it serves the app at /app and the web app at /), with the staff the journeys need,
 * and drives Debian's Chromium with playwright-core (packages/web's launcher: headless,
 * --no-sandbox, --disable-gpu, no background networking; a fresh temporary profile per launch).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  accounts,
  createApiKey,
  loadConfig,
  ManualClock,
  type RunningServer,
  rollout,
  runExport,
  startServer,
} from '@bluezone/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';

// Debian's Chromium, launched exactly as the web app's tests launch it (flags, no download).
export { ensureWebBuilt, launchChromium, writeQrY4m } from '../../../web/test/support/web-harness';

export const APP_DIR = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(APP_DIR, 'test', 'screenshots');
export const PHONE = { width: 360, height: 740 };

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** Builds packages/app/dist unless it is newer than every source it is made from. */
export function ensureAppBuilt(): void {
  const index = path.join(APP_DIR, 'dist', 'index.html');
  const clientSrc = path.join(APP_DIR, '..', 'client', 'src');
  const sources = Math.max(
    newestMtime(path.join(APP_DIR, 'src')),
    newestMtime(clientSrc),
    newestMtime(path.join(APP_DIR, 'index.html')),
    newestMtime(path.join(APP_DIR, 'vite.config.ts')),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return;
  const local = path.join(APP_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  const hoisted = path.join(APP_DIR, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [fs.existsSync(local) ? local : hoisted, 'build', '--logLevel', 'warn'], {
    cwd: APP_DIR,
    stdio: 'inherit',
    // Under vitest NODE_ENV is 'test', which would make Vite emit the dev JSX runtime.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

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
  const server = await startServer(config, { clock });
  const units = rollout.rolloutDb(server.context.database);
  await rollout.seedUnitsIfEmpty(units, clock);
  for (const u of STAFF) {
    await accounts.createUser(
      accounts.accountDb(server.context.database),
      units,
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
  await page.goto(`${url}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation').waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
