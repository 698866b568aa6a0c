/**
 * The units (communes, villages, agencies …) that unit-scoped web users — unit managers and
 * gatekeepers — belong to. Units are the rollout toolkit's; the key server only needs to know
 * that one exists when such a user is created or changed. A feature that keeps units provides
 * the directory (`Feature.provides`); without one, `ServerContext.units` is undefined and no
 * unit-scoped user can be created.
 */
export interface UnitDirectory {
  /** Resolves when a unit has this code; otherwise throws a ServerError (404 `unknown_unit`). */
  assertUnitExists(code: string): Promise<void>;
}
