/**
 * First load of one of the Vite apps on a 3G link, for the web app's and the resident app's
 * benches: bytes on the wire and time until a page shows what marks it loaded, in Chromium with its
 * network emulation (Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms —
 * the mountain district on 3G), each load in a fresh browser context (nothing cached).
 *
 * Baseline, measured in the same run: the app as built at a git commit, checked out with
 * `git archive` into a temporary folder and built with this checkout's Vite and node_modules. Each
 * build is served at the app's mount path by a small front server here, from its precompressed
 * .br/.gz copies as the key server sends them (or, for `uncompressed`, without them), which passes
 * the rest on to the one real server the caller started, so only the app differs. Loads alternate
 * between builds; medians are reported.
 */
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, PHONE } from './chromium';
import { freePort } from './free-port';
import { ensureViteBuilt, type ViteApp } from './vite-build';

/** The issue's 3G: 1.6 Mbit/s down, 150 ms; Chrome DevTools' "Slow 3G"-like upload. */
export const THREE_G = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
} as const;
export const THREE_G_LABEL = '3G: 1.6 Mbit/s down, 750 kbit/s up, 150 ms';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');

export interface FirstLoadPage {
  /** Its name in the results (`login`, `dashboard`, `onboarding`). */
  name: string;
  /** What follows the mount path in the address (`''`, `'#/dashboard'`). */
  path: string;
  /** Runs in the fresh context before the page is opened (a login through the API). */
  prepare?(context: BrowserContext, origin: string): Promise<void>;
  /** What marks the page loaded: the first element matching `selector` (with `text` in it, if given) laid out. */
  loaded: { selector: string; text?: string };
}

export interface FirstLoadOptions {
  /** The app to build and measure (WEB_APP, RESIDENT_APP). */
  app: ViteApp;
  /** Where the server serves it: `/` or `/app/`. */
  mount: string;
  /** The git commit whose build is the baseline. */
  baseline: string;
  /** The workspace packages (`protocol`, `ui-shared` …) the app bundles, taken from the baseline too. */
  workspacePackages: readonly string[];
  /** The real server (API and all) the front servers pass everything else to. */
  api: URL;
  pages: readonly FirstLoadPage[];
  runs: number;
  /** Also loads this checkout's build sent without its .br/.gz copies. */
  uncompressed?: boolean;
}

export interface LoadFigures {
  kB: number;
  seconds: number;
}

export interface PageFirstLoad {
  baseline: LoadFigures;
  current: LoadFigures;
  /** current / baseline time. */
  timeRatio: number;
  uncompressed?: LoadFigures;
}

export interface FirstLoadResult {
  baseline: string;
  runs: number;
  network: string;
  pages: Record<string, PageFirstLoad>;
}

interface Load {
  bytes: number;
  ms: number;
}

type Build = 'baseline' | 'current' | 'uncompressed';

