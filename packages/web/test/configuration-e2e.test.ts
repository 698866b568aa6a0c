// The contact-detection configuration card in Chromium: an admin sees the served version,
// saves an edit as the next signed version, is told which value the server refused, and
// previews a simulator sample's precision and recall under the served and the edited
// parameters. Real server (SQLite in a temporary folder), real built web app.
import fs from 'node:fs';
import path from 'node:path';
import {
  type AttenuationReading,
  encodePreviewKey,
  PREVIEW_SAMPLE_FORMAT,
  type PreviewSample,
  parseConfigurationDocument,
} from '@bluezone/protocol';
import { DESKTOP } from '@bluezone/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-harness';
import { ADMIN, startWebServer, type WebServer } from './support/web-server-harness';

const T0 = Date.UTC(2026, 10, 20, 9);

let web: WebServer;

/** A key heard in GAEN scans (2 readings every 5 minutes) at `level` dB for `minutes`. */
function heard(level: number, minutes: number): AttenuationReading[] {
  const out: AttenuationReading[] = [];
  for (let m = 0; m < minutes; m += 5)
    for (const dt of [0, 1000]) out.push({ timeMs: T0 + m * 60_000 + dt, attenuationDb: level });
  return out;
}

/** Two phones truly near an uploader for two hours, one heard at 8 m all afternoon. */
const SAMPLE: PreviewSample = {
  format: PREVIEW_SAMPLE_FORMAT,
  version: 1,
  source: 'e2e sample',
  scanPeriodSeconds: 300,
  trueContacts: 2,
  phones: [
    { trueContact: true, keys: [encodePreviewKey(heard(44, 120))] },
    { trueContact: true, keys: [encodePreviewKey(heard(50, 120))] },
    { trueContact: false, keys: [encodePreviewKey(heard(72, 240))] },
  ],
};

beforeAll(async () => {
  web = await startWebServer({ name: 'config-e2e', people: [ADMIN], env: { ROLLOUT_SEED_DEMO: undefined } });
}, 180_000);

afterAll(() => web?.close());

describe('configuration card in Chromium', () => {
  it('saves an edit as the next signed version, names a refused value, and previews a sample', {
    timeout: 120_000,
  }, async () => {
    await web.withPage('admin', DESKTOP, { route: '#/admin' }, async (page) => {
      const card = page.getByTestId('configuration-card');
      await card.getByTestId('configuration-version').filter({ hasText: 'Phiên bản 0' }).waitFor();

      // A value the estimator's validator refuses: the server's problem, worded, and nothing saved.
      await card.getByLabel('Phân vị quyết định', { exact: false }).fill('2');
      await card.getByRole('button', { name: 'Lưu và ký thành phiên bản tiếp theo' }).click();
      // The refused value is named as the card labels it, not as the server spells it.
      const refused = card.getByTestId('configuration-refused');
      await refused.getByText('Phân vị quyết định: Giá trị không được chấp nhận, chưa lưu phiên bản mới.').waitFor();
      expect(await refused.textContent()).not.toContain('decisionQuantile');
      await card.getByLabel('Phân vị quyết định', { exact: false }).fill('0.67');

      await card.getByLabel('Thông báo từ số phút gần mỗi ngày').fill('25');
      await card.getByRole('button', { name: 'Lưu và ký thành phiên bản tiếp theo' }).click();
      await card.getByText('Đã lưu và ký phiên bản 1.').waitFor();
      await card.getByTestId('configuration-version').filter({ hasText: 'Phiên bản 1' }).waitFor();
      const served = parseConfigurationDocument(
        ((await (await fetch(`${web.server.url}/api/configuration`)).json()) as { payload: string }).payload,
      );
      expect(served).toMatchObject({ version: 1, proximity: { notifyCloseMinutes: 25, decisionQuantile: 0.67 } });
      expect(served.advice).toBeUndefined();

      // The health authority's advice, shown by the resident app instead of its own steps: too long
      // is refused naming the field, and nothing saved; Vietnamese alone leaves English to the app.
      const advice = 'Ở nhà 10 ngày và gọi Trạm Y tế xã để được hẹn xét nghiệm.';
      await card.locator('textarea[name="advice-vi"]').fill('x'.repeat(601));
      await card.getByRole('button', { name: 'Lưu và ký thành phiên bản tiếp theo' }).click();
      await refused.getByText('Lời khuyên bằng tiếng Việt: Giá trị không được chấp nhận', { exact: false }).waitFor();
      expect(await refused.textContent()).not.toContain('advice.vi');
      await card.locator('textarea[name="advice-vi"]').fill(advice);
      // The card's reload after the save is held: meanwhile the box keeps the text just saved.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/api/configuration', async (route) => {
        if (route.request().method() === 'GET') await held;
        await route.continue();
      });
      await card.getByRole('button', { name: 'Lưu và ký thành phiên bản tiếp theo' }).click();
      await card.getByText('Đã lưu và ký phiên bản 2.').waitFor();
      expect(await card.locator('textarea[name="advice-vi"]').inputValue()).toBe(advice);
      release();
      await card.getByTestId('configuration-version').filter({ hasText: 'Phiên bản 2' }).waitFor();
      await page.unroute('**/api/configuration');
      const withAdvice = parseConfigurationDocument(
        ((await (await fetch(`${web.server.url}/api/configuration`)).json()) as { payload: string }).payload,
      );
      expect(withAdvice).toMatchObject({ version: 2, advice: { vi: advice }, proximity: { notifyCloseMinutes: 25 } });
      expect(withAdvice.advice?.en).toBeUndefined();
      expect(await card.locator('textarea[name="advice-vi"]').inputValue()).toBe(advice);

      // The preview: a sample file from the simulator, scored under the served and edited parameters.
      const file = path.join(web.dir, 'sample.json');
      fs.writeFileSync(file, JSON.stringify(SAMPLE));
      await card.locator('input[type=file]').setInputFiles(file);
      await card.getByTestId('configuration-sample').waitFor();
      await card.getByLabel('Thông báo từ số phút gần mỗi ngày').fill('1000');
      await card.getByRole('button', { name: 'Xem trước độ chính xác và độ phủ' }).click();
      const table = card.getByTestId('configuration-preview');
      await table.waitFor();
      const rows = await table.locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      // Served (25 min): at least one true contact notified; edited (1000 min): nobody.
      expect(rows[0]).toMatch(/^Đang áp dụng[1-3]/);
      expect(rows[1]).toBe('Đã sửa00 %0 %');
      await screenshot(page, 'admin-configuration-desktop');
    });
  });
});
