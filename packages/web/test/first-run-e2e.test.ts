// First run in Chromium against a real server on a fresh data directory: the page says there is no
// user yet and where the data is (and why there are no demo users there), refuses a wrong setup
// code in the user's language, then creates the administrator from the link `bluezone server`
// prints, saves the public address and seeds the demo district; the dashboard then says its
// figures include demo data, and the admin page clears it. The login page names the demo users
// and their password while they have it. Vietnamese and English, desktop and phone.
import { accounts } from '@bluezone/server';
import { DESKTOP, PHONE } from '@bluezone/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-harness';
import { startWebServer, type WebServer } from './support/web-server-harness';

let web: WebServer;

beforeAll(async () => {
  // A fresh start as its operator makes it: no units, no user, no public address, demo seeding on.
  web = await startWebServer({
    name: 'first-run-e2e',
    seedUnits: false,
    env: { ROLLOUT_SEED_DEMO: undefined, PUBLIC_BASE_URL: undefined },
  });
}, 120_000);

afterAll(() => web?.close());

describe('first run in Chromium', () => {
  it('creates the first admin with the setup code, saves the public address and seeds the demo district', {
    timeout: 120_000,
  }, async () => {
    await web.withPage(null, PHONE, async (phone) => {
      await phone.getByRole('heading', { name: 'Thiết lập Bluezone lần đầu' }).waitFor();
      const where = (await phone.getByTestId('database-line').textContent()) ?? '';
      expect(where).toContain(web.dir);
      expect(where).toContain('Tài khoản mẫu (demo) chỉ được tạo trong thư mục ./data mặc định');
      // A wrong code is refused in Vietnamese, then in English after the switch.
      await phone.getByLabel('Mã thiết lập').fill('AAAA-BBBB-CCCC-DDDD');
      await phone.locator('input[name="password"]').fill('mật-khẩu-đủ-dài');
      await phone.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
      await phone.getByRole('alert').filter({ hasText: 'Mã thiết lập không đúng. (ô: mã thiết lập)' }).waitFor();
      await screenshot(phone, 'first-run-phone');
      await phone.getByRole('button', { name: 'English' }).click();
      await phone.getByRole('alert').filter({ hasText: 'The set-up code is wrong.' }).waitFor();
      await screenshot(phone, 'first-run-phone-en');
    });

    // The link the server prints carries the code; the public address is asked for.
    const code = accounts.formatSetupCode(await accounts.setupCode(web.server.context));
    await web.withPage(null, DESKTOP, { route: `#/setup?code=${code}` }, async (page) => {
      expect(await page.getByLabel('Mã thiết lập').inputValue()).toBe(code);
      expect(await page.getByLabel('Địa chỉ công khai của máy chủ').inputValue()).toBe(web.server.url);
      await page.getByLabel('Tên đăng nhập').fill('hoa');
      await page.getByLabel('Họ tên hiển thị').fill('Nguyễn Thị Hoa');
      await page.locator('input[name="password"]').fill('mật-khẩu-đủ-dài');
      await page.getByLabel('Địa chỉ công khai của máy chủ').fill('https://bluezone.namdong.example');
      await page.getByLabel('Tạo huyện mẫu để thử').check();
      await screenshot(page, 'first-run-desktop');
      await page.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
      await page.getByTestId('demo-notice').waitFor({ timeout: 60_000 });
      expect(page.url()).toContain('#/dashboard');
      expect(await page.getByTestId('demo-notice').textContent()).toContain('dữ liệu mẫu (demo)');
      await page.getByTestId('coverage-map').waitFor();
      await screenshot(page, 'dashboard-demo-desktop');

      // The address is saved; the admin page shows it and the demo card, which clears the demo.
      await page.goto(`${web.server.url}/#/admin`);
      // The field fills once the site setting has loaded: poll it rather than read it at once.
      await expect
        .poll(() => page.getByLabel('Địa chỉ công khai của máy chủ').inputValue(), { timeout: 30_000 })
        .toBe('https://bluezone.namdong.example');
      const demoCard = page.getByTestId('demo-card');
      await demoCard.getByText(/Có dữ liệu mẫu từ .*lượt cài/).waitFor();
      page.once('dialog', (d) => void d.accept());
      await demoCard.getByRole('button', { name: 'Xóa dữ liệu mẫu' }).click();
      await demoCard.getByText('Đã xóa dữ liệu mẫu.').waitFor();
      await page.goto(`${web.server.url}/#/dashboard`);
      await page.getByTestId('coverage-map').waitFor();
      expect(await page.getByTestId('demo-notice').count()).toBe(0);
    });

    // Now a real user exists: the first-run page is gone and setup is refused.
    await web.withPage(null, PHONE, { route: `#/setup?code=${code}` }, async (again) => {
      await again.getByRole('heading', { name: 'Đăng nhập Bluezone' }).waitFor();
      expect(await again.getByTestId('server-notice').count()).toBe(0);
    });
  });

  it('names the demo users and their published password on the login page', { timeout: 60_000 }, async () => {
    const db = accounts.accountDb(web.server.context.database);
    const { clock, units } = web.server.context;
    await accounts.createUser(
      db,
      units,
      clock,
      { username: 'huyen', role: 'district', password: accounts.DEMO_PASSWORD, demo: true },
      { N: 1024, r: 8, p: 1 },
    );
    await web.withPage(null, PHONE, async (page) => {
      const notice = page.getByTestId('server-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toContain(`tài khoản mẫu huyen, mật khẩu ${accounts.DEMO_PASSWORD}`);
      await screenshot(page, 'login-demo-phone');
      await page.getByRole('button', { name: 'English' }).click();
      await notice.getByText('sign in as the demo users huyen').waitFor();
    });
  });
});
