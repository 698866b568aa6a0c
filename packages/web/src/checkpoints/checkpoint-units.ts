/** The organisations under a unit that may have a checkpoint (agencies, schools, businesses…). */
import { ORGANISATION_KINDS, type unitsApi } from '@bluezone/protocol/api';

type Unit = Pick<unitsApi.Unit, 'code' | 'name' | 'kind' | 'parentCode'>;

const ORGANISATION = new Set<string>(ORGANISATION_KINDS);

/** The organisations among `code` and everything under it, in the order listed. */
export function organisationsUnder<U extends Unit>(code: string, units: readonly U[]): U[] {
  const children = new Map<string | null, U[]>();
  for (const u of units) children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u]);
  const inTree = new Set<string>([code]);
  const queue = [code];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const child of children.get(at) ?? []) {
      if (!inTree.has(child.code)) {
        inTree.add(child.code);
        queue.push(child.code);
      }
    }
  }
  return units.filter((u) => inTree.has(u.code) && ORGANISATION.has(u.kind));
}
