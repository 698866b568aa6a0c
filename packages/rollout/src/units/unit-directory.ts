/**
 * The key server's UnitDirectory (its core interface for the units unit-scoped web users belong
 * to), implemented by the units table: `bluezone user create --unit CODE` and the admin screens
 * check the code here.
 */
import type { Database, UnitDirectory } from '@bluezone/server';
import { rolloutDb } from '../rollout-db';
import { getUnit } from './units-repository';

export function unitDirectory(database: Database): UnitDirectory {
  const db = rolloutDb(database);
  return {
    async assertUnitExists(code) {
      await getUnit(db, code);
    },
  };
}
