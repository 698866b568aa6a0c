// A field test's enrolment in Chromium against the real server (SQLite in a temporary folder, the
// built web app): an admin types a test id, a range of phone labels and the window in the admin
// page's Field test card, sees the labels it expands to, issues, and gets the sheet. Each slip's
// QR code, read back from the page's pixels, is a token the phone SDK enrols with, verified with
// the keys the server publishes; the request the page sent is the contract's. A duplicate label
// keeps the button off. Printing the page prints the sheet alone. Screenshots: desktop and phone.

import { enrolFieldTest, MemoryStore } from '@bluezone/client';
import { decodeFieldTestToken, type FieldTestEnrolment, verifyFieldTestEnrolment } from '@bluezone/protocol';
import type { fieldTestApi, keyServerApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { DESKTOP, PHONE } from '@bluezone/test-support';
import jsQR from 'jsqr';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-harness';
import { ADMIN, startWebServer, type WebServer } from './support/web-server-harness';

const HOUR = 3_600_000;
/** The browser's time zone (test-support's web context). */
const VN_OFFSET = 7 * HOUR;

let web: WebServer;

beforeAll(async () => {
  web = await startWebServer({ name: 'field-test-e2e', people: [ADMIN], env: { ROLLOUT_SEED_DEMO: undefined } });
}, 180_000);

afterAll(() => web?.close());

/** A `datetime-local` value in Vietnam's time for `ms`. */
const vnLocal = (ms: number) => new Date(ms + VN_OFFSET).toISOString().slice(0, 16);

/** The text a QR image on the page says: its pixels drawn at 2 px a module, decoded by jsQR. */
async function readQr(img: Locator): Promise<string | undefined> {
  const pixels = await img.evaluate((el: HTMLImageElement) => {
    const scale = 3; // the sheet's images are 6 px a module
    const width = Math.floor(el.naturalWidth / scale);
    const height = Math.floor(el.naturalHeight / scale);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.imageSmoothingEnabled = false;
    g.drawImage(el, 0, 0, width, height);
    return { width, height, data: Array.from(g.getImageData(0, 0, width, height).data) };
  });
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data;
}

describe('field test enrolment in Chromium', () => {
  it('issues one QR code per phone that the phone SDK enrols with, and prints the sheet alone', {
    timeout: 120_000,
  }, async () => {
    // Tomorrow at a whole hour, for three days: ahead of any clock this runs on.
    const start = Math.ceil((Date.now() + 24 * HOUR) / HOUR) * HOUR;
    const end = start + 3 * 24 * HOUR;
    await web.withPage('admin', DESKTOP, { route: '#/admin' }, async (page) => {
      const card = page.getByTestId('field-test-card');
      await card.getByRole('heading', { name: 'Thử nghiệm thực địa' }).waitFor();
      expect(await card.getByTestId('field-test-warning').textContent()).toContain(
        'Chỉ đăng ký điện thoại thử nghiệm của chính cơ quan y tế',
      );
      const issue = card.getByRole('button', { name: 'Cấp mã' });

      await card.getByLabel('Mã đợt thử').fill('nam-dong-e2e');
      await card.getByLabel('Nhãn điện thoại').fill('T01–T03, T02');
      await card.getByLabel('Bắt đầu').fill(vnLocal(start));
      await card.getByLabel('Kết thúc').fill(vnLocal(end));
      await card.getByTestId('field-test-problems').getByText('T02 có trong danh sách nhiều lần.').waitFor();
      expect(await issue.isDisabled()).toBe(true);

      await card.getByLabel('Nhãn điện thoại').fill('T01–T03');
      const labels = card.getByTestId('field-test-labels');
      await labels.getByText('Sẽ đăng ký 3 điện thoại:').waitFor();
      expect(await labels.locator('li').allTextContents()).toEqual(['T01', 'T02', 'T03']);

      const sent = page.waitForRequest((r) => r.url().endsWith('/api/configuration/field-test'));
      await issue.click();
      const request = await sent;
      expect(request.method()).toBe('POST');
      expect(request.postDataJSON()).toEqual({
        testId: 'nam-dong-e2e',
        phones: ['T01', 'T02', 'T03'],
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(end).toISOString(),
      } satisfies fieldTestApi.IssueFieldTestRequest);

      const sheet = card.getByTestId('field-test-sheet');
      await sheet.getByRole('heading', { name: 'Đợt thử nam-dong-e2e: 3 điện thoại' }).waitFor();
      await card.getByText('Đã cấp 3 mã cho đợt thử nam-dong-e2e.').waitFor();

      // What a phone trusts: the keys the server publishes for its region.
      const published = (await (
        await fetch(`${web.server.url}/api/export-keys`)
      ).json()) as keyServerApi.ExportKeysResponse;
      const keys = published.keys.map((k) => ({ pem: k.publicKeyPem, keyId: k.keyId }));
      expect(keys.length).toBeGreaterThan(0);

      for (const phone of ['T01', 'T02', 'T03']) {
        const slip = sheet.getByTestId(`field-test-slip-${phone}`);
        const qr = slip.getByTestId('field-test-qr');
        await qr.waitFor();
        expect(await slip.locator('[lang="vi"]').textContent()).toBe(
          'Mở Bluezone → Cài đặt → Điện thoại thử nghiệm thực địa, quét mã này.',
        );
        expect(await slip.locator('[lang="en"]').textContent()).toBe(
          'Open Bluezone → Settings → Field test phone, scan this code.',
        );
        const token = await readQr(qr);
        expect(token, phone).toMatch(/^BZFT1\./);
        const expected: FieldTestEnrolment = {
          kind: 'bluezone-field-test',
          region: published.region,
          testId: 'nam-dong-e2e',
          phone,
          startsAtMs: start,
          endsAtMs: end,
        };
        expect(
          verifyFieldTestEnrolment(nodeBackend, decodeFieldTestToken(token ?? ''), keys, {
            region: published.region,
            nowMs: Date.now(),
          }),
        ).toEqual(expected);
        // The phone's own step: its SDK verifies the scanned code with the keys it trusts and keeps it.
        const store = new MemoryStore();
        const enrolled = await enrolFieldTest(token ?? '', {
          backend: nodeBackend,
          store,
          publicKeys: keys,
          region: published.region,
          clock: { now: () => Date.now() },
        });
        expect(enrolled).toEqual(expected);
      }
      // The tokens are in the QR codes only, never as text on the page.
      expect(await page.locator('body').textContent()).not.toContain('BZFT1.');

      await screenshot(page, 'admin-field-test-desktop');
      // Printed: the sheet alone, none of the admin page's other cards or the form.
      const others = [
        page.getByTestId('configuration-card'),
        card.getByLabel('Mã đợt thử'),
        page.getByRole('heading', { name: 'Quản trị hệ thống', exact: true }),
      ];
      const visible = async () => Promise.all([sheet, ...others].map((l) => l.isVisible()));
      expect(await visible()).toEqual([true, true, true, true]);
      await page.emulateMedia({ media: 'print' });
      expect(await visible()).toEqual([true, false, false, false]);
      await page.emulateMedia({ media: 'screen' });
    });

    await web.withPage('admin', PHONE, { route: '#/admin' }, async (page) => {
      const card = page.getByTestId('field-test-card');
      await card.getByLabel('Mã đợt thử').fill('nam-dong-e2e');
      await card.getByLabel('Nhãn điện thoại').fill('T01–T12');
      await card.getByLabel('Bắt đầu').fill(vnLocal(start));
      await card.getByLabel('Kết thúc').fill(vnLocal(end));
      await card.getByRole('button', { name: 'Cấp mã' }).click();
      await card.getByTestId('field-test-slip-T12').getByTestId('field-test-qr').waitFor();
      await screenshot(page, 'admin-field-test-phone');
    });
  });
});
