// The SDK must run in React Native and browsers. packages/client/tsconfig.json compiles src/
// without Node's types (the Node-only entry points of package.json's exports left out), so a Node
// module, Buffer or process there fails `npm run typecheck`, and so does importing a Node-only
// entry point. What the compiler cannot see: a Node-only package (better-sqlite3, a dev
// dependency here) brings Node's types along with it. So portable code imports only the
// package's own dependencies.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string>;
  dependencies: Record<string, string>;
};
const NODE_ONLY = new Set(
  Object.entries(pkg.exports)
    .filter(([k]) => k !== '.')
    .map(([, v]) => v.replace('./', '')),
);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  return specifier.split('/', specifier.startsWith('@') ? 2 : 1).join('/');
}

describe('portability', () => {
  it('the Node-only entry point is the SQLite store', () => {
    expect([...NODE_ONLY]).toEqual(['src/storage/better-sqlite3-store.ts']);
  });

  it('portable sources import only relative files and the dependencies in package.json', () => {
    const offenders = files(join(root, 'src'))
      .filter((f) => !NODE_ONLY.has(relative(root, f)))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)]
          .map((m) => m[1] as string)
          .filter((specifier) => !(packageOf(specifier) in pkg.dependencies))
          .map((specifier) => `${relative(root, f)}: ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });
});
