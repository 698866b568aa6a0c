/** Tables of maps (migration 0030): the boundaries an admin uploaded for a unit's areas. */

export interface RolloutUnitMapTable {
  /** The unit whose areas the map shows (a district: its communes). */
  unit_code: string;
  /** The areas as JSON: [{ code, polygons }] (names are read from the units at serving time). */
  areas_json: string;
  attribution: string;
  uploaded_by: string;
  uploaded_at: number;
}

export type MapsTables = {
  rollout_unit_map: RolloutUnitMapTable;
};
