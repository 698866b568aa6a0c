/**
 * Longitude/latitude polygons to SVG paths fitted to a width: an equirectangular projection about
 * the map's mean latitude (at a district's scale indistinguishable from a conformal one), y down.
 * Pure; the map component draws what it returns.
 */
export type Polygons = number[][][][];

export interface ProjectedMap {
  width: number;
  height: number;
  /** Each area's path (`d`), by code. */
  paths: Map<string, string>;
  /** Where each area's label goes: the centroid of its largest outer ring. */
  labels: Map<string, { x: number; y: number; width: number }>;
  outline: string;
}

type Xy = [number, number];

function ringArea(ring: readonly Xy[]): number {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i] as Xy;
    const [x2, y2] = ring[(i + 1) % ring.length] as Xy;
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

function ringCentroid(ring: readonly Xy[]): Xy {
  const a = ringArea(ring);
  if (Math.abs(a) < 1e-9) {
    const n = ring.length || 1;
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i] as Xy;
    const [x2, y2] = ring[(i + 1) % ring.length] as Xy;
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

export function projectMap(
  areas: readonly { code: string; polygons: Polygons }[],
  outline: Polygons,
  width: number,
  padding = 6,
): ProjectedMap {
  const all = [...areas.flatMap((a) => a.polygons), ...outline].flat(2);
  const lats = all.map((p) => p[1] as number);
  const lons = all.map((p) => p[0] as number);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - 2 * padding) / spanX;
  const height = Math.ceil(spanY * scale + 2 * padding);
  const project = (p: number[]): Xy => [
    padding + ((p[0] as number) - minLon) * k * scale,
    padding + (maxLat - (p[1] as number)) * scale,
  ];
  const pathOf = (polygons: Polygons) =>
    polygons
      .flatMap((rings) =>
        rings.map(
          (ring) =>
            `M${ring
              .map((p) =>
                project(p)
                  .map((v) => v.toFixed(1))
                  .join(','),
              )
              .join('L')}Z`,
        ),
      )
      .join('');
  const paths = new Map<string, string>();
  const labels = new Map<string, { x: number; y: number; width: number }>();
  for (const a of areas) {
    paths.set(a.code, pathOf(a.polygons));
    const outers = a.polygons.map((rings) => (rings[0] ?? []).map(project));
    const largest = outers.reduce<Xy[]>((best, r) => (Math.abs(ringArea(r)) > Math.abs(ringArea(best)) ? r : best), []);
    if (largest.length > 0) {
      const [x, y] = ringCentroid(largest);
      const xs = largest.map((p) => p[0]);
      labels.set(a.code, { x, y, width: Math.max(...xs) - Math.min(...xs) });
    }
  }
  return { width, height, paths, labels, outline: pathOf(outline) };
}
