// The production build as a phone on 3G first downloads it (the build e2e tests share, made once by
// test-support's ensureWebBuilt): the chunk the HTML loads and what it imports statically carry
// neither the QR decoder (jsQR, the gatekeeper page's alone) nor the dashboard's map and charts;
// the dashboard page's own chunk leaves its drawings and the admin's map upload to chunks it asks
// for beside its figures; and the HTML starts the session and first-run status requests itself
// instead of waiting for that chunk to run.
import fs from 'node:fs';
import path from 'node:path';
import { ensureWebBuilt, WEB_APP } from '@bluezone/test-support';
import { parseAst } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const DIST = path.join(WEB_APP.dir, 'dist');

/**
 * Strings that survive minification and belong to one piece of code each; every one is first
 * checked to be somewhere in the build, so a renamed marker fails here instead of passing unseen.
 */
const QR_DECODER = { jsQR: '"onlyInvert"' }; // jsQR's own inversion choices; our code asks only for attemptBoth
const DRAWINGS = { map: '"coverage-map"', bars: '"chart-track"', trends: '"small-multiples"' };
const MAP_UPLOAD = { mapUpload: '"map-file"' };

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

/** The <script> and <link> tags of the built index.html with their attributes. */
function htmlTags(html: string): Tag[] {
  return [...html.matchAll(/<(script|link)\b([^>]*)>/g)].map(([, name, attrs]) => ({
    name: name as string,
    attrs: Object.fromEntries([...(attrs ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v])),
  }));
}

/** A chunk's static imports and re-exports (not its import() calls), as files in dist/. */
function staticImports(file: string): string[] {
  const ast = parseAst(fs.readFileSync(file, 'utf8'));
  const sources: string[] = [];
  for (const node of ast.body) {
    if (
      (node.type === 'ImportDeclaration' ||
        node.type === 'ExportAllDeclaration' ||
        node.type === 'ExportNamedDeclaration') &&
      node.source
    ) {
      sources.push(String(node.source.value));
    }
  }
  return sources.map((s) => {
    if (!s.startsWith('.')) throw new Error(`${path.basename(file)} imports ${s}, not a chunk of the build`);
    return path.resolve(path.dirname(file), s);
  });
}

/** `roots` and every chunk they import statically, transitively: what must arrive before they run. */
function staticClosure(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return [...seen];
}

/** Which of `markers` the files hold, as `name in file` lines (empty when none does). */
function found(files: readonly string[], markers: Record<string, string>): string[] {
  return files.flatMap((file) => {
    const code = fs.readFileSync(file, 'utf8');
    return Object.entries(markers)
      .filter(([, marker]) => code.includes(marker))
      .map(([name]) => `${name} in ${path.basename(file)}`);
  });
}

let tags: Tag[];
let chunks: string[];
let firstLoad: string[];

beforeAll(() => {
  ensureWebBuilt();
  tags = htmlTags(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8'));
  const assets = path.join(DIST, 'assets');
  chunks = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(assets, f));
  // What the HTML loads: its module scripts and the chunks it preloads for them.
  const entries = tags
    .filter((t) => (t.name === 'script' && t.attrs.type === 'module') || t.attrs.rel === 'modulepreload')
    .map((t) => path.join(DIST, t.attrs.src ?? t.attrs.href ?? ''));
  expect(entries.length).toBeGreaterThan(0);
  firstLoad = staticClosure(entries);
}, 180_000);

describe('web production build', () => {
  it('knows its markers: each is in some chunk of the build', () => {
    for (const markers of [QR_DECODER, DRAWINGS, MAP_UPLOAD]) {
      for (const [name, marker] of Object.entries(markers)) {
        expect(found(chunks, { [name]: marker }), `${name} (${marker}) is nowhere in the build`).not.toEqual([]);
      }
    }
  });

  it('first load carries no QR decoder: jsQR is left to the gatekeeper page', () => {
    expect(found(firstLoad, QR_DECODER)).toEqual([]);
    const gatekeeper = chunks.filter((f) => path.basename(f).startsWith('gatekeeper-page-'));
    expect(found(gatekeeper, QR_DECODER)).toEqual([expect.stringMatching(/^jsQR in gatekeeper-page-/)]);
  });

  it('first load carries no map or chart code', () => {
    expect(found(firstLoad, { ...DRAWINGS, ...MAP_UPLOAD })).toEqual([]);
  });

  it("the dashboard page's chunk leaves the map, bars, trends and map upload to chunks it loads later", () => {
    const pages = chunks.filter((f) => path.basename(f).startsWith('dashboard-page-'));
    expect(pages).toHaveLength(1);
    expect(found(staticClosure(pages), { ...DRAWINGS, ...MAP_UPLOAD })).toEqual([]);
  });

  it('the HTML starts the session and first-run status requests the shell makes', () => {
    const preloads = tags.filter((t) => t.name === 'link' && t.attrs.rel === 'preload');
    for (const href of ['/api/auth/me', '/api/setup/status']) {
      // as=fetch and crossorigin=anonymous are what a plain fetch() of the same address can reuse.
      expect(
        preloads.map((t) => t.attrs),
        href,
      ).toContainEqual({
        rel: 'preload',
        as: 'fetch',
        crossorigin: 'anonymous',
        href,
      });
      expect(found(firstLoad, { [href]: `"${href}"` }), `the first chunk asks for ${href}`).not.toEqual([]);
    }
  });
});
