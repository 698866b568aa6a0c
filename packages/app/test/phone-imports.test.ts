// The phone build (index.js → src/native/) must not pull browser-only code: not the web entry
// (src/web/), not @bluezone/ui-shared/browser (camera via getUserMedia, localStorage), not jsQR.
// Walks the app's own import graph from index.js; packages are checked by their entry's name.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = path.resolve(import.meta.dirname, '..');
const BROWSER_ONLY = ['@bluezone/ui-shared/browser', 'jsqr', 'react-dom', 'react-native-web'];

function resolveLocal(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  // Metro picks a platform file (x.android.ts) before x.ts; both are part of the phone build.
  const candidates = ['', '.ts', '.tsx', '.js', '/index.ts', '/index.tsx', '.android.ts', '.ios.ts'].map(
    (e) => base + e,
  );
  return candidates.find((c) => existsSync(c) && !c.endsWith('/') && path.extname(c) !== '');
}

/** Every module the phone build reaches from index.js: app files, and the packages they name. */
function phoneGraph(): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [path.join(APP, 'index.js')];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\s+'([^']+)'/g)) {
      const spec = (m[1] ?? m[2]) as string;
      if (spec.startsWith('.')) {
        const local = resolveLocal(file, spec);
        if (local?.match(/\.(ts|tsx|js)$/)) queue.push(local);
      } else packages.add(spec);
    }
    // Platform variants of the same module are bundled too.
    for (const platform of ['.android.ts', '.ios.ts']) {
      const variant = file.replace(/\.tsx?$/, platform);
      if (variant !== file && existsSync(variant)) queue.push(variant);
    }
  }
  return { files: [...seen].map((f) => path.relative(APP, f)).sort(), packages };
}

describe('phone build', () => {
  const { files, packages } = phoneGraph();

  it('reaches the screens and the native services', () => {
    expect(files).toContain('src/native/phone-main.tsx');
    expect(files).toContain('src/screens/home-screen.tsx');
    expect(packages).toContain('@bluezone/ui-shared');
  });

  it('reaches exactly the native modules the phone build is configured for', () => {
    // A new one needs a development build and perhaps a config plugin (app.json, expo-config.test.ts):
    // add it here on purpose. expo-file-system and expo-sharing hand a field test's recording over
    // as a file (src/native/native-share.ts), no longer as text through React Native's Share.
    expect([...packages].filter((p) => /^(expo-|react-native-)/.test(p)).sort()).toEqual([
      'expo-camera',
      'expo-file-system',
      'expo-notifications',
      'expo-sharing',
      'expo-sqlite',
      'react-native-ble-plx',
    ]);
    expect(files).toContain('src/native/native-share.ts');
  });

  it('pulls nothing browser-only', () => {
    expect(files.filter((f) => f.startsWith('src/web/'))).toEqual([]);
    expect([...packages].filter((p) => BROWSER_ONLY.includes(p))).toEqual([]);
  });
});
