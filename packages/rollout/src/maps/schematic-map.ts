/**
 * A schematic map from area centres alone: the outline is the convex hull of the centres grown
 * by a margin, and each area's cell is the part of the outline nearer its centre than any other
 * (a Voronoi diagram clipped to the outline). Computed in a local flat frame in kilometres
 * (equirectangular about the centres' mean latitude: distortion well under 1 % across a district)
 * and returned as longitude/latitude.
 *
 * The cell of p is the outline clipped by the half-plane {x : |x − p| ≤ |x − q|} for every other
 * centre q (Sutherland–Hodgman against one line at a time): O(n²) clips, fine for the tens of
 * communes a district has, and exact for any convex outline.
 */

export interface Centre {
  code: string;
  lat: number;
  lon: number;
}

/** [longitude, latitude] */
export type LonLat = [number, number];

export interface SchematicMap {
  outline: LonLat[];
  cells: { code: string; ring: LonLat[] }[];
}

type Xy = [number, number];

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_EQUATOR = 111.32;
/** Points on the circle the hull grows by: enough that the outline reads as rounded. */
const MARGIN_STEPS = 16;

function cross(o: Xy, a: Xy, b: Xy): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Andrew's monotone chain: the convex hull, counter-clockwise, without repeating the first point. */
export function convexHull(points: readonly Xy[]): Xy[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const lower: Xy[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as Xy, lower[lower.length - 1] as Xy, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Xy[] = [];
  for (const p of [...sorted].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2] as Xy, upper[upper.length - 1] as Xy, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Keeps the part of `polygon` where a·x + b·y ≤ c. */
export function clipHalfPlane(polygon: readonly Xy[], a: number, b: number, c: number): Xy[] {
  const out: Xy[] = [];
  const inside = (p: Xy) => a * p[0] + b * p[1] <= c + 1e-12;
  for (let i = 0; i < polygon.length; i++) {
    const cur = polygon[i] as Xy;
    const prev = polygon[(i + polygon.length - 1) % polygon.length] as Xy;
    const curIn = inside(cur);
    const prevIn = inside(prev);
    if (curIn !== prevIn) {
      const dPrev = a * prev[0] + b * prev[1] - c;
      const dCur = a * cur[0] + b * cur[1] - c;
      const t = dPrev / (dPrev - dCur);
      out.push([prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])]);
    }
    if (curIn) out.push(cur);
  }
  return out;
}

/** The cell of `centres[i]` inside `outline`. */
function voronoiCell(outline: readonly Xy[], centres: readonly Xy[], i: number): Xy[] {
  const p = centres[i] as Xy;
  let cell: Xy[] = [...outline];
  for (let j = 0; j < centres.length && cell.length > 0; j++) {
    if (j === i) continue;
    const q = centres[j] as Xy;
    // |x − p|² ≤ |x − q|²  ⇔  2(q − p)·x ≤ |q|² − |p|²
    cell = clipHalfPlane(cell, 2 * (q[0] - p[0]), 2 * (q[1] - p[1]), q[0] ** 2 + q[1] ** 2 - p[0] ** 2 - p[1] ** 2);
  }
  return cell;
}

/** The map of `centres` (at least one) with the hull grown by `marginKm`. */
export function schematicMap(centres: readonly Centre[], marginKm = 7): SchematicMap {
  if (centres.length === 0) throw new RangeError('schematicMap: no centres');
  const lat0 = centres.reduce((s, c) => s + c.lat, 0) / centres.length;
  const kmPerLon = KM_PER_DEGREE_LON_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  const toXy = (c: { lat: number; lon: number }): Xy => [c.lon * kmPerLon, c.lat * KM_PER_DEGREE_LAT];
  const round = (v: number) => Math.round(v * 1e5) / 1e5; // ~1 m
  const toLonLat = ([x, y]: Xy): LonLat => [round(x / kmPerLon), round(y / KM_PER_DEGREE_LAT)];

  const points = centres.map(toXy);
  const grown: Xy[] = points.flatMap(([x, y]) =>
    Array.from({ length: MARGIN_STEPS }, (_, k): Xy => {
      const angle = (2 * Math.PI * k) / MARGIN_STEPS;
      return [x + marginKm * Math.cos(angle), y + marginKm * Math.sin(angle)];
    }),
  );
  const outline = convexHull(grown);
  const cells = centres.map((c, i) => ({ code: c.code, ring: voronoiCell(outline, points, i).map(toLonLat) }));
  return { outline: outline.map(toLonLat), cells };
}

/** A ring closed as GeoJSON wants it (first position repeated last). */
export function closeRing(ring: readonly LonLat[]): LonLat[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last) return [];
  return first[0] === last[0] && first[1] === last[1] ? [...ring] : [...ring, first];
}
