/**
 * A UnitDirectory over a fixed set of codes: what the rollout toolkit provides in the whole
 * product (ServerContext.units), so the key server's account tests can create unit-scoped users
 * without it.
 */
import { ServerError } from '../../src/http/server-error';
import type { UnitDirectory } from '../../src/units/unit-directory';

export function fakeUnitDirectory(codes: readonly string[]): UnitDirectory {
  return {
    async assertUnitExists(code) {
      if (!codes.includes(code)) throw new ServerError('not_found', 404, `no unit with code ${code}`);
    },
  };
}
