/**
 * GET /api/rollout/maps/:code: the map of a unit's areas — the boundaries an admin uploaded, or
 * else a schematic map from the bundled commune centres; POST (admins): upload boundaries as
 * GeoJSON, or an empty FeatureCollection to go back to the schematic map.
 */
import { mapsApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext } from '@bluezone/server';
import type { Hono } from 'hono';
import { isRolloutAdmin, scopedUnit } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import type { Unit } from '../units/unit';
import { type BoundaryArea, checkBoundaries } from './boundary-geojson';
import { NAM_DONG_COMMUNE_CENTRES, SCHEMATIC_ATTRIBUTION } from './commune-centres';
import { deleteStoredMap, findStoredMap, type StoredMap, saveStoredMap } from './maps-repository';
import { closeRing, schematicMap } from './schematic-map';

/** A schematic map needs at least this many placed areas to mean anything. */
const MIN_SCHEMATIC_AREAS = 3;

function nameOf(units: readonly Unit[], code: string): string {
  return units.find((u) => u.code === code)?.name ?? code;
}

function uploadedMap(stored: StoredMap, units: readonly Unit[]): api.UnitMap {
  return {
    unitCode: stored.unitCode,
    source: 'uploaded',
    attribution: stored.attribution,
    outline: [],
    areas: stored.areas.map((a: BoundaryArea) => ({ code: a.code, name: nameOf(units, a.code), polygons: a.polygons })),
    uploadedAt: new Date(stored.uploadedAt).toISOString(),
    uploadedBy: stored.uploadedBy,
  };
}

/** The schematic map of `unit`'s children that have a bundled centre, or undefined when too few do. */
function schematicUnitMap(unit: Unit, units: readonly Unit[]): api.UnitMap | undefined {
  const children = new Set(units.filter((u) => u.parentCode === unit.code).map((u) => u.code));
  const centres = NAM_DONG_COMMUNE_CENTRES.filter((c) => children.has(c.code));
  if (centres.length < MIN_SCHEMATIC_AREAS) return undefined;
  const map = schematicMap(centres);
  return {
    unitCode: unit.code,
    source: 'schematic',
    attribution: SCHEMATIC_ATTRIBUTION,
    outline: [[closeRing(map.outline)]],
    areas: map.cells.map((c) => ({ code: c.code, name: nameOf(units, c.code), polygons: [[closeRing(c.ring)]] })),
    uploadedAt: null,
    uploadedBy: null,
  };
}

export function mapsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  app.get(api.getUnitMap.path, async (c) => {
    const { unit, units } = await scopedUnit(c, ctx, c.req.param('code') ?? '');
    const stored = await findStoredMap(db, unit.code);
    const map = stored ? uploadedMap(stored, units) : schematicUnitMap(unit, units);
    if (!map) throw new RolloutError('not_found', `no map of the areas of ${unit.code}`);
    return reply(c, api.getUnitMap, map);
  });

  app.post(api.uploadUnitMap.path, async (c) => {
    const { scope, unit, units } = await scopedUnit(c, ctx, c.req.param('code') ?? '');
    if (!isRolloutAdmin(c, scope)) throw new RolloutError('forbidden', 'only an admin may load a map');
    const upload = await parseBody(c, api.uploadUnitMap.request);
    const areas = checkBoundaries(
      upload,
      units.filter((u) => u.parentCode === unit.code),
    );
    if (areas.length === 0) {
      await deleteStoredMap(db, unit.code);
      ctx.logger.info('rollout map reset to schematic', { unit: unit.code, by: scope.label });
      const map = schematicUnitMap(unit, units);
      if (!map) throw new RolloutError('not_found', `no map of the areas of ${unit.code}`);
      return reply(c, api.uploadUnitMap, map);
    }
    const stored: StoredMap = {
      unitCode: unit.code,
      areas,
      attribution: upload.attribution?.trim() || '—',
      uploadedBy: scope.label,
      uploadedAt: ctx.clock.now(),
    };
    await saveStoredMap(db, stored);
    ctx.logger.info('rollout map uploaded', { unit: unit.code, areas: areas.length, by: scope.label });
    return reply(c, api.uploadUnitMap, uploadedMap(stored, units));
  });
}
