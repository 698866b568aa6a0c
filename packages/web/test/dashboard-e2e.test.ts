// The steering dashboard, problems and campaigns in a real browser (Debian's Chromium via
// playwright-core) against the real server on a loopback port, with installs spread over 40 days
// (the server's clock is moved back while they attest): the map of the communes (every area a
// named, focusable link, a table alternative), drill-down district → commune → village, the
// period selector, "furthest below target" per level, chart labels measured at 11 px or more on
// a 360-px phone, Vietnamese and English with <html lang> following; server problems in the
// user's language with their bad entries; a map upload refused feature by feature; the campaign
// schedule picker, rendered sample and approval. Screenshots of each page on desktop and phone.
import { createApiKey } from '@bluezone/server';
import { DESKTOP, PHONE } from '@bluezone/test-support';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-harness';
import { ADMIN, DISTRICT, HUONG_PHU, startWebServer, type WebServer } from './support/web-server-harness';

const DAY = 86_400_000;

let web: WebServer;
/** The server's clock: moved back while installs attest, so the trends have a history. */
const clock = { offset: 0, now: () => Date.now() + clock.offset };

async function attest(deviceKey: string, unitCode: string, installId: string, tracingActive = true): Promise<void> {
  const res = await fetch(`${web.server.url}/api/rollout/attest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': deviceKey },
    body: JSON.stringify({ unitCode, installId, appVersion: '1.0.0', tracingActive }),
  });
  if (!res.ok) throw new Error(`attest ${unitCode}: ${res.status} ${await res.text()}`);
}

/** Waits for the dashboard's map; on a timeout says what the page showed instead. */
async function mapShown(page: Page): Promise<void> {
  try {
    await page.getByTestId('coverage-map').waitFor({ timeout: 20_000 });
  } catch (err) {
    const shown = (
      (await page
        .locator('main')
        .textContent()
        .catch(() => '')) ?? ''
    ).slice(0, 400);
    throw new Error(`no map at ${page.url()}; the page showed: ${JSON.stringify(shown)}`, { cause: err });
  }
}

/** The smallest font any SVG label is drawn at on screen (font size × the SVG's scale). */
async function smallestChartFontPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes = Array.from(document.querySelectorAll('svg text'))
      .filter((t) => (t as SVGTextElement).getBBox().width > 0)
      .map((t) => {
        const scale = (t as SVGGraphicsElement).getScreenCTM()?.a ?? 1;
        return Number.parseFloat(getComputedStyle(t).fontSize) * scale;
      });
    return sizes.length === 0 ? Number.NaN : Math.min(...sizes);
  });
}

beforeAll(async () => {
  web = await startWebServer({ name: 'dashboard-e2e', people: [ADMIN, DISTRICT, HUONG_PHU], clock });
  const device = (await createApiKey(web.server.context.database, clock, 'device')).key;
  // 40 days of installs at home (villages, town groups): Khe Tre and Hương Phú ahead, Hương Sơn
  // slow, some with tracing off.
  const plan: [string, number][] = [
    ['20161-01', 40],
    ['20161-02', 25],
    ['20161-03', 30],
    ['20161-04', 3],
    ['20164-01', 35],
    ['20164-02', 20],
    ['20164-03', 6],
    ['20167-01', 4],
    ['20170-01', 12],
    ['20173-02', 8],
    ['20185-01', 10],
    ['20191-02', 60],
  ];
  let n = 0;
  for (const [unit, count] of plan) {
    for (let i = 0; i < count; i++) {
      clock.offset = -((n * 7) % 40) * DAY;
      await attest(device, unit, `install-${unit}-${String(i).padStart(4, '0')}`, n % 5 !== 0);
      n++;
    }
  }
  clock.offset = 0;
}, 180_000);

afterAll(() => web?.close());

describe('steering dashboard in Chromium', () => {
  it('maps the communes, drills down to a commune and a village, and ranks units within their level', {
    timeout: 120_000,
  }, async () => {
    await web.withPage('huyen', async (page) => {
      await mapShown(page);
      const areas = page.locator('[data-testid^="map-area-"]');
      expect(await areas.count()).toBe(10);
      // Every area is a link named with its figures; the first is reachable by keyboard.
      const label = (await page.getByTestId('map-area-20161').getAttribute('aria-label')) ?? '';
      expect(label).toMatch(/^Thị trấn Khe Tre: [\d,]+ ?% \(mục tiêu 60 ?%\)$/);
      expect(await page.getByText('không phải ranh giới hành chính').count()).toBeGreaterThan(0);
      // The table alternative has the same ten areas.
      await page.getByText('Xem số liệu dạng bảng').click();
      expect(await page.locator('.table-alternative tbody tr').count()).toBe(10);
      // Furthest below target, per level: communes only among communes, and so on.
      const communes = await page.getByTestId('below-communes').locator('tbody tr td:first-child').allTextContents();
      expect(communes.length).toBeGreaterThan(0);
      for (const name of communes) expect(name).toMatch(/^(Xã|Thị trấn) /);
      const villages = await page.getByTestId('below-villages').locator('tbody tr td:first-child').allTextContents();
      for (const name of villages) expect(name).toMatch(/^(Thôn|Tổ dân phố) /);
      const orgs = await page.getByTestId('below-organisations').locator('tbody tr td:first-child').allTextContents();
      expect(orgs.length).toBeGreaterThan(0);
      expect(orgs.join('|')).not.toMatch(/(^|\|)(Xã|Thôn|Thị trấn|Tổ dân phố) /);
      await expect.poll(() => page.getByTestId('area-trends').locator('svg').count(), { timeout: 15_000 }).toBe(10);
      await screenshot(page, 'dashboard-map-desktop');

      // Keyboard: focus Hương Phú's area and follow it.
      await page.getByTestId('map-area-20164').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.url()).toContain('#/dashboard/20164');
      await page.getByRole('navigation', { name: 'Vị trí trong địa bàn' }).getByText('Xã Hương Phú').waitFor();
      await page.getByRole('heading', { name: 'Diễn biến độ phủ: Xã Hương Phú' }).waitFor();
      // A commune has no boundaries of its villages: bars instead of a map, the same cards.
      await expect.poll(() => page.getByTestId('coverage-map').count(), { timeout: 15_000 }).toBe(0);
      const villageNames = await page
        .getByTestId('below-villages')
        .locator('tbody tr td:first-child')
        .allTextContents();
      expect(villageNames.every((n) => n.startsWith('Thôn '))).toBe(true);
      expect(await page.getByTestId('below-communes').count()).toBe(0);
      await screenshot(page, 'dashboard-commune-desktop');

      // Down to a village, and back up by the breadcrumb.
      await page.getByRole('link', { name: 'Thôn 3' }).first().click();
      await expect.poll(() => page.url()).toContain('#/dashboard/20164-03');
      await page.getByRole('heading', { name: 'Diễn biến độ phủ: Thôn 3' }).waitFor();
      await page
        .getByRole('navigation', { name: 'Vị trí trong địa bàn' })
        .getByRole('link', { name: 'Huyện Nam Đông' })
        .click();
      await mapShown(page);
    });
  });

  it('changes the period: 7, 30 or 90 days or a chosen range', { timeout: 60_000 }, async () => {
    await web.withPage('huyen', async (page) => {
      await mapShown(page);
      const newTile = () => page.locator('.tile', { hasText: 'Cài mới' }).locator('.tile-value').textContent();
      const thirty = Number((await newTile())?.replace(/\D/g, ''));
      // The choice is kept in the address, so a radio shows checked only once the hashchange has
      // gone round: click, then wait for it (check() reads it at once and can find it unchecked).
      await page.getByLabel('7 ngày').click();
      await expect.poll(() => page.url()).toContain('days=7');
      await expect.poll(async () => Number((await newTile())?.replace(/\D/g, ''))).toBeLessThan(thirty);
      await page.getByLabel('90 ngày').click();
      await expect.poll(() => page.url()).toContain('days=90');
      await expect.poll(async () => Number((await newTile())?.replace(/\D/g, ''))).toBe(253);
      await page.getByLabel('Tùy chọn').click();
      await expect.poll(() => page.getByLabel('Tùy chọn').isChecked()).toBe(true);
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      const from = new Date(Date.now() + 7 * 3_600_000 - 20 * DAY).toISOString().slice(0, 10);
      await page.getByLabel('Từ ngày').fill(from);
      await page.getByLabel('Đến ngày').fill(today);
      await expect.poll(() => page.url()).toContain(`from=${from}&to=${today}`);
      // The days on the axis are Intl's ("2/12"), not "12-02".
      const axis = await page.locator('.chart-label').allTextContents();
      expect(axis.some((l) => /^\d{1,2}\/\d{1,2}$/.test(l))).toBe(true);
      expect(axis.some((l) => /^\d{2}-\d{2}$/.test(l))).toBe(false);
    });
  });

  it('is readable on a 360-px phone (labels of 11 px or more) and in English, <html lang> following', {
    timeout: 90_000,
  }, async () => {
    await web.withPage('huyen', PHONE, async (page) => {
      await mapShown(page);
      await page.getByTestId('area-trends').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
      expect(await smallestChartFontPx(page)).toBeGreaterThanOrEqual(11);
      await screenshot(page, 'dashboard-map-phone');
      await page.goto(`${web.server.url}/#/dashboard/20164`);
      // A hash change keeps the district's charts on screen until the commune's load: wait for its heading.
      await page.getByRole('heading', { name: 'Diễn biến độ phủ: Xã Hương Phú' }).waitFor();
      await page.getByTestId('area-trends').locator('svg text').first().waitFor();
      expect(await smallestChartFontPx(page)).toBeGreaterThanOrEqual(11);
      await screenshot(page, 'dashboard-commune-phone');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Coverage over time: Xã Hương Phú' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.reload();
      await page.getByRole('heading', { name: 'Coverage over time: Xã Hương Phú' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await screenshot(page, 'dashboard-commune-phone-en');
    });

    await web.withPage('huyen', async (desktop) => {
      await desktop.getByRole('button', { name: 'English' }).click();
      await desktop.getByRole('heading', { name: 'Coverage map' }).waitFor();
      const label = (await desktop.getByTestId('map-area-20161').getAttribute('aria-label')) ?? '';
      expect(label).toMatch(/^Thị trấn Khe Tre: [\d.]+% \(target 60%\)$/);
      await screenshot(desktop, 'dashboard-map-desktop-en');
    });
  });

  it('words server problems in the user language, listing the bad entries, and the login error follows the switch', {
    timeout: 90_000,
  }, async () => {
    await web.withPage('admin', DESKTOP, { route: '#/campaigns' }, async (page) => {
      await page.getByLabel(/mỗi dòng một số/).fill('0912345678, Nguyễn Văn A\n12345\n0987 654 321\nabc');
      await page.getByRole('button', { name: 'Thêm vào danh bạ' }).click();
      const alert = page.getByRole('alert');
      await alert.locator('li').first().waitFor();
      expect(await alert.locator('li').allTextContents()).toEqual([
        'Mục 2: Số điện thoại không hợp lệ (cần số di động Việt Nam, ví dụ 0912 345 678).',
        'Mục 4: Số điện thoại không hợp lệ (cần số di động Việt Nam, ví dụ 0912 345 678).',
      ]);
      expect(await alert.textContent()).not.toMatch(/bad phone|none added/);
      await page.getByRole('button', { name: 'English' }).click();
      await alert.locator('li', { hasText: 'The phone number is not valid' }).first().waitFor();
      expect(await alert.locator('li').first().textContent()).toMatch(/^Entry 2: /);
      await screenshot(page, 'problem-entries-desktop-en');

      // A map upload refused feature by feature, in English now.
      await page.goto(`${web.server.url}/#/dashboard`);
      await page.getByText("Load the district's boundaries (GeoJSON)").click();
      const square = [
        [
          [107.7, 16.1],
          [107.71, 16.1],
          [107.71, 16.11],
          [107.7, 16.1],
        ],
      ];
      const geojson = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: '99999' }, geometry: { type: 'Polygon', coordinates: square } },
          {
            type: 'Feature',
            properties: { code: '20161' },
            geometry: { type: 'Polygon', coordinates: [square[0]?.slice(0, 3)] },
          },
        ],
      };
      await page.locator('input[name="map-file"]').setInputFiles({
        name: 'nam-dong.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify(geojson)),
      });
      await page.getByRole('button', { name: 'Upload' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'The map file (GeoJSON) has errors' });
      await refused.waitFor();
      expect(await refused.locator('li').allTextContents()).toEqual([
        'Entry 1, code: There is no unit with this code.',
        'Entry 2, coordinates: The map file (GeoJSON) has errors; nothing was stored.',
      ]);
    });

    // The login page: a refusal shown in Vietnamese turns English with the switch.
    await web.withPage(null, PHONE, async (login) => {
      await login.getByLabel('Tên đăng nhập').fill('huyen');
      await login.getByLabel('Mật khẩu').fill('sai-mật-khẩu');
      await login.getByRole('button', { name: 'Đăng nhập' }).click();
      await login.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu.' }).waitFor();
      await login.getByRole('button', { name: 'English' }).click();
      await login.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
      expect(await login.evaluate(() => document.documentElement.lang)).toBe('en');
    });
  });

  it('loads a district map uploaded by an admin and shows its source', { timeout: 60_000 }, async () => {
    await web.withPage('admin', async (page) => {
      await mapShown(page);
      const ring = (lon: number, lat: number) => [
        [
          [lon, lat],
          [lon + 0.05, lat],
          [lon + 0.05, lat + 0.05],
          [lon, lat + 0.05],
          [lon, lat],
        ],
      ];
      const geojson = {
        type: 'FeatureCollection',
        features: ['20161', '20164', '20167', '20170'].map((code, i) => ({
          type: 'Feature',
          properties: { code },
          geometry: { type: 'Polygon', coordinates: ring(107.6 + (i % 2) * 0.05, 16.1 + Math.floor(i / 2) * 0.05) },
        })),
      };
      await page.getByText('Tải ranh giới của huyện (GeoJSON)').click();
      await page.locator('input[name="map-file"]').setInputFiles({
        name: 'nam-dong.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify(geojson)),
      });
      await page.getByLabel('Nguồn dữ liệu và giấy phép').fill('Thử nghiệm, CC BY 4.0');
      await page.getByRole('button', { name: 'Tải lên' }).click();
      await page.getByText('Đã lưu ranh giới 4 vùng.').waitFor();
      await expect.poll(() => page.locator('[data-testid^="map-area-"]').count()).toBe(4);
      await page.getByText('Nguồn: Thử nghiệm, CC BY 4.0').waitFor();
      await page.getByRole('button', { name: 'Dùng lại sơ đồ minh họa' }).click();
      await expect.poll(() => page.locator('[data-testid^="map-area-"]').count()).toBe(10);
    });
  });
});
