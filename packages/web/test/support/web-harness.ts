/**
 * End-to-end harness: builds the web bundle when its sources are newer than dist/, starts the
 * real server in-process on a loopback port with a temp SQLite data dir, and drives Debian's
 * Chromium with playwright-core. No browser is ever downloaded: CHROMIUM (default
 * /usr/bin/chromium, installed by scripts/setup) is launched with the flags below; Playwright
 * gives every launch a fresh temporary --user-data-dir of its own.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const WEB_DIR = path.resolve(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(WEB_DIR, 'test', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds packages/web/dist unless it is newer than every source file. */
export function ensureWebBuilt(): void {
  const index = path.join(WEB_DIR, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(WEB_DIR, 'src')),
    fs.statSync(path.join(WEB_DIR, 'index.html')).mtimeMs,
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return;
  const vite = path.join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  const fallback = path.join(WEB_DIR, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [fs.existsSync(vite) ? vite : fallback, 'build', '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    stdio: 'inherit',
  });
}

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run scripts/setup (installs Debian's chromium) or set CHROMIUM`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * A Y4M video (what Chromium's fake camera plays, `--use-file-for-fake-video-capture`) of a
 * black-on-white QR code: `modules` is the QR's module matrix (size × size, 1 = dark).
 * YUV 4:2:0: luma per pixel, neutral chroma (128) at quarter resolution.
 */
export function writeQrY4m(
  file: string,
  modules: { size: number; get(row: number, col: number): number },
  frames = 5,
): void {
  const scale = 8;
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * scale;
  const w = side + (side % 2);
  const luma = Buffer.alloc(w * w, 255);
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      for (let y = 0; y < scale; y++) {
        const row = (r + quiet) * scale + y;
        luma.fill(0, row * w + (c + quiet) * scale, row * w + (c + quiet + 1) * scale);
      }
    }
  }
  const chroma = Buffer.alloc((w / 2) * (w / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${w} H${w} F5:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < frames; i++) parts.push(Buffer.from('FRAME\n'), luma, chroma);
  fs.writeFileSync(file, Buffer.concat(parts));
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

export async function newContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** Saves a full-page screenshot; on a phone-sized page, first checks nothing is wider than the screen. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if ((page.viewportSize()?.width ?? 0) <= PHONE.width) {
    const wider = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    );
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (scroll > 0)
      throw new Error(`${name}: page is ${scroll}px wider than the phone: ${wider.slice(0, 5).join(', ')}`);
  }
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Logs in through the form and waits for the app shell. */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  try {
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation').waitFor();
  } catch (err) {
    // Say what the page showed instead, so a failure on a loaded machine can be told apart from a bug.
    const body = await page
      .locator('body')
      .textContent()
      .catch(() => null);
    const shown = (body ?? '').slice(0, 300);
    throw new Error(`logging in as ${username} failed at ${page.url()}; the page showed: ${JSON.stringify(shown)}`, {
      cause: err,
    });
  }
}
