// Orders 7 and 8 in a real browser (Debian's Chromium via playwright-core) against the real
// server: a commune manager writes, edits and retires a loudspeaker script, sees its next
// broadcasts, reports broadcasts aired and missed into the log (a time still ahead is refused in
// Vietnamese); the district books media ad time with a partner, a past time refused, and reads
// planned vs aired per week; in Vietnamese and English. Screenshots on desktop and phone.
import { DESKTOP, PHONE } from '@bluezone/test-support';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-harness';
import { ADMIN, HUONG_PHU, startWebServer, type WebServer } from './support/web-server-harness';

const HOUR = 3_600_000;

let web: WebServer;

/**
 * `steps` on a person's page at `route`, its context closed however they end; dialogs (a
 * script's retirement) are confirmed.
 */
function onPage<T>(username: string, route: string, viewport: typeof DESKTOP, steps: (page: Page) => Promise<T>) {
  // A step that fails says which, before the test's own timeout.
  return web.withPage(username, viewport, { route, timeoutMs: 20_000, acceptDialogs: true }, steps);
}

/** A `datetime-local` value in Vietnam time (the browser context's zone). */
function vnLocal(ms: number): string {
  return new Date(ms + 7 * HOUR).toISOString().slice(0, 16);
}

beforeAll(async () => {
  web = await startWebServer({ name: 'announce-e2e', people: [ADMIN, HUONG_PHU] });
}, 180_000);

afterAll(() => web?.close());

