/** Storage of uploaded maps: one row per unit, replaced by each upload, removed to go back to the schematic map. */
import type { RolloutDb } from '../rollout-db';
import type { BoundaryArea } from './boundary-geojson';

export interface StoredMap {
  unitCode: string;
  areas: BoundaryArea[];
  attribution: string;
  uploadedBy: string;
  uploadedAt: number;
}

export async function findStoredMap(db: RolloutDb, unitCode: string): Promise<StoredMap | undefined> {
  const row = await db.selectFrom('rollout_unit_map').selectAll().where('unit_code', '=', unitCode).executeTakeFirst();
  return (
    row && {
      unitCode: row.unit_code,
      areas: JSON.parse(row.areas_json) as BoundaryArea[],
      attribution: row.attribution,
      uploadedBy: row.uploaded_by,
      uploadedAt: Number(row.uploaded_at),
    }
  );
}

export async function saveStoredMap(db: RolloutDb, map: StoredMap): Promise<void> {
  const row = {
    unit_code: map.unitCode,
    areas_json: JSON.stringify(map.areas),
    attribution: map.attribution,
    uploaded_by: map.uploadedBy,
    uploaded_at: map.uploadedAt,
  };
  await db
    .insertInto('rollout_unit_map')
    .values(row)
    .onConflict((oc) => oc.column('unit_code').doUpdateSet(row))
    .execute();
}

export async function deleteStoredMap(db: RolloutDb, unitCode: string): Promise<void> {
  await db.deleteFrom('rollout_unit_map').where('unit_code', '=', unitCode).execute();
}
