import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadScenarioFile,
  NAM_DONG_COMMUNES,
  namDongScenario,
  parseScenario,
  scalePopulation,
  withAdoption,
} from '../src/index';

describe('scenarios', () => {
  it('defaults to a Nam Đông-shaped district of about 25,000 in 10 communes', () => {
    const s = namDongScenario();
    expect(s.communes.map((c) => c.name)).toEqual([
      'Khe Tre',
      'Hương Phú',
      'Hương Sơn',
      'Hương Lộc',
      'Thượng Quảng',
      'Hương Xuân',
      'Hương Hữu',
      'Thượng Lộ',
      'Thượng Long',
      'Thượng Nhật',
    ]);
    const total = NAM_DONG_COMMUNES.reduce((a, c) => a + c.population, 0);
    expect(total).toBeGreaterThan(24_000);
    expect(total).toBeLessThan(26_000);
    expect(s.days).toBe(14);
    expect(s.contact).toEqual({ closeDistanceM: 2, closeMinutes: 15 });
  });

  it('reads YAML and JSON files and fills defaults', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bluezone-scenario-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      'name: Hội An\ncommunes:\n  - name: Minh An\n    population: 5000\nadoption:\n  tourists: 0.1\n',
    );
    const y = await loadScenarioFile(join(dir, 'a.yaml'));
    expect(y.communes[0]).toEqual({ name: 'Minh An', population: 5000 });
    expect(y.adoption.tourists).toBe(0.1);
    expect(y.adoption.staff).toBe(0.6);
    writeFileSync(
      join(dir, 'b.json'),
      JSON.stringify({ name: 'x', communes: [{ name: 'c', population: 10 }], days: 3 }),
    );
    expect((await loadScenarioFile(join(dir, 'b.json'))).days).toBe(3);
  });

  it('rejects invalid scenarios naming the field', async () => {
    expect(() => parseScenario({ name: 'x', communes: [] })).toThrow(/communes/);
    expect(() => parseScenario({ name: 'x', communes: [{ name: 'c', population: -1 }] })).toThrow(
      /communes\.0\.population/,
    );
    expect(() =>
      parseScenario({ name: 'x', communes: [{ name: 'c', population: 1 }], adoption: { staff: 2 } }),
    ).toThrow(/adoption\.staff/);
    expect(() => parseScenario({ name: 'x', communes: [{ name: 'c', population: 1 }], colour: 'red' })).toThrow(
      /colour/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'bluezone-scenario-'));
    writeFileSync(join(dir, 'bad.yaml'), 'name: [unclosed');
    await expect(loadScenarioFile(join(dir, 'bad.yaml'))).rejects.toThrow(/not valid YAML/);
    await expect(loadScenarioFile(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot read scenario/);
  });

  it('scales populations and sets adoption levels', () => {
    const s = scalePopulation(namDongScenario(), 2500);
    const total = s.communes.reduce((a, c) => a + c.population, 0);
    expect(Math.abs(total - 2500)).toBeLessThan(10);
    expect(withAdoption(s, 0.2).adoption).toEqual({ staff: 0.2, students: 0.2, residents: 0.2, tourists: 0.2 });
  });
});
