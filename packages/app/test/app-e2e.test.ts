// The resident app on react-native-web in Debian's Chromium (360×740, a phone), against the REAL
// server started in-process on loopback with a temp SQLite dir, which serves the built app at
// /app and the district web app at /. Journeys: install → join a unit (attestation counted by the
// server) → checkpoint pass read from a photo of the screen by the gatekeeper page (signature
// only), accepted once and refused on replay, then checked by a second app in gatekeeper mode
// that hears the resident's advertisement on its simulated radio; a positive case nearby (a second phone running the client SDK in Node,
// its advertisements delivered to the page's simulated radio) reports with a code from the admin
// API → signed export → "Check now" → exposure notification; and the app itself reporting
// positive with a code issued in the health console. Screenshots go to test/screenshots/.

import fs from 'node:fs';
import path from 'node:path';
import { BluezoneClient, MemoryRadio, MemoryStore, seededRandom } from '@bluezone/client';
import { ManualClock, toHex } from '@bluezone/protocol';
import * as rollout from '@bluezone/rollout';
import { runExport } from '@bluezone/server';
import { ensureAppBuilt, ensureWebBuilt, launchChromium, writeQrY4m } from '@bluezone/test-support';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pageErrors,
  phoneContext,
  screenshot,
  staffPage,
  startTestServer,
  type TestServer,
} from './support/app-harness';

const MINUTE = 60_000;
const DAY = 86_400_000;
let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureAppBuilt();
  ensureWebBuilt(); // the health console and gatekeeper page
  s = await startTestServer();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function issueCode(symptomDate: string): Promise<string> {
  const res = await fetch(`${s.url}/api/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': s.adminKey },
    body: JSON.stringify({ testType: 'confirmed', symptomDate }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { code: string }).code;
}

/**
 * A fresh phone-sized page with the app installed (onboarding done). `keyInUrl: false` opens
 * `/app/` as a resident's link does, with nothing in the URL: the page loads /api/app-config.
 * `clockStartMs` starts the page's clock (Playwright's, flowing from there) at that instant.
 */
async function installApp(
  name?: string,
  on: Browser = browser,
  { keyInUrl = true, clockStartMs }: { keyInUrl?: boolean; clockStartMs?: number } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await phoneContext(on, s.url);
  if (clockStartMs !== undefined) await context.clock.install({ time: clockStartMs });
  const page = await context.newPage();
  // Record system notifications the app raises.
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    const Original = window.Notification;
    class Recording extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title}: ${options?.body ?? ''}`);
      }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Original.permission });
    window.Notification = Recording as typeof Notification;
  });
  const errors = pageErrors(page);
  await page.goto(`${s.url}/app/?${keyInUrl ? `apiKey=${encodeURIComponent(s.deviceKey)}&` : ''}neighbours=3`);
  await page
    .getByTestId('screen-onboarding')
    .waitFor({ timeout: 15_000 })
    .catch(async (e) => {
      await screenshot(page, 'debug');
      throw new Error(`${e} ${errors.join(' / ')}`);
    });
  if (name) await screenshot(page, name);
  await page.getByTestId('onboarding-start').click();
  await page.getByTestId('screen-home').waitFor();
  return { page, errors };
}

/** What the page's IndexedDB holds, read with the browser's own IndexedDB API (not the app's store). */
interface IndexedDbContents {
  keys: string[];
  scanTimes: number[];
  windows: number;
  notified: { dayStartMs: number; riskLevel: number }[];
  settings: Record<string, string>;
}
function readIndexedDb(page: Page): Promise<IndexedDbContents> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('bluezone');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(r.error);
      });
    const contents = {
      keys: (await all<{ id: string }>('tek')).map((k) => k.id),
      scanTimes: (await all<{ scanTimeMs: number }>('scan')).map((x) => x.scanTimeMs),
      windows: (await all<unknown>('exposure_window')).length,
      notified: (await all<{ dayStartMs: number; riskLevel: number }>('notified_day')).map((d) => ({
        dayStartMs: d.dayStartMs,
        riskLevel: d.riskLevel,
      })),
      settings: Object.fromEntries(
        (await all<{ name: string; value: string }>('setting')).map((x) => [x.name, x.value]),
      ),
    };
    db.close();
    return contents;
  });
}

