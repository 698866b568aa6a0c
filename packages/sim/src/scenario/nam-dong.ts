/**
 * The default scenario: a rural district shaped like Nam Đông (Thừa Thiên Huế), about 25,000
 * residents in 10 communes. Commune names are real; the population split is illustrative
 * (the district's total is about 25,000 — 2019 census order of magnitude), with Khe Tre town
 * the largest.
 */
import { parseScenario, type Scenario } from './scenario';

export const NAM_DONG_COMMUNES: readonly { name: string; population: number }[] = [
  { name: 'Khe Tre', population: 4600 },
  { name: 'Hương Phú', population: 3900 },
  { name: 'Hương Sơn', population: 2100 },
  { name: 'Hương Lộc', population: 2400 },
  { name: 'Thượng Quảng', population: 2000 },
  { name: 'Hương Xuân', population: 1800 },
  { name: 'Hương Hữu', population: 2300 },
  { name: 'Thượng Lộ', population: 1900 },
  { name: 'Thượng Long', population: 2200 },
  { name: 'Thượng Nhật', population: 1800 },
];

export function namDongScenario(): Scenario {
  return parseScenario({ name: 'Nam Đông (Thừa Thiên Huế)', communes: NAM_DONG_COMMUNES, tourists: 100 }, 'nam-dong');
}