describe('announcements and media pages', () => {
  it('writes, edits and retires a script, and keeps the broadcast log', async () => {
    await onPage('huongphu', '#/announcements', DESKTOP, async (page) => {
      const form = page.getByTestId('script-form');
      await form.getByLabel('Kịch bản').fill('Loa xã Hương Phú');
      await form.getByLabel('Nội dung').fill('Bà con Hương Phú hãy cài Bluezone.');
      await form.getByLabel('Lịch phát lặp lại (cron, giờ Việt Nam)').fill('0 17 * * *');
      await form.getByRole('button', { name: 'Tạo kịch bản' }).click();
      await page.getByText('Đã tạo kịch bản Loa xã Hương Phú.').waitFor();
      const scripts = page.getByTestId('scripts-card');
      await expect
        .poll(async () => (await scripts.getByTestId('script-next-1').textContent()) ?? '')
        .toContain('17:00');

      await scripts.getByRole('button', { name: 'Sửa' }).click();
      const edit = page.getByTestId('script-edit-1');
      await edit.getByLabel('Lịch phát lặp lại (cron, giờ Việt Nam)').fill('30 6 * * *');
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu kịch bản Loa xã Hương Phú.').waitFor();
      await expect
        .poll(async () => (await scripts.getByTestId('script-next-1').textContent()) ?? '')
        .toContain('06:30');

      const log = page.getByTestId('broadcast-form');
      await log.getByLabel('Đơn vị').selectOption('20164-01');
      await log.getByLabel('Loa hoặc đài').fill('Loa thôn 1');
      await log.getByLabel('Giờ phát theo lịch').fill(vnLocal(Date.now() - 2 * HOUR));
      await log.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.getByText('Đã ghi nhận buổi phát.').waitFor();
      await log.getByLabel('Giờ phát theo lịch').fill(vnLocal(Date.now() - 26 * HOUR));
      await log.getByLabel('Kết quả').selectOption('missed');
      await log.getByLabel('Lý do (mất điện, loa hỏng…)').fill('Mất điện');
      await log.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.getByText('Bị lỡ: Mất điện').waitFor();
      // A broadcast still ahead is refused, said in Vietnamese, and nothing is logged.
      await log.getByLabel('Giờ phát theo lịch').fill(vnLocal(Date.now() + 5 * HOUR));
      await log.getByLabel('Kết quả').selectOption('aired');
      await log.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.getByText('Buổi phát này chưa đến giờ. Hãy ghi nhận sau khi đã phát.').waitFor();
      const board = page.getByTestId('broadcast-log');
      // The board's tallies reload after each entry: poll them rather than read them once.
      await expect.poll(() => board.getByText('1 buổi đã phát').count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => board.getByText('1 buổi bị lỡ').count(), { timeout: 15_000 }).toBe(1);
      await screenshot(page, 'announcements-desktop');

      await scripts.getByRole('button', { name: 'Ngừng dùng' }).click();
      await page.getByText('Đã ngừng dùng kịch bản Loa xã Hương Phú.').waitFor();
      await expect
        .poll(async () => (await scripts.getByTestId('script-next-1').textContent()) ?? '')
        .toContain('Ngừng từ');
      expect(await scripts.getByRole('button', { name: 'Sửa' }).count()).toBe(0);
    });
    await onPage('huongphu', '#/announcements', PHONE, async (phone) => {
      await phone.getByTestId('broadcast-log').getByText('Loa thôn 1').first().waitFor();
      await screenshot(phone, 'announcements-phone');
    });
  }, 180_000);

  it('books media ad time, refuses a past time in the user’s language, and shows planned vs aired per week', async () => {
    await onPage('admin', '#/media', DESKTOP, async (page) => {
      const partner = page.getByTestId('partner-form');
      await partner.getByLabel('Đối tác').fill('Đài Phát thanh – Truyền hình Huế');
      await partner.getByLabel('Loại').selectOption('tv');
      await partner.getByRole('button', { name: 'Thêm đối tác' }).click();
      await page.getByText('Đã thêm Đài Phát thanh – Truyền hình Huế.').waitFor();
      // The district's script, written on the announcements page.
      await onPage('admin', '#/announcements', DESKTOP, async (announce) => {
        const form = announce.getByTestId('script-form');
        await form.getByLabel('Kênh').selectOption('radio_tv');
        await form.getByLabel('Kịch bản').fill('Bản tin Bluezone');
        await form.getByLabel('Nội dung').fill('Huyện Nam Đông đang triển khai ứng dụng Bluezone.');
        await form.getByRole('button', { name: 'Tạo kịch bản' }).click();
        await announce.getByText('Đã tạo kịch bản Bản tin Bluezone.').waitFor();
      });

      await page.reload();
      const book = page.getByTestId('booking-form');
      await book.getByLabel('Giờ phát').fill(vnLocal(Date.now() - HOUR));
      await book.getByLabel('Chi phí mỗi lần (đồng)').fill('1500000');
      await book.getByLabel('Số người tiếp cận mỗi lần').fill('20000');
      await book.getByRole('button', { name: 'Đặt', exact: true }).click();
      await page.getByText('Thời điểm gửi đã qua').first().waitFor();
      // The list loads on its own request: wait for it rather than count whatever is there yet.
      await page.getByTestId('media-slots').getByText('Chưa đặt khung giờ nào.').waitFor();
      expect(await page.getByTestId('media-slots').getByText('Chưa đặt khung giờ nào.').count()).toBe(1);

      await book.getByLabel('Giờ phát').fill(vnLocal(Date.now() + 24 * HOUR));
      await book.getByRole('button', { name: 'Thêm giờ phát' }).click();
      await book.getByLabel('Giờ phát').fill(vnLocal(Date.now() + 8 * 24 * HOUR));
      await book.getByRole('button', { name: 'Đặt', exact: true }).click();
      await page.getByText('Đã đặt 2 khung giờ.').waitFor();
      const slots = page.getByTestId('media-slots');
      // The confirmation shows before the list has reloaded (a clean-clone run counted 0 here):
      // wait for the second booked slot, then check there are exactly two.
      await slots.getByText('Đã đặt', { exact: true }).nth(1).waitFor();
      expect(await slots.getByText('Đã đặt', { exact: true }).count()).toBe(2);
      const weeks = page.getByTestId('media-weeks');
      await weeks.getByText('Đã phát: 0/1 (0%)').first().waitFor();
      expect(await weeks.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
      const csv = await page.evaluate(async () => (await fetch('/api/rollout/media/report?format=csv')).text());
      expect(csv.split('\n')[0]).toContain('week_starting,planned_slots,aired_slots');
      await slots.getByRole('button', { name: 'Hủy' }).first().click();
      await page.getByText('Đã hủy khung giờ.').waitFor();
      await screenshot(page, 'media-desktop');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Media ad time' }).waitFor();
      await page.getByRole('heading', { name: 'Planned vs aired per week' }).waitFor();
    });
    await onPage('admin', '#/media', PHONE, async (phone) => {
      await phone.getByTestId('media-weeks').waitFor();
      await screenshot(phone, 'media-phone');
    });
  }, 180_000);
});
