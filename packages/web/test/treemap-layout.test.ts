// Squarified treemap layout: areas proportional to values, inside the box, no overlaps.
import { describe, expect, it } from 'vitest';
import { layoutTreemap } from '../src/components/treemap-layout';

describe('layoutTreemap', () => {
  const values = [6, 6, 4, 3, 2, 2, 1]; // the example of Bruls et al. (2000), on a 6 × 4 box
  const cells = layoutTreemap(values, (v) => v, 6, 4);

  it('gives each item an area proportional to its value and fills the box', () => {
    expect(cells).toHaveLength(values.length);
    for (const c of cells) expect(c.w * c.h).toBeCloseTo(c.item, 6);
    expect(cells.reduce((a, c) => a + c.w * c.h, 0)).toBeCloseTo(24, 6);
  });

  it('keeps cells inside the box and apart from each other', () => {
    for (const c of cells) {
      expect(c.x).toBeGreaterThanOrEqual(-1e-9);
      expect(c.y).toBeGreaterThanOrEqual(-1e-9);
      expect(c.x + c.w).toBeLessThanOrEqual(6 + 1e-9);
      expect(c.y + c.h).toBeLessThanOrEqual(4 + 1e-9);
    }
    for (const a of cells)
      for (const b of cells) {
        if (a === b) continue;
        const overlapW = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const overlapH = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        expect(overlapW <= 1e-9 || overlapH <= 1e-9).toBe(true);
      }
  });

  it('lays the paper example out as squarified rows (first row: the two 6s side by side)', () => {
    // Bruls et al. Fig. 4: the first row holds 6 and 6, each 3 wide and 2 high, along the short side.
    expect(cells.slice(0, 2).map((c) => [c.w, c.h])).toEqual([
      [3, 2],
      [3, 2],
    ]);
  });

  it('drops zero values and returns nothing for an empty total', () => {
    expect(layoutTreemap([0, 0], (v) => v, 10, 10)).toEqual([]);
    expect(layoutTreemap([5, 0], (v) => v, 10, 10)).toHaveLength(1);
  });
});
