// The install drives, businesses and archive pages in a real browser (Debian's Chromium via
// playwright-core) against the real server with a temp SQLite data dir and the built bundle: a
// commune manager creates a drive and a volunteer whose invite QR brings in an install, adds a
// business whose counter QR does, prints its sticker, archives and restores a village, and sees
// a population warning; Vietnamese first, English on a switch; screenshots on desktop and phone.
import { createApiKey } from '@bluezone/server';
import { PHONE } from '@bluezone/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-harness';
import { DISTRICT, HUONG_PHU, startWebServer, type WebServer } from './support/web-server-harness';

let web: WebServer;
let deviceKey: string;
let adminKey: string;

async function post(pathname: string, body: unknown, key: string, type = 'application/json'): Promise<Response> {
  return fetch(`${web.server.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-api-key': key },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  web = await startWebServer({
    name: 'web-drives',
    people: [HUONG_PHU, DISTRICT],
    env: { ROLLOUT_SEED_DEMO: undefined },
  });
  const { database, clock } = web.server.context;
  deviceKey = (await createApiKey(database, clock, 'device')).key;
  adminKey = (await createApiKey(database, clock, 'admin')).key;
}, 120_000);

afterAll(() => web?.close());

describe('drives, businesses and archived units in Chromium', () => {
  it('runs a drive whose volunteer QR brings in an install, and ranks the volunteer', { timeout: 90_000 }, async () => {
    await web.withPage('huongphu', async (page) => {
      await page.getByRole('link', { name: 'Đợt vận động' }).click();
      await page.getByRole('heading', { name: 'Đợt vận động cài đặt của Đoàn Thanh niên' }).waitFor();
      const form = page.getByTestId('drive-form');
      await form.getByLabel('Đợt vận động').fill('Ngày hội cài Bluezone Hương Phú');
      await form.getByLabel('Ngày').fill('2099-03-26');
      await form.getByLabel('Địa điểm').fill('Nhà văn hóa thôn 2');
      await form.getByLabel('Người tổ chức').fill('Chi đoàn xã Hương Phú');
      await form.getByRole('button', { name: 'Tạo đợt' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã tạo đợt Ngày hội cài Bluezone Hương Phú.' }).waitFor();

      await page.getByRole('button', { name: 'Ngày hội cài Bluezone Hương Phú' }).click();
      const volunteers = page.getByTestId('drive-volunteers');
      await volunteers.getByLabel('Họ tên tình nguyện viên').fill('Lê Thị Hoa');
      await volunteers.getByLabel('Số điện thoại (không bắt buộc)').fill('0912 345 678');
      await volunteers.getByRole('button', { name: 'Thêm tình nguyện viên' }).click();
      await volunteers.getByRole('img', { name: 'Mã QR mời của Lê Thị Hoa' }).waitFor();
      const link = (await volunteers.getByRole('link', { name: /\?vol=/ }).textContent()) ?? '';
      expect(link).toMatch(/\/app\/\?vol=[A-Za-z0-9_-]{12}$/);
      await expect.poll(() => volunteers.textContent()).toContain('+84912345678');

      // A resident of Thôn 3 installs from the volunteer's QR.
      const volunteerCode = new URL(link).searchParams.get('vol');
      const attest = await post(
        '/api/rollout/attest',
        {
          volunteerCode,
          homeUnitCode: '20164-03',
          installId: 'web-drive-install-0001',
          appVersion: '1.0.0',
          tracingActive: true,
        },
        deviceKey,
      );
      expect(attest.status).toBe(201);
      await page.reload();
      await page.getByTestId('leaderboard-card').getByText('Lê Thị Hoa').waitFor();
      const installs = page.getByTestId('drives-card').locator('[data-testid^="drive-installs-"]');
      await expect.poll(() => installs.textContent()).toBe('1');
      await screenshot(page, 'drives-desktop');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Youth Union install drives' }).waitFor();
      await page.getByRole('heading', { name: "Volunteers' leaderboard" }).waitFor();
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    });

    await web.withPage('huongphu', PHONE, async (phone) => {
      await phone.goto(`${web.server.url}/#/drives`);
      await phone.getByTestId('leaderboard-card').getByText('Lê Thị Hoa').waitFor();
      await screenshot(phone, 'drives-phone');
    });
  });

  it('adds a business, counts the installs it recommends, and prints its sticker', { timeout: 90_000 }, async () => {
    await web.withPage('huongphu', async (page) => {
      await page.goto(`${web.server.url}/#/businesses`);
      await page.getByRole('heading', { name: 'Cửa hàng giới thiệu Bluezone' }).waitFor();
      const form = page.getByTestId('business-form');
      await form.getByLabel('Xã hoặc thôn').selectOption('20164-02');
      await form.getByLabel('Cửa hàng').fill('Tạp hóa Cô Lan');
      await form.getByLabel('Khách mỗi tháng').fill('200');
      await form.getByRole('button', { name: 'Thêm cửa hàng' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã thêm Tạp hóa Cô Lan, mã 20164-02-B1.' }).waitFor();

      const attest = await post(
        '/api/rollout/attest',
        {
          unitCode: '20164-02-B1',
          homeUnitCode: '20164-01',
          installId: 'web-shop-install-00001',
          appVersion: '1.0.0',
          tracingActive: true,
        },
        deviceKey,
      );
      expect(attest.status).toBe(201);
      await page.reload();
      await expect.poll(() => page.getByTestId('recommended-20164-02-B1').textContent()).toBe('1');
      const href = await page.getByRole('link', { name: 'Tem dán A5' }).first().getAttribute('href');
      expect(href).toBe('/api/rollout/businesses/20164-02-B1/sticker.pdf?size=A5');
      const pdf = await page.request.get(`${web.server.url}${href}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await screenshot(page, 'businesses-desktop');
    });

    await web.withPage('huongphu', PHONE, async (phone) => {
      await phone.goto(`${web.server.url}/#/businesses`);
      await phone.getByTestId('recommended-20164-02-B1').waitFor();
      await screenshot(phone, 'businesses-phone');
    });
  });

  it('archives and restores a village, and warns where populations disagree', { timeout: 90_000 }, async () => {
    // A fifth village of 100 people: Hương Phú's villages now add up to 4,000 against its 3,900.
    const imported = await post(
      '/api/rollout/units/import',
      'code,name,kind,parent_code,population\n20164-05,Thôn 5,village,20164,100\n',
      adminKey,
      'text/csv',
    );
    expect(imported.status).toBe(200);
    const warning = 'Xã Hương Phú (20164) có 3.900 người, 5 đơn vị trực thuộc cộng lại 4.000.';
    // The district's dashboard says it too.
    await web.withPage('huyen', async (district) => {
      await district.getByTestId('population-warnings').filter({ hasText: warning }).waitFor();
    });
    await web.withPage('huongphu', async (page) => {
      await page.goto(`${web.server.url}/#/unit`);
      await page.getByTestId('population-warnings').filter({ hasText: warning }).waitFor();
      const card = page.getByTestId('unit-archive-card');
      await card.getByTestId('archive-20164-05').click();
      await page.getByRole('status').filter({ hasText: 'Đã lưu trữ Thôn 5.' }).waitFor();
      await expect.poll(() => card.getByTestId('archive-20164-05').textContent()).toBe('Khôi phục');
      // Archived, Thôn 5 leaves the sum: no warning left.
      await page.reload();
      await card.getByTestId('archive-20164-05').waitFor();
      expect(await page.getByTestId('population-warnings').count()).toBe(0);
      await screenshot(page, 'unit-archive-desktop');
      await card.getByTestId('archive-20164-05').click();
      await page.getByRole('status').filter({ hasText: 'Đã khôi phục Thôn 5.' }).waitFor();
      // A manager cannot archive Hương Phú itself; a commune with active villages is refused with a message.
      const refused = await post('/api/rollout/units/20164/archive', {}, adminKey);
      expect(refused.status).toBe(409);
    });
  });
});
