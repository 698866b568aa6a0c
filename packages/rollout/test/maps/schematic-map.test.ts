// The schematic map: cells of a Voronoi diagram clipped to the grown hull of the centres — each
// centre inside its own cell, the cells tiling the outline (areas add up), every cell convex.
import { describe, expect, it } from 'vitest';
import { NAM_DONG_COMMUNE_CENTRES } from '../../src/maps/commune-centres';
import { clipHalfPlane, convexHull, type LonLat, schematicMap } from '../../src/maps/schematic-map';

/** Shoelace area in squared degrees (comparisons only). */
const area = (ring: readonly LonLat[]) =>
  Math.abs(
    ring.reduce((s, [x, y], i) => {
      const [nx, ny] = ring[(i + 1) % ring.length] as LonLat;
      return s + x * ny - nx * y;
    }, 0),
  ) / 2;

/** Point in convex polygon: on the same side of every edge. */
function inside(ring: readonly LonLat[], [px, py]: LonLat): boolean {
  let sign = 0;
  for (let i = 0; i < ring.length; i++) {
    const [ax, ay] = ring[i] as LonLat;
    const [bx, by] = ring[(i + 1) % ring.length] as LonLat;
    const c = Math.sign((bx - ax) * (py - ay) - (by - ay) * (px - ax));
    if (c !== 0 && sign !== 0 && c !== sign) return false;
    if (c !== 0) sign = c;
  }
  return true;
}

describe('schematic map', () => {
  it('hulls and clips', () => {
    expect(
      convexHull([
        [0, 0],
        [2, 0],
        [1, 1],
        [2, 2],
        [0, 2],
      ]),
    ).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
    // x ≤ 1 keeps the left half of the square.
    const half = clipHalfPlane(
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
      ],
      1,
      0,
      1,
    );
    expect(half).toHaveLength(4);
    expect(Math.max(...half.map((p) => p[0]))).toBeCloseTo(1);
  });

  it("gives each Nam Đông commune a cell holding its centre, the cells tiling the district's outline", () => {
    const map = schematicMap(NAM_DONG_COMMUNE_CENTRES);
    expect(map.cells.map((c) => c.code)).toEqual(NAM_DONG_COMMUNE_CENTRES.map((c) => c.code));
    for (const [i, cell] of map.cells.entries()) {
      const c = NAM_DONG_COMMUNE_CENTRES[i];
      expect(cell.ring.length, cell.code).toBeGreaterThanOrEqual(3);
      expect(inside(cell.ring, [c?.lon ?? 0, c?.lat ?? 0]), cell.code).toBe(true);
    }
    const total = map.cells.reduce((s, c) => s + area(c.ring), 0);
    expect(total / area(map.outline)).toBeCloseTo(1, 3);
    // About the district's size: 37 km along the valley, 14–27 km across (tens of km, not hundreds).
    const lons = map.outline.map((p) => p[0]);
    const lats = map.outline.map((p) => p[1]);
    expect((Math.max(...lons) - Math.min(...lons)) * 107).toBeGreaterThan(25);
    expect((Math.max(...lons) - Math.min(...lons)) * 107).toBeLessThan(50);
    expect((Math.max(...lats) - Math.min(...lats)) * 110.6).toBeLessThan(40);
  });
});
