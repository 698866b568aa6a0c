/**
 * The district's people and places, built once from a scenario and a seed. Typed arrays indexed
 * by person and by place id keep 25,000 people in a few hundred kilobytes and the hot loops free
 * of object lookups.
 */
import type { Prng } from '../prng';
import { ADOPTION_GROUPS, type AdoptionGroup, type Scenario } from '../scenario/scenario';

export const PLACE_KINDS = ['home', 'classroom', 'office', 'market', 'bus', 'health', 'fields', 'guesthouse'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
const KIND = Object.fromEntries(PLACE_KINDS.map((k, i) => [k, i])) as Record<PlaceKind, number>;

/** Floor plan (m) of each kind: where positions are drawn. Fields are shared commune land. */
const PLACE_SIZE: Record<PlaceKind, [number, number]> = {
  home: [6, 8],
  classroom: [7, 9],
  office: [8, 12],
  market: [35, 35],
  bus: [2.5, 10],
  health: [10, 12],
  fields: [300, 300],
  guesthouse: [10, 12],
};

/** How often (steps of 5 min) people move to a new spot inside a place of this kind. */
export const MOVE_EVERY_STEPS: Record<PlaceKind, number> = {
  home: 6,
  classroom: 36,
  office: 12,
  market: 2,
  bus: 100,
  health: 3,
  fields: 12,
  guesthouse: 6,
};

export const GROUP = Object.fromEntries(ADOPTION_GROUPS.map((g, i) => [g, i])) as Record<AdoptionGroup, number>;

export interface Population {
  size: number;
  communeNames: string[];
  /** Per person. */
  group: Uint8Array;
  commune: Uint16Array;
  home: Int32Array;
  /** Classroom (students, teachers), office (staff) or -1. */
  work: Int32Array;
  /** Bus a student rides, or -1. */
  bus: Int32Array;
  hasApp: Uint8Array;
  /** Per place. */
  placeCount: number;
  placeKind: Uint8Array;
  placeCommune: Uint16Array;
  placeWidth: Float32Array;
  placeHeight: Float32Array;
  /** Per commune: its market, health station and fields. */
  market: Int32Array;
  health: Int32Array;
  fields: Int32Array;
}

export function placeKindName(kind: number): PlaceKind {
  return PLACE_KINDS[kind] ?? 'home';
}

export function buildPopulation(s: Scenario, prng: Prng): Population {
  const residents = s.communes.reduce((a, c) => a + c.population, 0);
  const size = residents + s.tourists;
  const kinds: number[] = [];
  const communes: number[] = [];
  const addPlace = (kind: PlaceKind, commune: number) => {
    kinds.push(KIND[kind]);
    communes.push(commune);
    return kinds.length - 1;
  };
  const group = new Uint8Array(size);
  const commune = new Uint16Array(size);
  const home = new Int32Array(size);
  const work = new Int32Array(size).fill(-1);
  const bus = new Int32Array(size).fill(-1);
  const market = new Int32Array(s.communes.length);
  const health = new Int32Array(s.communes.length);
  const fields = new Int32Array(s.communes.length);
  let p = 0;
  s.communes.forEach((c, ci) => {
    market[ci] = addPlace('market', ci);
    health[ci] = addPlace('health', ci);
    fields[ci] = addPlace('fields', ci);
    const first = p;
    // Households: sizes 1 + Poisson-like draws around the scenario mean.
    while (p < first + c.population) {
      const h = addPlace('home', ci);
      const n = Math.max(1, Math.min(10, Math.round(s.householdSize + prng.normal() * 1.5)));
      for (let k = 0; k < n && p < first + c.population; k++, p++) {
        home[p] = h;
        commune[p] = ci;
        const u = prng.float();
        group[p] =
          u < s.studentShare ? GROUP.students : u < s.studentShare + s.staffShare ? GROUP.staff : GROUP.residents;
      }
    }
    // Schools: classrooms of classSize; one teacher (staff) each; other staff in offices.
    const students: number[] = [];
    const staff: number[] = [];
    for (let i = first; i < p; i++) {
      if (group[i] === GROUP.students) students.push(i);
      else if (group[i] === GROUP.staff) staff.push(i);
    }
    let room = -1;
    let bussed = 0;
    let busId = -1;
    students.forEach((i, k) => {
      if (k % s.classSize === 0) {
        room = addPlace('classroom', ci);
        const teacher = staff.pop();
        if (teacher !== undefined) work[teacher] = room;
      }
      work[i] = room;
      if (prng.chance(s.busRiders)) {
        if (bussed % s.busCapacity === 0) busId = addPlace('bus', ci);
        bus[i] = busId;
        bussed++;
      }
    });
    let office = -1;
    staff.forEach((i, k) => {
      if (k === 0) {
        // The health station's staff work where patients come.
        work[i] = health[ci] as number;
        return;
      }
      if ((k - 1) % s.officeSize === 0) office = addPlace('office', ci);
      work[i] = office;
    });
  });
  // Tourists: guesthouses of ten in the first commune (the district town).
  for (let k = 0; p < size; k++, p++) {
    if (k % 10 === 0) addPlace('guesthouse', 0);
    home[p] = kinds.length - 1;
    commune[p] = 0;
    group[p] = GROUP.tourists;
  }
  const hasApp = new Uint8Array(size);
  const adoption = ADOPTION_GROUPS.map((g) => s.adoption[g]);
  for (let i = 0; i < size; i++) hasApp[i] = prng.chance(adoption[group[i] as number] ?? 0) ? 1 : 0;
  const placeCount = kinds.length;
  const placeKind = Uint8Array.from(kinds);
  const placeWidth = new Float32Array(placeCount);
  const placeHeight = new Float32Array(placeCount);
  for (let q = 0; q < placeCount; q++) {
    const [w, h] = PLACE_SIZE[placeKindName(placeKind[q] as number)];
    placeWidth[q] = w;
    placeHeight[q] = h;
  }
  return {
    size,
    communeNames: s.communes.map((c) => c.name),
    group,
    commune,
    home,
    work,
    bus,
    hasApp,
    placeCount,
    placeKind,
    placeCommune: Uint16Array.from(communes),
    placeWidth,
    placeHeight,
    market,
    health,
    fields,
  };
}
