// Vietnamese and English must offer the same messages with the same placeholders, and every
// message key the screens use must exist (a missing key would show the key to the user).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';
import { translator } from '../src/i18n/i18n';
import vi from '../src/i18n/vi.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('have the same placeholders per key and no empty message', () => {
    for (const [key, text] of Object.entries(vi)) {
      const other = (en as Record<string, string>)[key] ?? '';
      expect(placeholders(other), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
    }
  });

  it('cover every literal key used in the sources', () => {
    const dir = path.resolve(import.meta.dirname, '../src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
    const used = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g))
        used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((k) => !(k in vi))).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('vi')('home.nearbyNow', { count: 3 })).toBe('3 người dùng Bluezone ở gần bạn');
    expect(translator('en')('home.nearbyNow', { count: 3 })).toBe('3 Bluezone users near you');
    expect(translator('en')('home.nearbyNow')).toBe('{count} Bluezone users near you');
  });
});
