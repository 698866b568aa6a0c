// The web app end to end in a real browser (Debian's Chromium via playwright-core) against the
// real server on a loopback port with a temp SQLite data dir and the built bundle: login and
// lockout, a code issued in the health console and used by the client SDK's positive report,
// coverage moving after attestations, a gatekeeper checking a QR read from a photo, the admin
// screens, language switching, and screenshots of each main page on a desktop and a 360-px phone.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { BluezoneClient, MemoryRadio, MemoryStore, seededRandom } from '@bluezone/client';
import {
  checkpointKeyPair,
  formatCheckpointPass,
  ManualClock,
  portableBackend,
  radioCommitment,
  signCheckpointToken,
} from '@bluezone/protocol';
import { rolloutDb } from '@bluezone/rollout';
import { createApiKey, listSigningKeys } from '@bluezone/server';
import {
  DESKTOP,
  decodeUcs2,
  type FakeSmscMessage,
  joinParts,
  type KannelGateway,
  kannelAvailable,
  launchChromium,
  PHONE,
  pageAs,
  startKannel,
  writeQrY4m,
} from '@bluezone/test-support';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/web-harness';
import {
  ADMIN,
  DISTRICT,
  HUONG_PHU,
  PASSWORD,
  startWebServer,
  type TestPerson,
  type WebServer,
} from './support/web-server-harness';

const PEOPLE: TestPerson[] = [
  ADMIN,
  DISTRICT,
  { username: 'yte', displayName: 'Cán bộ y tế', role: 'health_staff', unitCode: null },
  HUONG_PHU,
  { username: 'baove', displayName: 'Bảo vệ UBND huyện', role: 'gatekeeper', unitCode: '483-UBND' },
  { username: 'khoa', displayName: 'Người bị khóa', role: 'district', unitCode: null },
];

let web: WebServer;
let deviceKey: string;
let adminKey: string;
let kannel: KannelGateway;

/** The texts the SMS centre received for each phone, concatenated parts joined. */
function smsTexts(): Map<string, string> {
  const byPhone = new Map<string, FakeSmscMessage[]>();
  for (const m of kannel.received()) byPhone.set(m.to, [...(byPhone.get(m.to) ?? []), m]);
  const decode = (m: FakeSmscMessage) => (b: Buffer) => (m.ucs2 || m.udh ? decodeUcs2(b) : b.toString('latin1'));
  return new Map([...byPhone].map(([phone, parts]) => [phone, joinParts(parts, decode(parts[0] as FakeSmscMessage))]));
}

function exportPublicKeyPem(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return publicKey.export({ type: 'spki', format: 'pem' }) as string;
}

