/**
 * Builds the `bluezone` command into plain JavaScript, so it starts without compiling TypeScript:
 * `node build.mjs` (run by `npm run build`, `scripts/setup` and `npm start`) writes
 *   dist/bluezone.js         the CLI (src/main.ts), loaded by bin/bluezone.js;
 *   dist/chunk-*.js          each command's code, loaded when that command runs (main.ts imports
 *                            commands lazily: `bluezone help` loads none of them);
 *   dist/bench-match-run.js  the child process of `bluezone bench match` (matching alone, so its
 *                            peak RSS is not that of every module the CLI loads);
 *   dist/build-inputs.json   the source files they were built from, for `staleReason()`.
 * Our workspace packages (`@bluezone/*`) are bundled from their TypeScript sources; every other
 * package stays an import resolved by Node at run time, so native modules (better-sqlite3),
 * packages that read their own files (pdfkit's font metrics) and version-pinned copies keep working.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_DIR = path.resolve(CLI_DIR, '../..');
export const DIST_DIR = path.join(CLI_DIR, 'dist');
const INPUTS_FILE = path.join(DIST_DIR, 'build-inputs.json');
const ENTRIES = { bluezone: 'src/main.ts', 'bench-match-run': 'src/commands/bench-match-run.ts' };
const ENTRY_NAMES = /** @type {Array<keyof typeof ENTRIES>} */ (Object.keys(ENTRIES));

/**
 * Why dist/ must be rebuilt before it runs (it was never built, or names the first source file
 * changed since), or undefined when it is current. Only stats files: cheap enough for every
 * start of the command.
 */
export function staleReason() {
  let inputs;
  let builtAt = Number.POSITIVE_INFINITY;
  try {
    inputs = JSON.parse(readFileSync(INPUTS_FILE, 'utf8'));
    for (const name of ENTRY_NAMES) {
      builtAt = Math.min(builtAt, statSync(path.join(DIST_DIR, `${name}.js`)).mtimeMs);
    }
  } catch {
    return 'packages/cli/dist is not built';
  }
  for (const input of inputs) {
    let changedAt;
    try {
      changedAt = statSync(path.join(REPO_DIR, input)).mtimeMs;
    } catch {
      changedAt = Number.POSITIVE_INFINITY; // deleted or moved: what imported it changed too
    }
    if (changedAt > builtAt) return `${input} changed since packages/cli/dist was built`;
  }
  return undefined;
}

/**
 * Library modules find files relative to their own source (the web app's dist/, the calibration
 * CSV, the SQLite driver): each bundled module outside the CLI package keeps its source file's
 * `import.meta.url`. The CLI's own modules see the bundle's, which they know is dist/.
 * @param {string} outdir
 * @returns {import('esbuild').Plugin}
 */
const sourceUrlPlugin = (outdir) => ({
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`) || args.path.startsWith(CLI_DIR + path.sep)) return;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return;
      const relative = path.relative(outdir, args.path).split(path.sep).join('/');
      const url = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
});

/**
 * Node's lookup for `name` from `dir`: the first `node_modules/<name>` up the tree.
 * @param {string} name
 * @param {string} dir
 * @returns {string | undefined}
 */
function nodeModulesCopy(name, dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', name);
    try {
      statSync(candidate);
      return candidate;
    } catch {
      if (path.dirname(d) === d) return undefined;
    }
  }
}

/**
 * Third-party imports stay imports. A package a workspace pins to its own version (npm nests it,
 * e.g. packages/sim/node_modules/tar-stream while the root has another) is imported by the path
 * of that copy, since Node, resolving from dist/, would find the root's.
 * @param {string} outdir
 * @returns {import('esbuild').Plugin}
 */
const externalPackagesPlugin = (outdir) => ({
  name: 'external-packages',
  setup(build) {
    // bench-match.ts imports this script only when run from source: not part of the bundle.
    build.onResolve({ filter: /\/build\.mjs$/ }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@bluezone/') || args.pluginData === 'external-packages') return;
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.split('/', args.path.startsWith('@') ? 2 : 1).join('/');
      const importers = nodeModulesCopy(name, args.resolveDir);
      if (importers === undefined || importers === nodeModulesCopy(name, outdir)) return { external: true };
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'external-packages',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const relative = path.relative(outdir, resolved.path).split(path.sep).join('/');
      return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
    });
  },
});

/**
 * Bundles every entry into `outdir` (default dist/), each file written under a temporary name and
 * renamed, so a command starting meanwhile (or a second build) never reads half a file.
 * @param {{ outdir?: string, entries?: Array<keyof typeof ENTRIES> }} [options]
 */
export async function buildCli({ outdir = DIST_DIR, entries = ENTRY_NAMES } = {}) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: CLI_DIR,
    entryPoints: Object.fromEntries(entries.map((name) => [name, ENTRIES[name]])),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    target: 'node20.19',
    // Node's own conditions only (esbuild would also prefer a package's "module" build).
    conditions: [],
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [sourceUrlPlugin(outdir), externalPackagesPlugin(outdir)],
  });
  const outputFiles = result.outputFiles ?? [];
  mkdirSync(outdir, { recursive: true });
  for (const file of outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  const written = new Set(outputFiles.map((file) => path.basename(file.path)));
  for (const name of readdirSync(outdir)) {
    if (name.startsWith('chunk-') && !written.has(name)) rmSync(path.join(outdir, name), { force: true });
  }
  if (path.resolve(outdir) === DIST_DIR) {
    const sources = Object.keys(result.metafile?.inputs ?? {})
      .filter((input) => !input.includes('node_modules/'))
      .map((input) => path.relative(REPO_DIR, path.join(CLI_DIR, input)));
    // Each package's package.json too (its exports decide what an import resolves to), and this file.
    const manifests = new Set(sources.map((source) => `${source.split('/').slice(0, 2).join('/')}/package.json`));
    const inputs = [...sources, ...manifests, path.relative(REPO_DIR, fileURLToPath(import.meta.url))];
    const temporary = `${INPUTS_FILE}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(inputs, null, 1)}\n`);
    renameSync(temporary, INPUTS_FILE);
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const result = await buildCli();
  const files = Object.keys(result.metafile?.inputs ?? {}).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`packages/cli/dist: ${ENTRY_NAMES.join(', ')} from ${files} files in ${seconds} s`);
}
