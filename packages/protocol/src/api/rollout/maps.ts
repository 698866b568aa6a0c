/**
 * Maps of a unit's areas (a district's communes) for the dashboard. Without boundaries of its own
 * a district gets a schematic map (cells around each commune's centre inside an outline, computed
 * by the toolkit); an admin can upload the district's real boundaries as GeoJSON (RFC 7946), each
 * feature naming the child unit it outlines in `properties.code`. The page draws the map as SVG:
 * nothing is fetched from a tile server.
 */
import * as z from 'zod/mini';
import { endpoint } from '../endpoint';

export const MAP_SOURCES = ['uploaded', 'schematic'] as const;
export type MapSource = (typeof MAP_SOURCES)[number];

/** A GeoJSON position: longitude, latitude (RFC 7946 §3.1.1; an altitude is ignored). */
const position = z.array(z.number());
/** A linear ring: closed (first = last), at least four positions (RFC 7946 §3.1.6). */
const ring = z.array(position);

const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) });
const multiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) });

/** The properties an uploaded feature names its unit with, in the order they are looked for. */
export const UNIT_CODE_PROPERTIES = ['code', 'unitCode', 'ma'] as const;

export const boundaryFeature = z.object({
  type: z.literal('Feature'),
  properties: z.nullable(z.record(z.string(), z.unknown())),
  geometry: z.discriminatedUnion('type', [polygon, multiPolygon]),
});

/** An admin's upload: the unit's areas; an empty list goes back to the schematic map. */
export const uploadMapRequest = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(boundaryFeature),
  /** Where the boundaries come from and their licence, shown under the map (e.g. "© OpenStreetMap contributors, ODbL"). */
  attribution: z.optional(z.string().check(z.maxLength(300))),
});

export const mapArea = z.object({
  /** The child unit the area outlines. */
  code: z.string(),
  name: z.string(),
  /** Polygons, each its rings (outer first, then holes), each ring [longitude, latitude] pairs. */
  polygons: z.array(z.array(z.array(z.array(z.number())))),
});

export const unitMap = z.object({
  unitCode: z.string(),
  source: z.enum(MAP_SOURCES),
  /** Whose data it is and under which licence; the page shows it under the map. */
  attribution: z.string(),
  /** The unit's own outline for the schematic map (empty for an upload: its areas are the map). */
  outline: z.array(z.array(z.array(z.array(z.number())))),
  areas: z.array(mapArea),
  uploadedAt: z.nullable(z.string()),
  uploadedBy: z.nullable(z.string()),
});

export const getUnitMap = endpoint({
  method: 'GET',
  path: '/api/rollout/maps/:code',
  response: unitMap,
});

/** Admins only. Problems: `geojson_invalid` with an entry per bad feature (`index`, `field`, `code`). */
export const uploadUnitMap = endpoint({
  method: 'POST',
  path: '/api/rollout/maps/:code',
  request: uploadMapRequest,
  response: unitMap,
});

export type UploadMapRequest = z.input<typeof uploadMapRequest>;
export type MapArea = z.infer<typeof mapArea>;
export type UnitMap = z.infer<typeof unitMap>;
