// Every string of the web app is in both translation files, and every key the source uses exists.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';
import vi from '../src/i18n/vi.json';

const SRC = path.join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('translations', () => {
  it('have the same keys in Vietnamese and English, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      const other = (en as Record<string, string>)[key] as string;
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it('cover every key the source uses (literal keys, and each prefix of computed ones)', () => {
    const keys = new Set(Object.keys(vi));
    const used = new Set<string>();
    const prefixes = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(
        /'((?:nav|admin|auth|campaign|gate|health|role|roster|dashboard|unit)\.[a-zA-Z0-9_.]+)'/g,
      ))
        used.add(m[1] as string);
      for (const m of text.matchAll(/`([a-z]+(?:\.[a-z]+)*\.)\$\{/g)) prefixes.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(100);
    for (const key of used) expect(keys.has(key), key).toBe(true);
    for (const prefix of prefixes)
      expect(
        [...keys].some((k) => k.startsWith(prefix)),
        prefix,
      ).toBe(true);
    // The computed keys name each value of these enumerations.
    for (const role of ['admin', 'district', 'health_staff', 'unit_manager', 'gatekeeper'])
      expect(keys.has(`role.${role}`)).toBe(true);
    for (const r of ['active', 'inactive', 'no_app', 'refused']) expect(keys.has(`gate.result.${r}`)).toBe(true);
    for (const s of ['unconfirmed', 'installed', 'not_installed', 'exempt'])
      expect(keys.has(`roster.status.${s}`)).toBe(true);
    for (const tt of ['confirmed', 'likely', 'negative']) expect(keys.has(`health.type.${tt}`)).toBe(true);
  });
});
