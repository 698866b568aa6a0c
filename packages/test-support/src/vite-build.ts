/**
 * Build-once of the repository's two Vite apps for browser tests: a bundle is rebuilt only when a
 * source it is made from (its own src/, index.html, vite.config.ts and the workspace packages it
 * bundles) is newer than its dist/index.html, so test files that share a bundle build it once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PACKAGES = path.resolve(import.meta.dirname, '..', '..');

export interface ViteApp {
  /** The package directory holding vite.config.ts; the bundle goes to its dist/. */
  dir: string;
  /** Files and folders (relative to `dir`) whose changes make the bundle stale. */
  sources: readonly string[];
}

/** The district web app (packages/web), served by the server at `/`. */
export const WEB_APP: ViteApp = {
  dir: path.join(PACKAGES, 'web'),
  sources: ['src', 'index.html', 'vite.config.ts', '../ui-shared/src', '../protocol/src'],
};

/** The resident app's react-native-web build (packages/app), served at `/app/`. */
export const RESIDENT_APP: ViteApp = {
  dir: path.join(PACKAGES, 'app'),
  sources: ['src', 'index.html', 'vite.config.ts', '../ui-shared/src', '../client/src', '../protocol/src'],
};

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** Builds `app` into its dist/ unless dist/index.html is newer than every source. */
export function ensureViteBuilt(app: ViteApp): void {
  const index = path.join(app.dir, 'dist', 'index.html');
  const sources = Math.max(...app.sources.map((s) => newestMtime(path.join(app.dir, s))));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return;
  const vitePackage = createRequire(path.join(app.dir, 'package.json')).resolve('vite/package.json');
  execFileSync(
    process.execPath,
    [path.join(path.dirname(vitePackage), 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: app.dir,
      stdio: 'inherit',
      // Under vitest NODE_ENV is 'test', which would make Vite emit React's development JSX runtime.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

export const ensureWebBuilt = (): void => ensureViteBuilt(WEB_APP);
export const ensureAppBuilt = (): void => ensureViteBuilt(RESIDENT_APP);
