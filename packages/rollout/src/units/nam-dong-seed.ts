/**
 * Seed data: Nam Đông district, Thừa Thiên Huế province.
 *
 * OFFICIAL: the district (code 483) and its 10 communes/town with their codes, as in the
 * General Statistics Office list of administrative units (Decision 124/2004/QĐ-TTg codes)
 * for 2020–2024: Khe Tre town 20161, Hương Phú 20164, Hương Sơn 20167, Hương Lộc 20170,
 * Thượng Quảng 20173, Hương Xuân 20179, Hương Hữu 20182, Thượng Lộ 20185, Thượng Long 20188,
 * Thượng Nhật 20191.
 *
 * ILLUSTRATIVE (demo data, not official): every population figure, every village
 * ("Thôn 1…"), every organisation, person in charge and phone number below. Replace them with
 * the district's own lists through `bluezone rollout units import`.
 */
import { DEFAULT_TARGET_SHARE, defaultTargetGroup, type Unit, type UnitKind } from './unit';

const OFFICIAL_COMMUNES: readonly [code: string, name: string, kind: UnitKind][] = [
  ['20161', 'Thị trấn Khe Tre', 'town'],
  ['20164', 'Xã Hương Phú', 'commune'],
  ['20167', 'Xã Hương Sơn', 'commune'],
  ['20170', 'Xã Hương Lộc', 'commune'],
  ['20173', 'Xã Thượng Quảng', 'commune'],
  ['20179', 'Xã Hương Xuân', 'commune'],
  ['20182', 'Xã Hương Hữu', 'commune'],
  ['20185', 'Xã Thượng Lộ', 'commune'],
  ['20188', 'Xã Thượng Long', 'commune'],
  ['20191', 'Xã Thượng Nhật', 'commune'],
];

// Illustrative populations, in the range of a mountain district of about 26,000 people.
const ILLUSTRATIVE_POPULATION: Record<string, number> = {
  '20161': 4200,
  '20164': 3900,
  '20167': 2300,
  '20170': 2100,
  '20173': 2600,
  '20179': 1700,
  '20182': 2200,
  '20185': 1600,
  '20188': 2100,
  '20191': 2300,
};

/**
 * The demo health units' phones, so the resident app's exposure screen has a station to call.
 * Made up and meant to look it: mobile numbers (a unit's contact must be one, unit-csv.ts) of a
 * real network prefix, 090, with six zeros and the station's own ending (115 is the emergency
 * ambulance number, 173 the commune's code).
 */
const DEMO_HEALTH_PHONES: Record<string, string> = {
  '483-TTYT': '+84900000115',
  '20173-TYT': '+84900000173',
};

function unit(code: string, name: string, kind: UnitKind, parentCode: string | null, population: number): Unit {
  return {
    code,
    name,
    kind,
    parentCode,
    targetGroup: defaultTargetGroup(kind),
    population,
    targetShare: DEFAULT_TARGET_SHARE,
    personInCharge: null,
    contactPhone: null,
    archivedAt: null,
  };
}

export function namDongSeed(): Unit[] {
  const units: Unit[] = [];
  const communePop = Object.values(ILLUSTRATIVE_POPULATION).reduce((a, b) => a + b, 0);
  units.push(unit('483', 'Huyện Nam Đông', 'district', null, communePop));
  for (const [code, name, kind] of OFFICIAL_COMMUNES) {
    const pop = ILLUSTRATIVE_POPULATION[code] ?? 0;
    units.push(unit(code, name, kind, '483', pop));
    // Illustrative villages: four per commune, sharing its population.
    for (let i = 1; i <= 4; i++) {
      const label = kind === 'town' ? 'Tổ dân phố' : 'Thôn';
      units.push(unit(`${code}-${String(i).padStart(2, '0')}`, `${label} ${i}`, 'village', code, Math.round(pop / 4)));
    }
  }
  // Illustrative organisations (names modelled on the usual district bodies).
  const orgs: [string, string, UnitKind, string, number][] = [
    ['483-UBND', 'Ủy ban nhân dân huyện Nam Đông', 'agency', '483', 120],
    ['483-TTYT', 'Trung tâm Y tế huyện Nam Đông', 'health', '483', 150],
    ['483-DOAN', 'Huyện đoàn Nam Đông', 'youth_union', '483', 40],
    ['483-VIETTEL', 'Viettel Nam Đông', 'telecom', '483', 30],
    ['20161-THPT', 'Trường THPT Nam Đông', 'school', '20161', 900],
    ['20161-CHO', 'Chợ Khe Tre', 'business', '20161', 300],
    ['20161-QUAN', 'Quán cơm Khe Tre', 'business', '20161', 80],
    ['20164-THCS', 'Trường THCS Hương Phú', 'school', '20164', 450],
    ['20164-UBND', 'Ủy ban nhân dân xã Hương Phú', 'agency', '20164', 25],
    ['20173-TYT', 'Trạm Y tế xã Thượng Quảng', 'health', '20173', 8],
  ];
  for (const [code, name, kind, parent, pop] of orgs)
    units.push({ ...unit(code, name, kind, parent, pop), contactPhone: DEMO_HEALTH_PHONES[code] ?? null });
  return units;
}