async function api(pathname: string, body: unknown, key: string): Promise<Response> {
  return fetch(`${web.server.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(body),
  });
}

/**
 * A visitor's phone: attests an install with its checkpoint key, then shows a fresh pass — the
 * signed token and, after `~`, the RPI it commits to with its salt (checkpoint-pass.ts).
 */
async function visitorPass(
  installId: string,
  unitCode: string,
): Promise<{ pass: string; token: string; radio: string }> {
  const visitor = checkpointKeyPair(randomBytes(32));
  const checkpointKey = visitor.publicKey;
  const attest = await api(
    '/api/rollout/attest',
    { unitCode, installId, appVersion: '1.0.0', tracingActive: true, checkpointKey },
    deviceKey,
  );
  expect(attest.status).toBe(201);
  const opening = { rpi: randomBytes(16), salt: randomBytes(16) };
  const token = signCheckpointToken(visitor.secretKey, {
    radioCommitment: radioCommitment(opening),
    issuedAt: Math.floor(Date.now() / 1000),
    nonce: randomBytes(9).toString('base64url'),
    tracingActive: true,
  });
  const pass = formatCheckpointPass(token, opening);
  return { pass, token, radio: pass.split('~')[1] as string };
}

beforeAll(async () => {
  // The real SMS gateway: Kannel with fakesmsc as the operator (scripts/setup installs both).
  if (!kannelAvailable()) throw new Error('Kannel not installed: run scripts/setup (kannel, kannel-extras)');
  kannel = await startKannel();
  web = await startWebServer({
    name: 'web-e2e',
    people: PEOPLE,
    env: {
      ROLLOUT_SEED_DEMO: undefined,
      ROLLOUT_WORKER_INTERVAL_SECONDS: '1',
      KANNEL_SENDSMS_URL: kannel.sendsmsUrl,
      KANNEL_USERNAME: kannel.username,
      KANNEL_PASSWORD: kannel.password,
    },
  });
  const { database, clock } = web.server.context;
  deviceKey = (await createApiKey(database, clock, 'device')).key;
  adminKey = (await createApiKey(database, clock, 'admin')).key;
}, 120_000);

afterAll(async () => {
  await web?.close();
  await kannel?.stop();
});

describe('web app in Chromium', () => {
  it('logs in, refuses a wrong password, and locks the account after five', { timeout: 60_000 }, async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      await web.withPage(null, viewport, async (page) => {
        await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập Bluezone' }).count()).toBe(1);
        await screenshot(page, `login-${viewport === PHONE ? 'phone' : 'desktop'}`);
      });
    }
    await web.withPage(null, DESKTOP, async (page) => {
      await page.getByLabel('Tên đăng nhập').fill('khoa');
      for (let i = 1; i <= 5; i++) {
        await page.getByLabel('Mật khẩu').fill(`sai-${i}`);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        const expected =
          i < 5 ? 'Sai tên đăng nhập hoặc mật khẩu.' : 'Đăng nhập sai quá nhiều lần. Tài khoản tạm khóa 15 phút.';
        await page.getByRole('alert').filter({ hasText: expected }).waitFor();
      }
      // Locked: the right password is refused too.
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('alert').filter({ hasText: 'tạm khóa 15 phút' }).waitFor();
      expect(await page.getByRole('navigation').count()).toBe(0);
    });
  });

  it('issues a code in the health console that a phone uses to report positive', { timeout: 60_000 }, async () => {
    await web.withPage('yte', async (page) => {
      await page.getByRole('heading', { name: 'Cấp mã cho ca bệnh' }).waitFor();
      await page.getByLabel('Ca xác định').check();
      const today = new Date().toISOString().slice(0, 10);
      await page.getByLabel('Ngày khởi phát triệu chứng').fill(today);
      await page.getByLabel('Số điện thoại (không bắt buộc)').fill('0912 000 099');
      await page.getByRole('button', { name: 'Cấp mã' }).click();
      const shown = (await page.getByTestId('issued-code').textContent({ timeout: 10_000 })) ?? '';
      const code = shown.replace(/\s/g, '');
      expect(code).toMatch(/^\d{8}$/);
      await page.getByText('Đã xếp hàng gửi SMS.').waitFor();
      // The code also went out by SMS through the real gateway.
      await expect
        .poll(() => [...smsTexts().values()].some((text) => text.includes(code)), { timeout: 20_000 })
        .toBe(true);

      // The resident's phone: the client SDK's verify → certificate → publish against the same server.
      // It has run since half an hour ago, so it holds a key with finished intervals whatever the
      // time of day (a phone started in a UTC day's first ten minutes has none yet).
      const phoneClock = new ManualClock(Date.now() - 30 * 60_000);
      const phone = new BluezoneClient({
        store: new MemoryStore(),
        transport: new MemoryRadio({ clock: phoneClock, random: seededRandom(1) }, () => undefined).transport('f0'),
        backend: portableBackend,
        clock: phoneClock,
        random: seededRandom(7),
        sleep: async () => {},
        server: {
          verificationUrl: web.server.url,
          keyServerUrl: web.server.url,
          exportBaseUrl: `${web.server.url}/exports/`,
          apiKey: deviceKey,
          region: 'VN',
          healthAuthorityID: 'vn.bluezone',
          // Only needed to check exposures, which this phone does not do here.
          publicKeys: [{ pem: exportPublicKeyPem(), keyId: '452' }],
        },
        decoys: false,
      });
      await phone.start();
      await phone.tick();
      phoneClock.set(Date.now());
      const report = await phone.reportPositive({ code });
      expect(report.testType).toBe('confirmed');
      expect(report.insertedExposures).toBeGreaterThan(0);
      await phone.stop();

      // The list comes from the server: found by the code read out, it is used, so it cannot be revoked.
      await page.getByLabel(/Tìm theo mã/).fill(`${code.slice(0, 4)} ${code.slice(4)}`);
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.getByRole('cell', { name: 'Đã dùng' }).waitFor();
      // The list before the search may hold a used code too: poll until only the one found is left.
      await expect.poll(() => page.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByRole('button', { name: 'Hủy mã' }).count()).toBe(0);
      await screenshot(page, 'health-desktop');

      // A second code, revoked before use after a confirmation: the phone can no longer claim it.
      await page.getByRole('button', { name: 'Cấp mã' }).click();
      await expect
        .poll(async () => (await page.getByTestId('issued-code').textContent())?.replace(/\s/g, ''))
        .not.toBe(code);
      const second = ((await page.getByTestId('issued-code').textContent()) ?? '').replace(/\s/g, '');
      await page.getByLabel(/Tìm theo mã/).fill(second);
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.getByRole('cell', { name: 'Chưa dùng' }).waitFor();
      let asked = '';
      page.once('dialog', (d) => {
        asked = d.message();
        void d.accept();
      });
      await page.getByRole('button', { name: 'Hủy mã' }).click();
      await page.getByRole('cell', { name: /Đã thu hồi/ }).waitFor();
      expect(asked).toMatch(/^Thu hồi mã cấp lúc .+ \(không gửi SMS\)\?/);
      const claim = await api('/api/verify', { code: second }, deviceKey);
      expect(claim.status).toBeGreaterThanOrEqual(400);
    });

    // The next shift, on a phone: every code issued is listed, each as a card no wider than the screen.
    await web.withPage('yte', PHONE, async (small) => {
      await small.getByRole('heading', { name: 'Cấp mã cho ca bệnh' }).waitFor();
      await small.getByRole('cell', { name: /Đã thu hồi/ }).waitFor();
      expect(await small.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
      const overflow = await small.evaluate(() =>
        Array.from(document.querySelectorAll('.table-wrap')).map((w) => w.scrollWidth - w.clientWidth),
      );
      expect(Math.max(...overflow)).toBeLessThanOrEqual(0);
      await screenshot(small, 'health-phone');
    });
  });

  it('shows coverage move on the district dashboard after attestations', { timeout: 60_000 }, async () => {
    await web.withPage('huyen', async (page) => {
      await page.getByRole('heading', { name: 'Bảng điều hành huyện' }).waitFor();
      const installsTile = page.locator('.tile').filter({ hasText: 'Lượt cài đặt' }).locator('.tile-value');
      const before = Number(((await installsTile.first().textContent()) ?? '').replace(/\D/g, ''));
      for (let i = 0; i < 12; i++) {
        const unitCode = i < 8 ? '20164-01' : '20167-02';
        const res = await api(
          '/api/rollout/attest',
          {
            unitCode,
            installId: `e2e-install-${String(i).padStart(8, '0')}`,
            appVersion: '1.0.0',
            tracingActive: true,
          },
          deviceKey,
        );
        expect(res.status).toBe(201);
      }
      await page.reload();
      await expect
        .poll(async () => Number(((await installsTile.first().textContent()) ?? '').replace(/\D/g, '')))
        .toBe(before + 12);
      // The chart and the below-target table are drawn (after the figures, which do not wait for
      // them); export links point at the report API.
      await page.locator('svg[role="img"]').nth(2).waitFor();
      expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(3);
      // The map draws one area per commune (Nam Đông's 10 communes); dashboard-e2e.test.ts tests it further.
      await page.getByTestId('coverage-map').waitFor();
      expect(await page.locator('[data-testid^="map-area-"]').count()).toBe(10);
      expect(await page.getByRole('link', { name: 'Xuất CSV' }).getAttribute('href')).toBe(
        '/api/rollout/report?format=csv',
      );
      const csv = await page.context().request.get(`${web.server.url}/api/rollout/report?format=csv`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain('20164');
      await screenshot(page, 'dashboard-desktop');
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'dashboard-print');
    });

    await web.withPage('huyen', PHONE, async (small) => {
      await small.getByRole('heading', { name: 'Bảng điều hành huyện' }).waitFor();
      await small.locator('svg[role="img"]').first().waitFor();
      await screenshot(small, 'dashboard-phone');
    });
  });

  it('gives a unit manager their unit: coverage, roster, posters', { timeout: 60_000 }, async () => {
    await web.withPage('huongphu', async (page) => {
      await page.getByRole('heading', { name: /Xã Hương Phú/ }).waitFor();
      await page.getByLabel('Họ tên').fill('Nguyễn Thị Lan');
      await page.getByLabel('Chức vụ').fill('Chủ tịch UBND xã');
      await page.getByRole('button', { name: 'Thêm' }).click();
      const status = page.getByLabel('Trạng thái của Nguyễn Thị Lan');
      await status.selectOption('installed');
      await expect
        .poll(async () => {
          const res = await page.context().request.get(`${web.server.url}/api/rollout/units/20164/roster`);
          return ((await res.json()) as { staff: { status: string }[] }).staff.map((s) => s.status);
        })
        .toEqual(['installed']);
      const poster = await page.getByRole('link', { name: /Áp phích A4/ }).getAttribute('href');
      const pdf = await page.context().request.get(`${web.server.url}${poster}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      // Another commune's data is not visible to this manager.
      const other = await page.context().request.get(`${web.server.url}/api/rollout/coverage?unit=20167`);
      expect(other.status()).toBe(403);
      await screenshot(page, 'unit-desktop');
    });
    await web.withPage('huongphu', PHONE, async (small) => {
      await small.getByRole('heading', { name: /Xã Hương Phú/ }).waitFor();
      await screenshot(small, 'unit-phone');
    });
  });

  it('lets a gatekeeper check a visitor pass read from a photo, says the radio is not checked, and refuses a replay', {
    timeout: 60_000,
  }, async () => {
    const created = await api('/api/rollout/checkpoints', { unitCode: '483-UBND', name: 'Cổng chính' }, adminKey);
    expect(created.status).toBe(201);
    const visitor = await visitorPass('visitor-install-e2e-0001', '20161-01');
    const photo = path.join(web.dir, 'visitor-qr.png');
    await QRCode.toFile(photo, visitor.pass, { width: 480, margin: 4 });

    await web.withPage('baove', PHONE, async (page) => {
      // What the page sends: the token alone, never the pass's radio part (RPI and salt).
      const bodies: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST') bodies.push(r.postData() ?? '');
      });
      await page.getByRole('heading', { name: 'Kiểm soát ra vào' }).waitFor();
      await expect
        .poll(() => page.getByTestId('gate-checkpoint').textContent())
        .toBe('Điểm kiểm soát: Cổng chính (483-UBND)');
      await page
        .getByTestId('gate-radio-note')
        .getByText('không kiểm tra được sóng Bluetooth', { exact: false })
        .waitFor();
      // A pass cannot be typed: there is no field for it.
      expect(await page.getByLabel('Hoặc nhập mã').count()).toBe(0);
      await page.getByLabel('Vào', { exact: true }).check();
      await page.getByLabel('Đọc từ ảnh').setInputFiles(photo);
      const outcome = page.getByTestId('gate-outcome');
      await outcome.filter({ hasText: 'Chữ ký hợp lệ, chưa kiểm tra sóng' }).waitFor();
      await page.locator('.list li').filter({ hasText: 'chưa kiểm tra sóng' }).first().waitFor();
      await screenshot(page, 'gatekeeper-phone');

      await page.getByLabel('Đọc từ ảnh').setInputFiles([]);
      await page.getByLabel('Đọc từ ảnh').setInputFiles(photo);
      await outcome.filter({ hasText: 'Mã này đã được quét' }).waitFor();

      // "No app" in one tap on a common reason.
      await page.getByLabel('Ra', { exact: true }).check();
      await page.getByRole('button', { name: 'Điện thoại phổ thông' }).click();
      await outcome.filter({ hasText: 'Không có ứng dụng' }).waitFor();
      await screenshot(page, 'gatekeeper-no-app-phone');
      const day = await page.context().request.get(`${web.server.url}/api/rollout/checkpoints/1/day`);
      const log = (
        (await day.json()) as {
          log: { direction: string; result: string; radio: string | null; reason: string | null }[];
        }
      ).log;
      expect(log.map((l) => [l.direction, l.result, l.radio])).toEqual([
        ['entry', 'active', 'not_checked'],
        ['exit', 'no_app', null],
      ]);
      expect(log[1]?.reason).toBe('Điện thoại phổ thông');
      const scans = bodies.filter((b) => b.includes('BZC2.'));
      expect(scans).toHaveLength(2);
      for (const b of scans) {
        expect(JSON.parse(b).token).toBe(visitor.token);
        expect(b).not.toContain(visitor.radio);
        expect(b).not.toContain('~');
      }
      // The gatekeeper role reaches its checkpoint and nothing else of the rollout toolkit.
      expect((await page.context().request.get(`${web.server.url}/api/rollout/units`)).status()).toBe(403);
    });

    await web.withPage('baove', DESKTOP, async (wide) => {
      await wide.getByRole('heading', { name: 'Kiểm soát ra vào' }).waitFor();
      await wide.locator('.list li').first().waitFor();
      await screenshot(wide, 'gatekeeper-desktop');
    });
  });

  it('lets an admin create a user who can then log in, and switches to English', { timeout: 60_000 }, async () => {
    await web.withPage('admin', async (page) => {
      await page.getByRole('link', { name: 'Quản trị' }).click();
      await page.getByRole('heading', { name: 'Quản trị hệ thống' }).waitFor();
      await page.locator('input[name="new-username"]').fill('thuongquang');
      await page.locator('input[name="new-display-name"]').fill('Xã Thượng Quảng');
      await page.locator('select[name="new-role"]').selectOption('unit_manager');
      await page.locator('input[name="new-unit"]').fill('20173');
      await page.locator('input[name="new-password"]').fill(PASSWORD);
      await page.getByRole('button', { name: 'Tạo người dùng' }).click();
      await page.getByText('Đã tạo người dùng thuongquang.').waitFor();
      await page.getByRole('cell', { name: 'thuongquang' }).waitFor();
      // Rotating the export signing key: a confirm step, then the new version is listed.
      await page.getByRole('button', { name: 'Xoay vòng khóa ký' }).click();
      await page.getByRole('button', { name: 'Hủy' }).click();
      await page.getByRole('button', { name: 'Xoay vòng khóa ký' }).click();
      await page.getByRole('button', { name: 'Đồng ý xoay vòng' }).click();
      await page.getByText(/^Đã tạo khóa ký mới \d+\/v2\.$/).waitFor();
      await page.getByText(/· \d+\/v2$/).waitFor();
      expect((await listSigningKeys(web.server.context)).map((k) => [k.keyVersion, k.retiresAt !== null])).toEqual([
        ['v1', true],
        ['v2', false],
      ]);
      await screenshot(page, 'admin-desktop');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Administration' }).waitFor();
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.getByRole('heading', { name: 'District dashboard' }).waitFor();
      await screenshot(page, 'dashboard-desktop-en');
    });

    await web.withPage('admin', PHONE, async (small) => {
      await small.goto(`${web.server.url}/#/admin`);
      await small.getByRole('heading', { name: 'Quản trị hệ thống' }).waitFor();
      await screenshot(small, 'admin-phone');
    });

    await web.withPage('thuongquang', async (newcomer) => {
      await newcomer.getByRole('heading', { name: /Xã Thượng Quảng/ }).waitFor();
    });
  });
  it('creates a campaign for a unit and sees it delivered by the SMS gateway', { timeout: 90_000 }, async () => {
    await web.withPage('huongphu', async (page) => {
      await page.getByRole('link', { name: 'Tin nhắn' }).click();
      await page.getByRole('heading', { name: 'Chiến dịch tin nhắn' }).waitFor();
      await page.getByLabel(/Số điện thoại của đơn vị 20164/).fill('0912 000 001, Lan\n0912000002, Hùng');
      await page.getByRole('button', { name: 'Thêm vào danh bạ' }).click();
      await page.getByText('Đã thêm 2 số điện thoại.').waitFor();

      await page.locator('input[name="campaign-name"]').fill('Nhắc cài Bluezone');
      await page.locator('select[name="campaign-audience"]').selectOption('contacts');
      // The text as a resident reads it, rendered while it is typed; a field that does not exist shows.
      const sample = page.getByTestId('campaign-sample');
      await sample
        .getByText(
          `Bluezone: Nguyễn Văn A ơi, hãy cài ứng dụng Bluezone để bảo vệ Xã Hương Phú: ${web.server.url}/app/?ref=`,
        )
        .waitFor();
      await page.locator('textarea[name="campaign-template"]').fill('Bluezone: {ten} ơi, cài ứng dụng: {link}');
      await sample.getByText('Không có trường {ten}: sửa lại nội dung.').waitFor();
      await page
        .locator('textarea[name="campaign-template"]')
        .fill('Bluezone: {name} ơi, hãy cài ứng dụng Bluezone để bảo vệ {unit}: {link}');
      // The schedule picker: weekly on chosen days at a time, no cron to write.
      await page.getByLabel('Hằng tuần').check();
      await page.getByLabel('thứ Năm').check();
      await page.locator('input[name="campaign-time"]').fill('09:30');
      await page.getByLabel('Gửi ngay').check();
      // No quiet hours for this test (start = end), whatever the time of day it runs.
      await page.locator('input[name="quiet-start"]').fill('00:00');
      await page.locator('input[name="quiet-end"]').fill('00:00');
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const preview = page.getByTestId('campaign-preview');
      await preview.filter({ hasText: '2 người nhận' }).waitFor();
      expect(await preview.textContent()).toContain('Lan ơi');
      expect(await preview.textContent()).toMatch(/\d+ tin SMS, khoảng [\d.]+ đồng/);
      const sentNow = page.waitForRequest((r) => r.url().endsWith('/api/rollout/campaigns') && r.method() === 'POST');
      await page.getByRole('button', { name: 'Tạo chiến dịch' }).click();
      // "Send now" asks the server to run it at once: its time is this moment, not one booked ahead.
      const nowBody = JSON.parse((await sentNow).postData() ?? '{}');
      expect(nowBody.sendNowIfPast).toBe(true);
      expect(nowBody.schedule.kind).toBe('once');
      expect(Date.parse(nowBody.schedule.at)).toBeLessThanOrEqual(Date.now());
      // A unit manager's campaign waits for an admin: nothing is queued until it is approved.
      await page.getByText('Đã tạo chiến dịch Nhắc cài Bluezone. Chiến dịch chờ quản trị viên duyệt').waitFor();
      await page.getByText('Chờ duyệt', { exact: true }).waitFor();
      const queued = () =>
        rolloutDb(web.server.context.database).selectFrom('rollout_outbox').select('id').where('kind', '=', 'campaign');
      expect(await queued().execute()).toHaveLength(0);

      await web.withPage('admin', async (admin) => {
        await admin.getByRole('link', { name: 'Quản trị' }).click();
        const pending = admin.getByRole('listitem').filter({ hasText: 'Nhắc cài Bluezone' });
        await pending.getByText('Người tạo: Xã Hương Phú (huongphu)').waitFor();
        // When it sends, in words: "send now" is a one-off at the moment it was created.
        expect(await pending.locator('[data-testid^="pending-campaign-schedule-"]').textContent()).toMatch(
          /^Một lần, /,
        );
        // The approver sees whom it reaches, what it costs and what they will read.
        const approverView = pending.getByTestId('campaign-preview');
        await approverView.filter({ hasText: '2 người nhận' }).waitFor();
        expect(await approverView.textContent()).toMatch(/\d+ tin SMS, khoảng [\d.]+ đồng/);
        expect(await approverView.textContent()).toContain('Lan ơi, hãy cài ứng dụng Bluezone để bảo vệ Xã Hương Phú');
        await screenshot(admin, 'admin-approval-desktop');
        expect(await queued().execute()).toHaveLength(0);
        await pending.getByRole('button', { name: 'Duyệt' }).click();
        await admin.getByText('Đã duyệt chiến dịch Nhắc cài Bluezone.').waitFor();
        await admin.getByText('Không có chiến dịch nào chờ duyệt.').waitFor();
      });

      // The outbox job sends through Kannel; fakesmsc (the operator) receives both texts in Vietnamese.
      await expect
        .poll(() => [...smsTexts().values()].filter((t) => t.includes('hãy cài ứng dụng Bluezone')).length, {
          timeout: 30_000,
        })
        .toBe(2);
      const texts = [...smsTexts().values()].filter((t) => t.includes('hãy cài ứng dụng Bluezone'));
      expect(
        texts.some((t) => t.startsWith('Bluezone: Lan ơi, hãy cài ứng dụng Bluezone để bảo vệ Xã Hương Phú')),
      ).toBe(true);
      expect(texts.some((t) => t.startsWith('Bluezone: Hùng ơi'))).toBe(true);
      // Delivery reports come back from Kannel; the page follows them.
      await page.getByText('2 đã nhận', { exact: false }).waitFor({ timeout: 30_000 });
      await page.getByText('Đã gửi xong', { exact: true }).waitFor();

      // A weekly reminder: Thursdays at 09:30 becomes the cron rule underneath; once approved, the
      // list shows it running with its next run.
      await page.locator('input[name="campaign-name"]').fill('Nhắc hằng tuần');
      await page.getByLabel('Hằng tuần').check();
      await page.getByLabel('thứ Hai').uncheck();
      await page.getByLabel('thứ Năm').check();
      await page.locator('input[name="campaign-time"]').fill('09:30');
      const posted = page.waitForRequest((r) => r.url().endsWith('/api/rollout/campaigns') && r.method() === 'POST');
      await page.getByRole('button', { name: 'Tạo chiến dịch' }).click();
      expect(JSON.parse((await posted).postData() ?? '{}').schedule).toEqual({ kind: 'periodic', cron: '30 9 * * 4' });
      await page.getByText('Đã tạo chiến dịch Nhắc hằng tuần.', { exact: false }).waitFor();
      await web.withPage('admin', async (approver) => {
        await approver.getByRole('link', { name: 'Quản trị' }).click();
        // The approver reads the weekly schedule as its author picked it.
        const weeklyPending = approver.getByRole('listitem').filter({ hasText: 'Nhắc hằng tuần' });
        const weeklyWords = await weeklyPending.locator('[data-testid^="pending-campaign-schedule-"]').textContent();
        expect(weeklyWords?.toLowerCase()).toBe('hằng tuần, thứ năm lúc 09:30');
        await approver
          .getByRole('listitem')
          .filter({ hasText: 'Nhắc hằng tuần' })
          .getByRole('button', { name: 'Duyệt' })
          .click();
        await approver.getByText('Đã duyệt chiến dịch Nhắc hằng tuần.').waitFor();
      });
      await page.reload();
      const weekly = page.locator('li.campaign', { hasText: 'Nhắc hằng tuần' });
      await weekly.getByText('Đang chạy', { exact: true }).waitFor();
      const next = (await weekly.locator('[data-testid^="campaign-next-"]').textContent()) ?? '';
      expect(next).toMatch(/^Lần gửi tới: 09:30 /);
      // The schedule as the picker said it, and messages dropped past their validity with the others.
      const said = (await weekly.locator('[data-testid^="campaign-schedule-"]').textContent()) ?? '';
      expect(said.toLowerCase()).toBe('hằng tuần, thứ năm lúc 09:30');
      const weeklyId = Number((await weekly.getAttribute('data-testid'))?.replace('campaign-', ''));
      // Three of its messages held back past their validity, as the outbox's retention tallies them.
      await rolloutDb(web.server.context.database)
        .insertInto('rollout_outbox_tally')
        .values({ campaign_id: weeklyId, status: 'expired', delivery: '', count: 3 })
        .execute();
      await page.reload();
      await weekly.getByText('0 lỗi · 3 quá hạn', { exact: false }).waitFor();
      await screenshot(page, 'campaigns-desktop');
    });

    await web.withPage('huongphu', PHONE, async (small) => {
      await small.goto(`${web.server.url}/#/campaigns`);
      await small.getByText('2 đã nhận', { exact: false }).waitFor();
      await screenshot(small, 'campaigns-phone');
    });
  });
  it('lets a gatekeeper scan a visitor QR with the camera', { timeout: 60_000 }, async () => {
    const { pass } = await visitorPass('visitor-install-camera-01', '20161-02');
    // Chromium's fake camera plays a video of the visitor's screen showing the QR.
    const video = path.join(web.dir, 'visitor-qr.y4m');
    writeQrY4m(video, QRCode.create(pass, { errorCorrectionLevel: 'M' }).modules);
    const cameraBrowser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const page = await pageAs(cameraBrowser, web.server, { username: 'baove', password: PASSWORD }, PHONE);
      await page.context().grantPermissions(['camera'], { origin: web.server.url });
      await page.getByRole('heading', { name: 'Kiểm soát ra vào' }).waitFor();
      await page.getByRole('button', { name: 'Quét bằng camera' }).click();
      await page
        .getByTestId('gate-outcome')
        .filter({ hasText: 'Chữ ký hợp lệ, chưa kiểm tra sóng' })
        .waitFor({ timeout: 20_000 });
      // The camera is released once the code is read.
      await expect.poll(() => page.locator('video.camera.on').count()).toBe(0);
      const day = await page.context().request.get(`${web.server.url}/api/rollout/checkpoints/1/day`);
      const entries = ((await day.json()) as { log: { result: string }[] }).log.filter((l) => l.result === 'active');
      expect(entries.length).toBeGreaterThanOrEqual(2);
    } finally {
      await cameraBrowser.close();
    }
  });
  it('lets a unit manager create, rename and retire checkpoints and pair a gatekeeper phone; logs stay with the unit', {
    timeout: 90_000,
  }, async () => {
    await web.withPage('huongphu', async (page) => {
      page.on('dialog', (d) => void d.accept());
      const card = page.getByTestId('checkpoints-card');
      await card.getByRole('heading', { name: 'Điểm kiểm soát ra vào' }).waitFor();
      // Another unit's checkpoint (483-UBND's "Cổng chính", scanned above) is not listed here.
      await card.getByText('Chưa có điểm kiểm soát nào.').waitFor();
      await card.getByLabel('Cơ quan').selectOption('20164-UBND');
      await card.getByLabel('Tên điểm kiểm soát').fill('Cổng UBND xã');
      await card.getByRole('button', { name: 'Tạo điểm kiểm soát' }).click();
      await card.getByText('Đã tạo điểm kiểm soát Cổng UBND xã.').waitFor();
      const listed = async () => {
        const res = await page.context().request.get(`${web.server.url}/api/rollout/checkpoints?retired=include`);
        return (
          (await res.json()) as {
            checkpoints: { id: number; name: string; unitCode: string; retiredAt: string | null }[];
          }
        ).checkpoints;
      };
      const [mine] = await listed();
      expect(mine).toMatchObject({ name: 'Cổng UBND xã', unitCode: '20164-UBND', retiredAt: null });
      const item = card.getByTestId(`checkpoint-${mine?.id}`);

      await item.getByRole('button', { name: 'Đổi tên' }).click();
      await item.getByLabel('Tên mới').fill('Cổng chính UBND xã');
      await item.getByRole('button', { name: 'Lưu' }).click();
      await card.getByText('Đã đổi tên thành Cổng chính UBND xã.').waitFor();
      await expect.poll(async () => (await listed())[0]?.name).toBe('Cổng chính UBND xã');

      // Pair the gatekeeper's phone: the gate key is shown once, as a QR and as text.
      await item.getByRole('button', { name: 'Ghép điện thoại' }).click();
      const gateKey = (await item.getByTestId('gate-key').textContent()) ?? '';
      expect(gateKey).toMatch(/^bzg_[A-Za-z0-9_-]{43}$/);
      expect(await item.getByTestId('gate-key-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      await screenshot(page, 'checkpoints-desktop');
      // The paired phone (gatekeeper mode) checks a visitor and heard their radio: the visit lands in this unit's log.
      const gate = (route: string, body?: unknown) =>
        fetch(`${web.server.url}${route}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { 'content-type': 'application/json', 'x-gate-key': gateKey },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      expect(
        ((await (await gate('/api/rollout/gate')).json()) as { checkpoint: { name: string } }).checkpoint.name,
      ).toBe('Cổng chính UBND xã');
      const visitor = await visitorPass('visitor-install-xa-0001', '20164-01');
      const scanned = await gate(`/api/rollout/checkpoints/${mine?.id}/scan`, {
        token: visitor.token,
        direction: 'entry',
        radio: 'heard',
      });
      expect((await scanned.json()) as { result: string; radio: string }).toMatchObject({
        result: 'active',
        radio: 'heard',
      });
      await page.reload();
      await item.getByText('1 lượt vào, 0 lượt ra, 100', { exact: false }).waitFor();
      await item.locator('summary').click();
      await item.getByText('đã nghe sóng').waitFor();
      // The district's checkpoint log does not hold this unit's visit, nor the other way round.
      const district = await page.context().request.get(`${web.server.url}/api/rollout/checkpoints/1/day`);
      expect(district.status()).toBe(403);

      await item.getByRole('button', { name: 'Ngừng sử dụng' }).click();
      await card.getByText('Đã ngừng sử dụng Cổng chính UBND xã; nhật ký vẫn được giữ.').waitFor();
      await item.getByText('Ngừng từ', { exact: false }).waitFor();
      expect((await listed())[0]?.retiredAt).not.toBeNull();
      // Retired: its log stays readable, and its paired phone can no longer scan.
      const after = await page.context().request.get(`${web.server.url}/api/rollout/checkpoints/${mine?.id}/day`);
      expect(((await after.json()) as { entries: number }).entries).toBe(1);
      const visitor2 = await visitorPass('visitor-install-xa-0002', '20164-01');
      const refused = await gate(`/api/rollout/checkpoints/${mine?.id}/scan`, {
        token: visitor2.token,
        direction: 'entry',
      });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
    });

    await web.withPage('huongphu', PHONE, async (small) => {
      await small.getByTestId('checkpoints-card').getByText('Cổng chính UBND xã').waitFor();
      await small.getByTestId('checkpoints-card').scrollIntoViewIfNeeded();
      await screenshot(small, 'checkpoints-phone');
    });
  });
});
