// The "." entry runs in React Native (the resident app's phone build): nothing outside
// src/browser/ may touch the DOM or import jsQR, and nothing portable may import src/browser/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const DOM = /\b(document|window|navigator|localStorage|HTML[A-Za-z]*Element|createImageBitmap)\b|from 'jsqr'/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('portability', () => {
  const portable = files(join(root, 'src'))
    .map((f) => relative(root, f))
    .filter((f) => !f.startsWith('src/browser/'));

  it('the package exports a portable entry and a browser one', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string> };
    expect(pkg.exports).toEqual({ '.': './src/index.ts', './browser': './src/browser/index.ts' });
    expect(portable).toContain('src/index.ts');
  });

  it('no portable file uses the DOM or jsQR, or imports the browser entry', () => {
    const offenders = portable.filter((f) => {
      const text = readFileSync(join(root, f), 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
      return DOM.test(text) || /from '\.\.?\/(\.\.\/)*browser/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
