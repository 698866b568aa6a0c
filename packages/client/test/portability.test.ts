// The SDK must run in React Native and browsers: nothing under src/ may import Node modules,
// except the Node-only entry points named in package.json's exports.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string> };
const NODE_ONLY = new Set(
  Object.entries(pkg.exports)
    .filter(([k]) => k !== '.')
    .map(([, v]) => v.replace('./', '')),
);
const NODE_MODULES = /from '(node:[^']+|fs|path|os|crypto|better-sqlite3|buffer)'/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('portability', () => {
  it('the Node-only entry point is the SQLite store', () => {
    expect([...NODE_ONLY]).toEqual(['src/storage/better-sqlite3-store.ts']);
  });

  it('no other source file imports a Node module or uses Buffer/process', () => {
    const offenders = files(join(root, 'src'))
      .map((f) => relative(root, f))
      .filter((f) => !NODE_ONLY.has(f))
      .filter((f) => {
        const text = readFileSync(join(root, f), 'utf8');
        return NODE_MODULES.test(text) || /\b(Buffer|process)\.[a-zA-Z]/.test(text);
      });
    expect(offenders).toEqual([]);
  });

  it('nothing imports the Node-only entry point from portable code', () => {
    const importers = files(join(root, 'src')).filter((f) =>
      /from '\.\/storage\/better-sqlite3-store'|from '\.\.?\/.*better-sqlite3-store'/.test(readFileSync(f, 'utf8')),
    );
    expect(importers).toEqual([]);
  });
});
