/**
 * First load of the resident app (react-native-web, served at /app/) on a 3G link: bytes on the
 * wire and time until the onboarding screen's heading is shown, in Chromium with its network
 * emulation (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency — the mountain district on
 * 3G), each load in a fresh browser context (nothing cached, no install in IndexedDB).
 *
 * Baseline, measured in the same run: the app as built at --baseline (a git commit; by default
 * 406d70b, the last one before the first screen's chunk was cut down), checked out from git into
 * a temporary folder and built with this checkout's Vite. Both builds are served at /app/ the way
 * the key server serves them (their precompressed .br/.gz copies) by two small front servers,
 * which pass everything else (/api/app-config, /api/export-keys) to one real key server, so only
 * the app differs. A third front server sends this checkout's build without its compressed
 * copies: what the precompression saves. Loads alternate; medians are reported.
 *
 *   npx tsx packages/app/bench/first-load.ts [--baseline REF] [--runs 3] [--json]
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { districtServerFeatures } from '@bluezone/rollout';
import { loadConfig, startServer } from '@bluezone/server';
import { ensureAppBuilt, freePort, launchChromium, RESIDENT_APP } from '@bluezone/test-support';
import type { Browser } from 'playwright-core';

const { values } = parseArgs({
  options: { baseline: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } },
});
const BASELINE = values.baseline ?? '406d70b';
const RUNS = Number(values.runs ?? 3);
const REPO = path.resolve(RESIDENT_APP.dir, '..', '..');
/** The issue's 3G: 1.6 Mbit/s down, 150 ms; Chrome DevTools' "Slow 3G"-like upload. */
const THREE_G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
/** The onboarding screen's title (vi.json onboarding.title), the first heading a new resident sees. */
const FIRST_HEADING = 'Bluezone bảo vệ bạn và cộng đồng';

/** Builds the resident app of `ref` into a temporary folder with this checkout's node_modules. */
function buildBaseline(ref: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-app-baseline-'));
  execSync(
    `git archive ${ref} packages/app/src packages/app/index.html packages/app/public packages/app/vite.config.ts packages/app/package.json packages/app/tsconfig.json packages/client packages/ui-shared packages/protocol scripts/vite-precompress.mjs tsconfig.base.json | tar -x -C ${dir}`,
    { cwd: REPO, stdio: 'inherit' },
  );
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  // The baseline's own workspace packages, not this checkout's: @bluezone/* point into the copy;
  // the app's own Vite (packages/app/node_modules/vite) is this checkout's.
  const appModules = path.join(dir, 'packages', 'app', 'node_modules');
  fs.mkdirSync(path.join(appModules, '@bluezone'), { recursive: true });
  for (const name of ['protocol', 'client', 'ui-shared']) {
    fs.symlinkSync(path.join(dir, 'packages', name), path.join(appModules, '@bluezone', name));
  }
  for (const name of fs.readdirSync(path.join(RESIDENT_APP.dir, 'node_modules'))) {
    if (name.startsWith('.') || name === '@bluezone') continue;
    fs.symlinkSync(path.join(RESIDENT_APP.dir, 'node_modules', name), path.join(appModules, name));
  }
  execFileSync(process.execPath, [path.join(appModules, 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: path.join(dir, 'packages', 'app'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return path.join(dir, 'packages', 'app', 'dist');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * Serves `dist` at /app/ as the key server does (precompressed copies by Accept-Encoding), or with
 * `compressed` false as it would without them; the rest goes to `api`.
 */
function frontServer(dist: string, api: URL, port: number, compressed = true): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/app/')) {
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
    const rel = url.pathname.slice('/app/'.length);
    const file = path.join(dist, rel === '' ? 'index.html' : rel);
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const accepted = compressed ? String(req.headers['accept-encoding'] ?? '') : '';
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

/** Loads /app/ in a fresh context on emulated 3G until the onboarding heading shows; bytes are every response's encoded length. */
async function firstLoad(browser: Browser, origin: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', THREE_G);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const started = performance.now();
  await page.goto(`${origin}/app/`, { waitUntil: 'commit' });
  await page
    .getByTestId('screen-onboarding')
    .getByText(FIRST_HEADING)
    .waitFor({ timeout: 120_000 })
    .catch((e) => {
      throw new Error(`${e} ${errors.join(' / ')}`);
    });
  const ms = performance.now() - started;
  await context.close();
  return { bytes, ms };
}

/** The baseline commit's build, this checkout's build, and this checkout's build sent uncompressed. */
const BUILDS = ['baseline', 'current', 'uncompressed'] as const;
type Build = (typeof BUILDS)[number];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function main(): Promise<void> {
  ensureAppBuilt();
  const baselineDist = buildBaseline(BASELINE);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-app-bench-'));
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
  const api = new URL(server.url);
  const fronts = {
    baseline: await frontServer(baselineDist, api, await freePort()),
    current: await frontServer(path.join(RESIDENT_APP.dir, 'dist'), api, await freePort()),
    uncompressed: await frontServer(path.join(RESIDENT_APP.dir, 'dist'), api, await freePort(), false),
  };
  const origin = (s: http.Server) => `http://127.0.0.1:${(s.address() as { port: number }).port}`;
  const browser = await launchChromium();
  const results: Record<Build, Load[]> = { baseline: [], current: [], uncompressed: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const build of BUILDS) {
        results[build].push(await firstLoad(browser, origin(fronts[build])));
      }
    }
  } finally {
    await browser.close();
    for (const s of Object.values(fronts)) s.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.resolve(baselineDist, '..', '..', '..'), { recursive: true, force: true });
  }
  const pick = (b: Build) => ({
    kB: Math.round(median(results[b].map((l) => l.bytes)) / 100) / 10,
    seconds: Math.round(median(results[b].map((l) => l.ms)) / 10) / 100,
  });
  const baseline = pick('baseline');
  const current = pick('current');
  const timeRatio = Math.round((current.seconds / baseline.seconds) * 100) / 100;
  const result = {
    baseline: BASELINE,
    runs: RUNS,
    network: '3G: 1.6 Mbit/s down, 750 kbit/s up, 150 ms',
    onboarding: { baseline, current, timeRatio, uncompressed: pick('uncompressed') },
  };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`resident app first load on emulated 3G (1.6 Mbit/s, 150 ms), ${RUNS} run(s), baseline ${BASELINE}`);
  console.log(
    `  onboarding baseline ${baseline.kB} kB ${baseline.seconds} s   now ${current.kB} kB ${current.seconds} s   (time ×${timeRatio})`,
  );
  const raw = result.onboarding.uncompressed;
  console.log(`  (now without the .br/.gz copies: ${raw.kB} kB ${raw.seconds} s)`);
  console.log(JSON.stringify(result));
}

await main();
