/**
 * Checks an admin's GeoJSON (RFC 7946) before it becomes the map of a unit's areas: each feature
 * names a unit directly under the unit (`properties.code`, or `unitCode`/`ma`), once; each ring is
 * closed, has at least four positions (§3.1.6) and longitudes/latitudes in range. All or nothing:
 * every bad feature is reported (by `index`, with the field and a code), nothing is stored while
 * any is wrong.
 */
import { mapsApi, type ProblemPointer } from '@bluezone/protocol/api';
import { RolloutError } from '../rollout-error';

/** One area as stored: the unit it outlines and its polygons ([lon, lat] rings). */
export interface BoundaryArea {
  code: string;
  polygons: number[][][][];
}

/** More than this many positions is a map not simplified for a phone screen (and a slow page). */
export const MAX_POSITIONS = 60_000;

function unitCodeOf(properties: Record<string, unknown> | null): string | undefined {
  for (const key of mapsApi.UNIT_CODE_PROPERTIES) {
    const v = properties?.[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim().toUpperCase();
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  }
  return undefined;
}

function ringProblem(ring: readonly (readonly number[])[]): string | undefined {
  if (ring.length < 4) return `a ring has ${ring.length} positions, at least 4 are needed`;
  for (const p of ring) {
    const [lon, lat] = p;
    if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat))
      return 'a position is not [longitude, latitude]';
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return `position [${lon}, ${lat}] is out of range`;
  }
  const first = ring[0] as readonly number[];
  const last = ring[ring.length - 1] as readonly number[];
  if (first[0] !== last[0] || first[1] !== last[1])
    return 'a ring is not closed (its last position must repeat its first)';
  return undefined;
}

/** The areas of `upload`, or a `geojson_invalid` problem listing every bad feature. */
export function checkBoundaries(
  upload: mapsApi.UploadMapRequest,
  children: readonly { code: string }[],
): BoundaryArea[] {
  const allowed = new Set(children.map((u) => u.code));
  const seen = new Map<string, number>();
  const errors: ProblemPointer[] = [];
  const areas: BoundaryArea[] = [];
  let positions = 0;
  upload.features.forEach((feature, index) => {
    const code = unitCodeOf(feature.properties);
    if (code === undefined) {
      errors.push({
        index,
        field: 'properties.code',
        code: 'invalid_input',
        message: 'the feature names no unit code',
      });
      return;
    }
    if (!allowed.has(code)) {
      errors.push({
        index,
        field: 'properties.code',
        code: 'unknown_unit',
        message: `unit ${code} is not directly under this unit`,
      });
      return;
    }
    if (seen.has(code)) {
      errors.push({
        index,
        field: 'properties.code',
        code: 'conflict',
        message: `unit ${code} is outlined by feature ${seen.get(code)} too`,
      });
      return;
    }
    seen.set(code, index);
    const polygons =
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const problem =
      polygons.length === 0 || polygons.some((rings) => rings.length === 0)
        ? 'a polygon has no rings'
        : polygons
            .flat()
            .map(ringProblem)
            .find((p) => p !== undefined);
    if (problem !== undefined) {
      errors.push({ index, field: 'geometry.coordinates', code: 'geojson_invalid', message: problem });
      return;
    }
    positions += polygons.flat(2).length;
    areas.push({
      code,
      polygons: polygons.map((rings) => rings.map((r) => r.map((p) => [p[0] as number, p[1] as number]))),
    });
  });
  if (positions > MAX_POSITIONS) {
    errors.push({
      field: 'features',
      code: 'payload_too_large',
      message: `${positions} positions; simplify the boundaries to at most ${MAX_POSITIONS}`,
    });
  }
  if (errors.length > 0) {
    throw new RolloutError('geojson_invalid', `${errors.length} bad feature(s), nothing stored`, { errors });
  }
  return areas;
}
