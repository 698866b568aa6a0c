/**
 * First load of the web app on a 3G link: bytes on the wire and time until the page is usable,
 * for the login page and a district officer's dashboard, in Chromium with its network emulation
 * (Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency — the issue's
 * "mountain district on 3G"), each load in a fresh browser context (nothing cached).
 *
 * Baseline, measured in the same run: the web app as built at --baseline (a git commit; by default
 * 9751575, the last one before the pages were split into chunks), checked out from git into a
 * temporary folder and built with this checkout's Vite. Both builds are served the same way by
 * two small front servers here (their precompressed .br/.gz files, as the key server sends them),
 * which pass /api/ on to one real server (SQLite, the Nam Đông demo district seeded), so only the
 * web app differs. Loads alternate baseline/current; medians are reported.
 *
 *   npx tsx packages/web/bench/first-load.ts [--baseline REF] [--runs 3] [--json]
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { districtServerFeatures, seedDemoDistrict } from '@bluezone/rollout';
import { accounts, loadConfig, startServer } from '@bluezone/server';
import { ensureWebBuilt, freePort, launchChromium, WEB_APP } from '@bluezone/test-support';
import type { Browser, Page } from 'playwright-core';

const { values } = parseArgs({
  options: { baseline: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } },
});
const BASELINE = values.baseline ?? '9751575';
const RUNS = Number(values.runs ?? 3);
const REPO = path.resolve(WEB_APP.dir, '..', '..');
/** The issue's 3G: 1.6 Mbit/s down, 150 ms; Chrome DevTools' "Slow 3G"-like upload. */
const THREE_G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const PASSWORD = 'mật-khẩu-đo-tải';

/** Builds the web app of `ref` into a temporary folder with this checkout's node_modules. */
function buildBaseline(ref: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-web-baseline-'));
  execSync(
    `git archive ${ref} packages/web packages/ui-shared packages/protocol scripts/vite-precompress.mjs tsconfig.base.json | tar -x -C ${dir}`,
    { cwd: REPO, stdio: 'inherit' },
  );
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  // The baseline's own workspace packages, not this checkout's: @bluezone/* point into the copy.
  const webModules = path.join(dir, 'packages', 'web', 'node_modules');
  fs.mkdirSync(path.join(webModules, '@bluezone'), { recursive: true });
  for (const name of ['protocol', 'ui-shared']) {
    fs.symlinkSync(path.join(dir, 'packages', name), path.join(webModules, '@bluezone', name));
  }
  const vite = createRequire(path.join(REPO, 'packages', 'web', 'package.json')).resolve('vite/package.json');
  execFileSync(process.execPath, [path.join(path.dirname(vite), 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: path.join(dir, 'packages', 'web'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return path.join(dir, 'packages', 'web', 'dist');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Serves `dist` as the key server does (precompressed copies by Accept-Encoding) and passes /api/ on. */
function frontServer(dist: string, api: URL, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/')) {
      const upstream = http.request(
        { host: api.hostname, port: api.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(upstream);
      return;
    }
    const file = path.join(dist, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding =
      /\bbr\b/.test(accepted) && fs.existsSync(`${file}.br`)
        ? 'br'
        : /\bgzip\b/.test(accepted) && fs.existsSync(`${file}.gz`)
          ? 'gzip'
          : null;
    const body = fs.readFileSync(encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      vary: 'Accept-Encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

interface Load {
  bytes: number;
  ms: number;
}

/** Loads `url` in a fresh context on emulated 3G until `ready` resolves; bytes are every response's encoded length. */
async function firstLoad(
  browser: Browser,
  origin: string,
  hash: string,
  loggedIn: boolean,
  ready: (page: Page) => Promise<unknown>,
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  if (loggedIn) {
    const res = await context.request.post(`${origin}/api/auth/login`, {
      data: { username: 'huyen', password: PASSWORD },
    });
    if (!res.ok()) throw new Error(`login: ${res.status()}`);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', THREE_G);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(`${origin}/${hash}`, { waitUntil: 'commit' });
  await ready(page);
  const ms = performance.now() - started;
  await context.close();
  return { bytes, ms };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function main(): Promise<void> {
  ensureWebBuilt();
  const baselineDist = buildBaseline(BASELINE);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-web-bench-'));
  const port = await freePort();
  const env = {
    BLUEZONE_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    EXPORT_WORKER_INTERVAL_SECONDS: '0',
    ROLLOUT_WORKER_INTERVAL_SECONDS: '0',
  };
  const server = await startServer(loadConfig(env, dataDir), { features: districtServerFeatures(env) });
  await seedDemoDistrict(server.context, { days: 30 });
  await accounts.createUser(
    accounts.accountDb(server.context.database),
    server.context.units,
    server.context.clock,
    { username: 'huyen', displayName: 'Ban chỉ đạo huyện', role: 'district', password: PASSWORD },
    { N: 1024, r: 8, p: 1 },
  );
  const api = new URL(server.url);
  const fronts = {
    baseline: await frontServer(baselineDist, api, await freePort()),
    current: await frontServer(path.join(WEB_APP.dir, 'dist'), api, await freePort()),
  };
  const origin = (s: http.Server) => `http://127.0.0.1:${(s.address() as { port: number }).port}`;
  const browser = await launchChromium();
  const results: Record<'baseline' | 'current', Record<'login' | 'dashboard', Load[]>> = {
    baseline: { login: [], dashboard: [] },
    current: { login: [], dashboard: [] },
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const build of ['baseline', 'current'] as const) {
        const o = origin(fronts[build]);
        results[build].login.push(
          await firstLoad(browser, o, '', false, (p) => p.getByRole('button', { name: 'Đăng nhập' }).waitFor()),
        );
        results[build].dashboard.push(
          await firstLoad(browser, o, '#/dashboard', true, (p) =>
            p.locator('.tile-value').first().waitFor({ timeout: 120_000 }),
          ),
        );
      }
    }
  } finally {
    await browser.close();
    for (const s of Object.values(fronts)) s.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.resolve(baselineDist, '..', '..', '..'), { recursive: true, force: true });
  }
  const summary = Object.fromEntries(
    (['login', 'dashboard'] as const).map((page) => {
      const pick = (b: 'baseline' | 'current') => ({
        kB: Math.round(median(results[b][page].map((l) => l.bytes)) / 100) / 10,
        seconds: Math.round(median(results[b][page].map((l) => l.ms)) / 10) / 100,
      });
      const baseline = pick('baseline');
      const current = pick('current');
      return [page, { baseline, current, timeRatio: Math.round((current.seconds / baseline.seconds) * 100) / 100 }];
    }),
  );
  const result = { baseline: BASELINE, runs: RUNS, network: '3G: 1.6 Mbit/s down, 750 kbit/s up, 150 ms', ...summary };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`web first load on emulated 3G (1.6 Mbit/s, 150 ms), ${RUNS} run(s), baseline ${BASELINE}`);
  for (const page of ['login', 'dashboard'] as const) {
    const s = summary[page] as {
      baseline: { kB: number; seconds: number };
      current: { kB: number; seconds: number };
      timeRatio: number;
    };
    console.log(
      `  ${page.padEnd(9)} baseline ${s.baseline.kB} kB ${s.baseline.seconds} s   now ${s.current.kB} kB ${s.current.seconds} s   (time ×${s.timeRatio})`,
    );
  }
  console.log(JSON.stringify(result));
}

await main();