/** Decodes the QR in the element with `testId` from a real screenshot of the page. */
async function scanQr(page: Page, testId: string): Promise<string> {
  const png = PNG.sync.read(await page.getByTestId(testId).screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (code === null) throw new Error(`no QR readable in ${testId}`);
  return code.data;
}

describe('resident app in the browser against the real server', () => {
  it('installs, joins a unit, passes a checkpoint, and is notified of a nearby positive case', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await installApp('01-onboarding');
    await expect.poll(() => page.getByTestId('tracing-status').textContent()).toBe('Bluezone đang bật');
    await expect.poll(() => page.getByTestId('radar-dot').count()).toBe(3);
    await screenshot(page, '02-home');

    // Join my unit: scan (a photo of) the QR a village poster carries, made as the poster makes it.
    const posterQr = path.join(s.dir, 'poster-qr.png');
    await QRCode.toFile(posterQr, rollout.installLink('https://bluezone.example/cai-dat', '20164-01'), {
      errorCorrectionLevel: 'M',
      margin: 4,
      scale: 8,
    });
    await page.getByTestId('go-unit').click();
    // This browser has no camera: the scanner says so and offers a photo instead.
    await page.getByTestId('unit-scan').click();
    await page.getByText('Không dùng được camera ở đây. Hãy chụp ảnh mã QR.').waitFor();
    await screenshot(page, '03a-scanner-no-camera');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('qr-photo').click();
    await (await chooser).setFiles(posterQr);
    await expect.poll(() => page.getByTestId('unit-joined').textContent()).toBe('Đã khai báo với đơn vị 20164-01');
    expect(await page.getByTestId('qr-scanner').count()).toBe(0);
    // The home unit by name, from the server's home-units list.
    await expect.poll(() => page.evaluate(() => window.bluezoneModel?.state.home?.name)).toBe('Thôn 1');
    const db = rollout.rolloutDb(s.server.context.database);
    const installs = await db
      .selectFrom('rollout_install')
      .select(['install_id', 'unit_code', 'checkpoint_key'])
      .execute();
    expect(installs).toHaveLength(1);
    expect(installs[0]?.unit_code).toBe('20164-01');
    expect(installs[0]?.checkpoint_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The invite QR is readable and carries this install's referral code.
    const invite = await scanQr(page, 'invite-qr');
    const referral = await db.selectFrom('rollout_install').select('referral_code').executeTakeFirstOrThrow();
    expect(new URL(invite).searchParams.get('ref')).toBe(referral.referral_code);
    await screenshot(page, '03-join-unit');

    // Checkpoint pass: a QR only (no text to type), with a countdown to the next one.
    const gate = await rollout.createRolloutKey(db, s.clock, { unitCode: '483-UBND', name: 'Bảo vệ UBND huyện' });
    const post = (route: string, body: object) =>
      fetch(`${s.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': gate.key },
        body: JSON.stringify(body),
      });
    const cp = (await (
      await post('/api/rollout/checkpoints', { unitCode: '483-UBND', name: 'Cổng chính' })
    ).json()) as {
      id: number;
    };
    await page.getByTestId('tab-checkpoint').click();
    await page.getByTestId('checkpoint-qr').waitFor();
    expect(await page.getByTestId('checkpoint-countdown').textContent()).toMatch(/^Mã mới sau \d+ giây$/);
    expect(await page.getByText(/BZC2\./).count()).toBe(0);
    await screenshot(page, '04-checkpoint');
    const pass = await scanQr(page, 'checkpoint-qr');
    expect(pass).toMatch(/^BZC2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+~[A-Za-z0-9_-]{43}$/);
    // The gatekeeper's page (packages/web) reads the pass from a photo of the phone's screen; it
    // checks the signature, expiry and replay, and says it cannot check the radio.
    s.clock.set(Date.now());
    const photo = path.join(s.dir, 'pass.png');
    await page.getByTestId('checkpoint-qr').screenshot({ path: photo });
    const gatekeeper = await staffPage(browser, s.url, 'baove');
    await gatekeeper.getByRole('heading', { name: 'Kiểm soát ra vào' }).waitFor();
    await gatekeeper.getByLabel('Vào', { exact: true }).check();
    await gatekeeper.getByLabel('Đọc từ ảnh').setInputFiles(photo);
    const outcome = gatekeeper.getByTestId('gate-outcome');
    await outcome.filter({ hasText: 'Chữ ký hợp lệ, chưa kiểm tra sóng' }).waitFor();
    await screenshot(gatekeeper, '04b-gatekeeper-accepts-pass');
    // The same pass shown twice is refused by the server's replay check.
    await gatekeeper.getByLabel('Đọc từ ảnh').setInputFiles([]);
    await gatekeeper.getByLabel('Đọc từ ảnh').setInputFiles(photo);
    await outcome.filter({ hasText: 'Mã này đã được quét' }).waitFor();
    await gatekeeper.context().close();

    // The gatekeeper's own phone in gatekeeper mode, paired with the checkpoint by the gate key a
    // unit manager made: it checks a fresh pass and listens for the resident's phone on its radio.
    const { gateKey } = (await (
      await post(`/api/rollout/checkpoints/${cp.id}/gate-keys`, { label: 'Điện thoại bảo vệ' })
    ).json()) as { gateKey: string };
    const { page: guard } = await installApp();
    await guard.getByTestId('tab-checkpoint').click();
    await guard.getByTestId('checkpoint-gatekeeper').click();
    await guard.getByTestId('gate-pair-input').fill(gateKey);
    await guard.getByTestId('gate-pair').click();
    await expect.poll(() => guard.getByTestId('gate-checkpoint').textContent()).toBe('Điểm kiểm soát: Cổng chính');
    await page.getByTestId('checkpoint-refresh').click();
    await expect.poll(() => scanQr(page, 'checkpoint-qr')).not.toBe(pass);
    const fresh = await scanQr(page, 'checkpoint-qr');
    // The resident's phone advertises next to the gatekeeper's, as phones do, every 250 ms: what it
    // advertises now reaches the gatekeeper page's simulated radio.
    const advertised = await page.evaluate(async () => {
      const ad = await window.bluezoneModel?.client.keySchedule.advertisement();
      return Array.from(ad?.serviceData ?? [], (b) => b.toString(16).padStart(2, '0')).join('');
    });
    expect(advertised).toMatch(/^[0-9a-f]{40}$/);
    // The test holds the gatekeeper's listening window open (the SDK's is 8 s of wall-clock time):
    // the verdict waits for the radio, not for a timer.
    await guard.evaluate(() => window.bluezoneSim?.holdListenWindows());
    const advertising = await guard.evaluate(
      (hex) => window.setInterval(() => window.bluezoneSim?.hear(hex, -50), 250),
      advertised,
    );
    await guard.getByTestId('gate-pass-input').fill(fresh);
    await guard.getByTestId('gate-check').click();
    await expect.poll(() => guard.getByTestId('gate-result').textContent()).toBe('Ứng dụng đang chạy ở gần ✓');
    await screenshot(guard, '04c-gatekeeper-mode-heard');
    // Heard before its window closed; closing that window now changes nothing.
    expect(await guard.evaluate(() => window.bluezoneSim?.closeListenWindows())).toBe(1);
    // The resident's phone goes quiet (Bluetooth off): its next pass is not heard, and the verdict
    // comes when the test closes the window, however long the machine took to get there.
    await guard.evaluate((id) => window.clearInterval(id), advertising);
    await page.getByTestId('checkpoint-refresh').click();
    await expect.poll(() => scanQr(page, 'checkpoint-qr')).not.toBe(fresh);
    const quiet = await scanQr(page, 'checkpoint-qr');
    await guard.getByTestId('gate-pass-input').fill(quiet);
    await guard.getByTestId('gate-check').click();
    await guard.getByText('Đang nghe tín hiệu điện thoại của khách…').waitFor();
    await expect.poll(() => guard.evaluate(() => window.bluezoneSim?.closeListenWindows())).toBe(1);
    await expect.poll(() => guard.getByTestId('gate-result').textContent()).toBe('Có ứng dụng nhưng chưa đạt');
    await guard.getByText(/^Không nghe thấy điện thoại của khách/).waitFor();
    await guard.context().close();
    const log = await db
      .selectFrom('rollout_checkpoint_log')
      .select(['checkpoint_id', 'direction', 'result', 'radio'])
      .execute();
    expect(log).toEqual([
      { checkpoint_id: cp.id, direction: 'entry', result: 'active', radio: 'not_checked' },
      { checkpoint_id: cp.id, direction: 'entry', result: 'active', radio: 'heard' },
      { checkpoint_id: cp.id, direction: 'entry', result: 'inactive', radio: 'not_heard' },
    ]);
    // Neither pass's RPI nor salt reached the server's tables.
    for (const p of [pass, fresh, quiet]) {
      const opening = p.slice(p.indexOf('~') + 1);
      const hex = Buffer.from(opening, 'base64url').toString('hex');
      for (const table of ['rollout_checkpoint_log', 'rollout_install', 'rollout_checkpoint_nonce']) {
        const rows = JSON.stringify(
          await db
            .selectFrom(table as 'rollout_checkpoint_log')
            .selectAll()
            .execute(),
        );
        expect(rows).not.toContain(opening);
        expect(rows).not.toContain(hex.slice(0, 32));
      }
    }

    // A neighbour's phone (the client SDK in Node) sits next to this one for 45 minutes at −55 dBm,
    // ending now; in a UTC day's first 50 minutes, ending before midnight instead, so the contact
    // lies in one day (one of the neighbour's daily keys) whatever the time the test runs.
    const now = Date.now();
    const sinceMidnight = now % DAY;
    const contactEnd = sinceMidnight >= 50 * MINUTE ? now : now - sinceMidnight - 5 * MINUTE;
    const daysSinceContact = Math.floor(now / DAY) - Math.floor(contactEnd / DAY);
    const neighbourClock = new ManualClock(contactEnd - 45 * MINUTE);
    const neighbour = new BluezoneClient({
      store: new MemoryStore(),
      transport: new MemoryRadio({ clock: neighbourClock, random: seededRandom(1) }).transport('f0'),
      clock: neighbourClock,
      random: seededRandom(99),
      sleep: async () => {},
      server: {
        verificationUrl: s.url,
        keyServerUrl: s.url,
        exportBaseUrl: `${s.url}/exports/`,
        apiKey: s.deviceKey,
        region: 'VN',
        healthAuthorityID: 'vn.bluezone',
        publicKeys: [{ pem: s.publicKeyPem, keyId: '452' }],
      },
      decoys: false,
    });
    const heard: { hex: string; timeMs: number }[] = [];
    for (let m = 0; m < 45; m++) {
      const ad = await neighbour.keySchedule.advertisement();
      heard.push({ hex: toHex(ad.serviceData), timeMs: neighbourClock.now() });
      neighbourClock.advance(MINUTE);
    }
    const delivered = await page.evaluate(
      (list) => list.map((h) => window.bluezoneSim?.hear(h.hex, -55, h.timeMs) ?? false),
      heard,
    );
    expect(delivered.every(Boolean)).toBe(true);

    // The neighbour tests positive: the health station issues a code, the neighbour reports.
    neighbourClock.set(Date.now());
    s.clock.set(Date.now());
    const today = new Date(now).toISOString().slice(0, 10);
    // The contact's day as the screens show a day: through Intl in the user's language (never the ISO label).
    const longDay = (locale: string) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(contactEnd);
    const shownDay = (locale: string) =>
      new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
        contactEnd,
      );
    const report = await neighbour.reportPositive({ code: await issueCode(today) });
    expect(report.keysPublished).toBeGreaterThan(0);
    // The 4-hour export window closes and the worker signs and lists the file.
    s.clock.advance(5 * 3_600_000);
    const run = await runExport(s.server.context);
    expect(run.status).toBe('exported');
    const index = await (await fetch(`${s.url}/exports/VN/index.txt`)).text();
    expect(index).toMatch(/\.zip/);

    await page.getByTestId('tab-home').click();
    await page.getByTestId('check-now').click();
    await page
      .getByTestId('exposure-banner')
      .waitFor({ timeout: 20_000 })
      .catch(async (e) => {
        const detail = await page.evaluate(async () => {
          const m = window.bluezoneModel;
          const st = m?.services.store;
          return JSON.stringify({
            exports: await st?.listExports(),
            windows: (await st?.listExposureWindows(0))?.length,
            scans: (await st?.listScans(0, Date.now() + 1e9))?.length,
            index: await (await fetch('/exports/VN/index.txt')).text(),
          });
        });
        throw new Error(`${e} ${detail}`);
      });
    expect(await page.getByTestId('last-check').textContent()).toMatch(/^Kiểm tra nguy cơ lần cuối: /);
    await screenshot(page, '05-home-exposed');
    const notifications = await page.evaluate(
      () => (window as unknown as { shownNotifications: string[] }).shownNotifications,
    );
    expect(notifications).toEqual([
      `Cảnh báo tiếp xúc: Bạn có thể đã tiếp xúc gần với người dương tính ngày ${shownDay('vi-VN')}. Mở Bluezone để biết cần làm gì.`,
    ]);
    expect(await page.getByTestId('home-unit').textContent()).toBe('Đơn vị của bạn: Thôn 1, Xã Hương Phú');
    await page.getByTestId('exposure-banner').click();
    expect(await page.getByTestId('exposure-verdict').textContent()).toBe('Nguy cơ cao');
    expect(await page.getByTestId('exposure-day').allTextContents()).toEqual([
      `Ngày ${shownDay('vi-VN')}: nguy cơ cao`,
    ]);
    // 45 minutes side by side at −55 dBm: the SDK's estimate is sure, and the screen says so.
    expect(await page.getByTestId('exposure-estimate').allTextContents()).toEqual([
      expect.stringMatching(/^Có lẽ bạn đã ở gần người dương tính khoảng \d+ phút\.$/),
    ]);
    expect(await page.getByTestId('exposure-days-since').getAttribute('aria-label')).toBe(
      `${daysSinceContact} ngày từ lần tiếp xúc cuối`,
    );
    // Hương Phú has no health station of its own: the district's centre, with the demo's made-up number.
    await page.getByText('Trạm y tế của bạn: Trung tâm Y tế huyện Nam Đông').waitFor();
    expect(await page.getByTestId('call-station').textContent()).toBe('Gọi 0900000115');
    await screenshot(page, '06-exposure');

    await page.getByTestId('tab-history').click();
    const days = page.getByTestId('history-day');
    expect(await days.count()).toBe(14);
    // The chart runs from 13 days ago to today.
    expect(await days.nth(13 - daysSinceContact).getAttribute('aria-label')).toMatch(
      new RegExp(`^${longDay('vi-VN')}: \\d+ lần gặp, \\d+ tiếp xúc gần, có nguy cơ$`),
    );
    await screenshot(page, '07-history');

    await page.getByTestId('tab-settings').click();
    await screenshot(page, '08-settings');
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('settings-retention').textContent()).toBe('Data retention: 14 days');
    await screenshot(page, '09-settings-en');

    // A reload is the same install: the page's IndexedDB kept the keys, the unit, the exposure and
    // the language, as a phone's SQLite file keeps them across restarts.
    const stored = await readIndexedDb(page);
    expect(stored.keys.length).toBeGreaterThan(0);
    expect(stored.scanTimes.length).toBeGreaterThan(0);
    expect(stored.windows).toBeGreaterThan(0);
    expect(stored.notified.some((d) => d.riskLevel === 2)).toBe(true);
    expect(stored.settings).toMatchObject({ 'app.onboarded': '1', 'app.language': 'en', 'app.tracing': '1' });
    expect(JSON.parse(stored.settings['app.unit'] ?? '{}')).toMatchObject({ unitCode: '20164-01' });
    const installId = await page.evaluate(() => window.bluezoneModel?.state.installId);
    expect(stored.settings['app.installId']).toBe(installId);
    await page.reload();
    await page.getByTestId('screen-home').waitFor();
    expect(await page.getByTestId('screen-onboarding').count()).toBe(0);
    await expect.poll(() => page.getByTestId('tracing-status').textContent()).toBe('Bluezone is on');
    await page.getByTestId('exposure-banner').waitFor();
    expect(await page.evaluate(() => window.bluezoneModel?.state.installId)).toBe(installId);
    // The SDK resumed with today's stored key rather than making a new one.
    expect((await readIndexedDb(page)).keys).toEqual(stored.keys);
    await page.getByTestId('exposure-banner').click();
    expect(await page.getByTestId('exposure-day').allTextContents()).toEqual([`${shownDay('en-GB')}: high risk`]);
    await page.getByTestId('tab-home').click();
    await page.getByTestId('go-unit').click();
    expect(await page.getByTestId('unit-joined').textContent()).toBe('Joined unit 20164-01');
    expect(new URL(await scanQr(page, 'invite-qr')).searchParams.get('ref')).toBe(referral.referral_code);
    await screenshot(page, '12-unit-after-reload');

    // "Delete all my data" (Settings) empties what the install recorded: no old key, sighting or
    // exposure window is left in IndexedDB, no day is marked exposed, and the install id, the
    // checkpoint key seed and the unit are gone (a new random install id replaces the old one).
    // What stays: the language, and which export files were processed.
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('delete-all').click();
    const deletedAt = Date.now();
    await page.getByTestId('confirm-delete').click();
    await page.getByText('All data deleted.').waitFor();
    await screenshot(page, '13-settings-deleted');
    const emptied = await readIndexedDb(page);
    expect(emptied.keys.filter((k) => stored.keys.includes(k))).toEqual([]);
    expect(emptied.scanTimes.filter((t) => t < deletedAt)).toEqual([]);
    expect(emptied.windows).toBe(0);
    expect(emptied.notified).toEqual([]);
    expect(emptied.settings['app.installId']).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(emptied.settings['app.installId']).not.toBe(installId);
    expect(emptied.settings).toMatchObject({ 'app.checkpointSeed': '', 'app.unit': '', 'app.exposureEstimates': '' });
    await page.reload();
    await page.getByTestId('screen-home').waitFor();
    expect(await page.getByTestId('exposure-banner').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('tells a notified resident how sure, what to do until when and whom to call, and charts 14 days, at 360 px in vi and en', {
    timeout: 90_000,
  }, async () => {
    // The health authority's own advice, in English only, in the signed configuration the app
    // fetches through the SDK: English shows it instead of the app's steps, Vietnamese (no text of
    // its own) keeps them.
    const current = (await (await fetch(`${s.url}/api/configuration`)).json()) as { payload: string };
    const doc = JSON.parse(current.payload) as { version: number; proximity: unknown; risk: unknown };
    const advice = 'Stay at home for 10 days and call the Thượng Quảng health station for a test.';
    const saved = await fetch(`${s.url}/api/configuration`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-api-key': s.adminKey },
      body: JSON.stringify({
        version: doc.version + 1,
        proximity: doc.proximity,
        risk: doc.risk,
        advice: { en: advice },
      }),
    });
    expect(saved.status).toBe(200);
    // Thượng Quảng's health station, with the phone the district recorded for it.
    const db = rollout.rolloutDb(s.server.context.database);
    await db
      .updateTable('rollout_unit')
      .set({ contact_phone: '+842343870115' })
      .where('code', '=', '20173-TYT')
      .execute();
    // Opened as a resident's link opens it: no key in the URL, the server's /api/app-config gives it.
    const { page, errors } = await installApp(undefined, browser, { keyInUrl: false });
    await page.getByTestId('go-unit').click();
    await page.getByTestId('unit-input').fill('20173-02');
    await page.getByTestId('unit-join').click();
    await page.getByTestId('unit-joined').waitFor();
    await page.getByTestId('tab-home').click();
    await expect
      .poll(() => page.getByTestId('home-unit').textContent())
      .toBe('Đơn vị của bạn: Thôn 2, Xã Thượng Quảng');

    // Twelve days of encounters (phones heard at −50 to −85 dBm), and two notified days as an
    // earlier check left them: the SDK's levels, and the estimates its notifications carried.
    const today = Math.floor(Date.now() / DAY) * DAY;
    const heard: { hex: string; rssi: number; timeMs: number }[] = [];
    for (let d = 1; d <= 12; d++)
      for (let i = 0; i < ((d * 7) % 11) + 2; i++)
        heard.push({
          hex: toHex(new Uint8Array(20).fill(d).fill(i, 1, 2)),
          rssi: i % 3 === 0 ? -50 : -85,
          timeMs: today - d * DAY + 9 * 3_600_000,
        });
    expect(
      await page.evaluate((list) => list.map((h) => window.bluezoneSim?.hear(h.hex, h.rssi, h.timeMs)), heard),
    ).not.toContain(false);
    const high = today - 3 * DAY;
    const low = today - 8 * DAY;
    await page.evaluate(
      async ({ high, low }) => {
        const store = window.bluezoneModel?.services.store;
        await store?.putNotifiedDay({ dayStartMs: high, riskLevel: 2, notifiedAtMs: Date.now() });
        await store?.putNotifiedDay({ dayStartMs: low, riskLevel: 1, notifiedAtMs: Date.now() });
        await store?.setSetting(
          'app.exposureEstimates',
          JSON.stringify([
            [high, { closeMinutes: 24.6, lowCloseMinutes: 17, highCloseMinutes: 33, confidence: 'likely' }],
            [low, { closeMinutes: 3, lowCloseMinutes: 0.4, highCloseMinutes: 11.6, confidence: 'possible' }],
          ]),
        );
      },
      { high, low },
    );
    await page.reload();
    await page.getByTestId('exposure-banner').waitFor();
    await screenshot(page, '14-home-unit');

    await page.getByTestId('exposure-banner').click();
    expect(await page.getByTestId('exposure-verdict').textContent()).toBe('Nguy cơ cao');
    expect(await page.getByTestId('exposure-days-since').getAttribute('aria-label')).toBe(
      '3 ngày từ lần tiếp xúc cuối',
    );
    expect(await page.getByTestId('exposure-days').getAttribute('aria-label')).toBe('2 ngày có tiếp xúc');
    expect(await page.getByTestId('exposure-estimate').allTextContents()).toEqual([
      'Có lẽ bạn đã ở gần người dương tính khoảng 25 phút.',
      'Có thể bạn đã ở gần (0–12 phút); tín hiệu yếu nên chưa chắc chắn.',
    ]);
    const until = new Intl.DateTimeFormat('vi-VN', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    expect((await page.getByTestId('exposure-todo').allTextContents())[0]).toBe(
      `1. Ở nhà đến hết ${until.format(high + 14 * DAY)}, đeo khẩu trang, hạn chế tiếp xúc với người khác.`,
    );
    await page.getByText('Trạm y tế của bạn: Trạm Y tế xã Thượng Quảng').waitFor();
    expect(await page.getByTestId('call-station').textContent()).toBe('Gọi 02343870115');
    await screenshot(page, '15-exposure');
    // Nothing is wider than the phone.
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.getByTestId('tab-history').click();
    const columns = page.getByTestId('history-day');
    expect(await columns.count()).toBe(14);
    const long = new Intl.DateTimeFormat('vi-VN', { day: 'numeric', month: 'long', timeZone: 'UTC' });
    expect(await columns.nth(13 - 3).getAttribute('aria-label')).toMatch(
      new RegExp(`^${long.format(high)}: \\d+ lần gặp, \\d+ tiếp xúc gần, có nguy cơ$`),
    );
    expect(await page.getByTestId('history-exposure-mark').count()).toBe(2);
    // Every label of the chart at 11 px or more, and 14 columns within 360 px.
    const sizes = await page
      .getByTestId('history-chart')
      .evaluate((chart) =>
        [...chart.querySelectorAll('*')]
          .filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()))
          .map((e) => Number.parseFloat(getComputedStyle(e).fontSize)),
      );
    expect(sizes.length).toBeGreaterThan(28);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, '16-history');

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('language-en').click();
    await page.getByTestId('tab-exposure').click();
    expect(await page.getByTestId('exposure-estimate').allTextContents()).toEqual([
      'You were probably close to a positive case for about 25 minutes.',
      'Possibly close (0–12 minutes); the signal was weak, so this is uncertain.',
    ]);
    await expect.poll(() => page.getByTestId('exposure-todo').allTextContents()).toEqual([advice]);
    await screenshot(page, '17-exposure-en');
    await page.getByTestId('tab-history').click();
    await page.getByText('Encounters in the last 14 days').waitFor();
    await screenshot(page, '18-history-en');
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('delete-all').click();
    await page.getByText(/^Delete all data on this phone\?/).waitFor();
    await screenshot(page, '19-settings-delete-en');
    expect(errors).toEqual([]);
  });

  it('joins a unit by scanning its poster with the live camera', { timeout: 90_000 }, async () => {
    // Chromium's fake camera plays a video of a school's poster QR (the web gatekeeper test's technique).
    const video = path.join(s.dir, 'poster-qr.y4m');
    const link = rollout.installLink('https://bluezone.example/cai-dat', '20161-02');
    writeQrY4m(video, QRCode.create(link, { errorCorrectionLevel: 'M' }).modules);
    const cameraBrowser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      s.clock.set(Date.now());
      const { page, errors } = await installApp(undefined, cameraBrowser);
      await page.context().grantPermissions(['camera'], { origin: s.url });
      const installId = await page.evaluate(() => window.bluezoneModel?.state.installId);
      await page.getByTestId('go-unit').click();
      await page.getByTestId('unit-scan').click();
      await expect
        .poll(() => page.getByTestId('unit-joined').textContent(), { timeout: 20_000 })
        .toBe('Đã khai báo với đơn vị 20161-02');
      // The camera is released and the scanner gone once the code is read.
      expect(await page.getByTestId('qr-scanner').count()).toBe(0);
      const row = await rollout
        .rolloutDb(s.server.context.database)
        .selectFrom('rollout_install')
        .select(['unit_code'])
        .where('install_id', '=', installId ?? '')
        .executeTakeFirstOrThrow();
      expect(row.unit_code).toBe('20161-02');
      expect(errors).toEqual([]);
    } finally {
      await cameraBrowser.close();
    }
  });

  it('closes the camera scanner on cancel without an error', { timeout: 60_000 }, async () => {
    const { page, errors } = await installApp();
    await page.getByTestId('go-unit').click();
    await page.getByTestId('unit-scan').click();
    await page.getByTestId('qr-cancel').click();
    expect(await page.getByTestId('qr-scanner').count()).toBe(0);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('reports positive with a code issued in the health console, after review and consent', {
    timeout: 90_000,
  }, async () => {
    s.clock.set(Date.now());
    // Installed half an hour ago, so the phone holds a key with finished intervals whatever the
    // time of day (installed in a UTC day's first ten minutes, it has nothing to share yet).
    const installedAt = Date.now() - 30 * MINUTE;
    const { page, errors } = await installApp(undefined, browser, { clockStartMs: installedAt });
    await page.clock.setSystemTime(Date.now());
    const before = await s.server.context.database.db
      .selectFrom('exposure')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await page.getByTestId('go-report').click();
    // Health staff issue the code in the web app's health console.
    const healthConsole = await staffPage(browser, s.url, 'yte');
    await healthConsole.getByRole('heading', { name: 'Cấp mã cho ca bệnh' }).waitFor();
    await healthConsole.getByLabel('Ca xác định').check();
    await healthConsole.getByLabel('Ngày khởi phát triệu chứng').fill(new Date().toISOString().slice(0, 10));
    await healthConsole.getByRole('button', { name: 'Cấp mã' }).click();
    const code = ((await healthConsole.getByTestId('issued-code').textContent({ timeout: 10_000 })) ?? '').replace(
      /\s/g,
      '',
    );
    expect(code).toMatch(/^\d{8}$/);
    await healthConsole.context().close();
    await page.getByTestId('report-code').fill(code);
    // One key per UTC day the phone ran with a finished interval: when the half hour spans
    // midnight, yesterday's and (once today's first ten minutes are over) today's.
    const reviewedAt = await page.evaluate(() => Date.now());
    const keyDays =
      Math.floor(reviewedAt / DAY) > Math.floor(installedAt / DAY) && reviewedAt % DAY >= 10 * MINUTE ? 2 : 1;
    await page.getByTestId('report-review').click();
    await page.getByTestId('report-key').first().waitFor();
    expect(await page.getByTestId('report-key').count()).toBe(keyDays);
    expect(await page.getByTestId('report-send').getAttribute('aria-disabled')).toBe('true');
    await page.getByTestId('report-consent').locator('input').check();
    await screenshot(page, '10-report');
    await page.getByTestId('report-send').click();
    await expect
      .poll(() => page.getByTestId('report-sent').textContent(), { timeout: 20_000 })
      .toBe(`Đã gửi ${keyDays} mã. Cảm ơn bạn đã bảo vệ cộng đồng.`);
    const after = await s.server.context.database.db
      .selectFrom('exposure')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(keyDays);
    await screenshot(page, '11-report-sent');
    expect(errors).toEqual([]);
  });

  it('becomes a field test phone with the code the server signs, says so on Home, and downloads its recording', {
    timeout: 90_000,
  }, async () => {
    s.clock.set(Date.now());
    const res = await fetch(`${s.url}/api/configuration/field-test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': s.adminKey },
      body: JSON.stringify({
        testId: 'nam-dong-e2e',
        phones: ['T07'],
        startsAt: new Date(Date.now() - 60 * MINUTE).toISOString(),
        endsAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
      }),
    });
    expect(res.status).toBe(200);
    const issued = (await res.json()) as { enrolments: { phone: string; token: string }[] };
    const token = issued.enrolments[0]?.token ?? '';
    const { page, errors } = await installApp();
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('field-test-input').fill(token);
    await page.getByTestId('field-test-enrol').click();
    await expect
      .poll(() => page.getByTestId('field-test-enrolled').textContent(), { timeout: 10_000 })
      .toBe('Điện thoại này là máy thử nghiệm T07 của đợt thử nghiệm nam-dong-e2e.');
    await page.getByTestId('field-test-enrolled').scrollIntoViewIfNeeded();
    await screenshot(page, '21-settings-field-test');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('field-test-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('nam-dong-e2e-T07.json');
    const recording = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      enrolment: { payload: string };
      keys: unknown[];
      scans: unknown[];
    };
    expect(JSON.parse(recording.enrolment.payload)).toMatchObject({ testId: 'nam-dong-e2e', phone: 'T07' });
    expect(recording.keys.length).toBeGreaterThan(0);
    // The virtual neighbours the page heard since tracing started.
    expect(recording.scans.length).toBeGreaterThan(0);
    await page.getByTestId('tab-home').click();
    await page.getByTestId('field-test-banner').waitFor();
    expect(await page.getByTestId('field-test-banner').textContent()).toBe(
      'Điện thoại thử nghiệm T07 (đợt thử nghiệm nam-dong-e2e) — khóa của điện thoại này và những gì nó nghe được sẽ được xuất cho đợt thử nghiệm',
    );
    await screenshot(page, '20-home-field-test');
    // Left: the banner goes, and the page's store holds no enrolment.
    await page.getByTestId('field-test-banner').click();
    await page.getByTestId('field-test-leave').click();
    await page.getByTestId('field-test-confirm-leave').click();
    await page.getByTestId('field-test-enrol').waitFor();
    await page.getByTestId('tab-home').click();
    expect(await page.getByTestId('field-test-banner').count()).toBe(0);
    expect((await readIndexedDb(page)).settings['fieldTest.enrolment']).toBe('');
    expect(errors).toEqual([]);
  });
});