/** Builds `app` as it was at `ref` into a temporary folder; returns its dist/. */
function buildBaseline(app: ViteApp, ref: string, workspacePackages: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bz-first-load-baseline-'));
  const own = path.relative(REPO, app.dir);
  const archived = [own, ...workspacePackages.map((p) => `packages/${p}`), 'scripts/vite-precompress.mjs'];
  execSync(`git archive ${ref} ${archived.join(' ')} tsconfig.base.json | tar -x -C ${dir}`, {
    cwd: REPO,
    stdio: 'inherit',
  });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  // The package's own node_modules (its Vite) are this checkout's; its @bluezone/* point into the
  // copy, so the baseline bundles the workspace packages as they were at `ref`.
  const modules = path.join(dir, own, 'node_modules');
  fs.mkdirSync(path.join(modules, '@bluezone'), { recursive: true });
  const ownModules = path.join(app.dir, 'node_modules');
  for (const name of fs.existsSync(ownModules) ? fs.readdirSync(ownModules) : []) {
    if (name.startsWith('.') || name === '@bluezone') continue;
    fs.symlinkSync(path.join(ownModules, name), path.join(modules, name));
  }
  for (const name of workspacePackages) {
    fs.symlinkSync(path.join(dir, 'packages', name), path.join(modules, '@bluezone', name));
  }
  const vite = createRequire(path.join(dir, own, 'package.json')).resolve('vite/package.json');
  execFileSync(process.execPath, [path.join(path.dirname(vite), 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: path.join(dir, own),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return path.join(dir, own, 'dist');
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
 * Serves `dist` at `mount` as the key server does (a precompressed copy by Accept-Encoding, unless
 * `compressed` is false) and passes /api/ and anything outside `mount` on to `api`.
 */
function frontServer(dist: string, mount: string, api: URL, port: number, compressed: boolean): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/') || !url.pathname.startsWith(mount)) {
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
    const rel = url.pathname.slice(mount.length);
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

/**
 * Installed in each page before its scripts: on every DOM change, looks for the element that marks
 * the page loaded (`mark`) and keeps the page clock's time (ms since navigation start) at the next
 * frame. A string, not a function: tsx's transform would put a helper of its own into the source.
 */
const WATCH_FOR_LOADED = `(() => {
  const { selector, text } = __MARK__;
  const observer = new MutationObserver(() => {
    for (const el of document.querySelectorAll(selector)) {
      if (el.getClientRects().length === 0 || (text !== undefined && !el.textContent.includes(text))) continue;
      observer.disconnect();
      requestAnimationFrame(() => { window.__firstLoadMs = performance.now(); });
      return;
    }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

/**
 * One load in a fresh phone-sized context on emulated 3G. The time is the page's own clock when
 * the mark is first laid out (Playwright's waitFor polls with a back-off up to 500 ms, which would
 * round a load up to its next poll); bytes are the encoded length of every response finished by then.
 */
async function firstLoad(browser: Browser, origin: string, mount: string, target: FirstLoadPage): Promise<Load> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  try {
    await target.prepare?.(context, origin);
    await context.addInitScript({ content: WATCH_FOR_LOADED.replace('__MARK__', JSON.stringify(target.loaded)) });
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
    await page.goto(`${origin}${mount}${target.path}`, { waitUntil: 'commit' });
    const ms = await page
      .waitForFunction('window.__firstLoadMs', undefined, { timeout: 120_000 })
      .then((handle) => handle.jsonValue() as Promise<number>)
      .catch((e: unknown) => {
        throw new Error(`${target.name} never loaded: ${e} ${errors.join(' / ')}`);
      });
    return { bytes, ms };
  } finally {
    await context.close();
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const figures = (loads: readonly Load[]): LoadFigures => ({
  kB: Math.round(median(loads.map((l) => l.bytes)) / 100) / 10,
  seconds: Math.round(median(loads.map((l) => l.ms)) / 10) / 100,
});

/** Builds both versions, serves them, and loads each page `runs` times per build, alternating. */
export async function measureFirstLoad(options: FirstLoadOptions): Promise<FirstLoadResult> {
  const { app, mount, api, pages, runs } = options;
  ensureViteBuilt(app);
  const baselineDist = buildBaseline(app, options.baseline, options.workspacePackages);
  const builds: Build[] = options.uncompressed ? ['baseline', 'current', 'uncompressed'] : ['baseline', 'current'];
  const dists: Record<Build, string> = {
    baseline: baselineDist,
    current: path.join(app.dir, 'dist'),
    uncompressed: path.join(app.dir, 'dist'),
  };
  const fronts = new Map<Build, http.Server>();
  const loads = new Map<string, Load[]>();
  let browser: Browser | undefined;
  try {
    for (const build of builds) {
      fronts.set(build, await frontServer(dists[build], mount, api, await freePort(), build !== 'uncompressed'));
    }
    browser = await launchChromium();
    for (let run = 0; run < runs; run++) {
      for (const build of builds) {
        const origin = `http://127.0.0.1:${(fronts.get(build)?.address() as { port: number } | undefined)?.port}`;
        for (const target of pages) {
          const key = `${build} ${target.name}`;
          loads.set(key, [...(loads.get(key) ?? []), await firstLoad(browser, origin, mount, target)]);
        }
      }
    }
  } finally {
    await browser?.close();
    for (const s of fronts.values()) s.close();
    fs.rmSync(path.resolve(baselineDist, '..', '..', '..'), { recursive: true, force: true });
  }
  const of = (build: Build, name: string) => figures(loads.get(`${build} ${name}`) ?? []);
  const result: Record<string, PageFirstLoad> = {};
  for (const { name } of pages) {
    const baseline = of('baseline', name);
    const current = of('current', name);
    result[name] = {
      baseline,
      current,
      timeRatio: Math.round((current.seconds / baseline.seconds) * 100) / 100,
      ...(options.uncompressed ? { uncompressed: of('uncompressed', name) } : {}),
    };
  }
  return { baseline: options.baseline, runs, network: THREE_G_LABEL, pages: result };
}
