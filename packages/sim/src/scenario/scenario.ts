/**
 * A simulated place: communes with their populations, the share of students and staff, places
 * sizes, adoption of the app per group, the contact definition, the radio and the epidemic.
 * Files are YAML or JSON; everything but `name` and `communes` has a default, and invalid
 * values are rejected with the path of the offending field.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SimError } from '../sim-error';

const share = z.number().min(0).max(1);

export const ADOPTION_GROUPS = ['staff', 'students', 'residents', 'tourists'] as const;
export type AdoptionGroup = (typeof ADOPTION_GROUPS)[number];

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    /** First simulated day (UTC), YYYY-MM-DD; weekends follow the calendar. */
    startDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
      .default('2026-03-02'),
    days: z.number().int().min(1).max(60).default(14),
    communes: z
      .array(z.object({ name: z.string().min(1), population: z.number().int().min(1).max(1_000_000) }).strict())
      .min(1),
    householdSize: z.number().min(1).max(12).default(4.2),
    /** Shares of residents who are pupils and who work in offices, schools, the health station. */
    studentShare: share.default(0.2),
    staffShare: share.default(0.1),
    /** Visitors staying in guesthouses of the first commune. */
    tourists: z.number().int().min(0).default(0),
    classSize: z.number().int().min(5).max(80).default(35),
    officeSize: z.number().int().min(2).max(200).default(15),
    busCapacity: z.number().int().min(5).max(100).default(40),
    /** Share of students who ride a school bus. */
    busRiders: share.default(0.3),
    /** Probability a resident goes to the market on a given day. */
    marketVisits: share.default(0.3),
    adoption: z
      .object({
        staff: share.default(0.6),
        students: share.default(0.4),
        residents: share.default(0.3),
        tourists: share.default(0.2),
      })
      .strict()
      .default({ staff: 0.6, students: 0.4, residents: 0.3, tourists: 0.2 }),
    contact: z
      .object({
        closeDistanceM: z.number().positive().max(10).default(2),
        closeMinutes: z.number().int().min(5).max(1440).default(15),
      })
      .strict()
      .default({ closeDistanceM: 2, closeMinutes: 15 }),
    radio: z
      .object({
        /** Pairs farther apart than this never hear each other in the simulation (walls, body, sensitivity). */
        rangeM: z.number().positive().max(100).default(10),
        /** Advertisements heard per scan (GAEN scans ~4 s: one every 200–270 ms, fewer through bodies). */
        readingsPerScan: z.number().int().min(1).max(16).default(2),
      })
      .strict()
      .default({ rangeM: 10, readingsPerScan: 2 }),
    epidemic: z
      .object({
        initialInfected: z.number().int().min(0).default(10),
        /** Infection hazard per minute at ≤ 1 m; falls with 1/d² beyond (droplet/aerosol dose). */
        transmissionPerMinute: z.number().min(0).max(1).default(0.0004),
        latentDays: z.number().min(0.5).max(14).default(3),
        infectiousDays: z.number().min(1).max(30).default(7),
        symptomaticShare: share.default(0.6),
        testDelayDays: z.number().min(0).max(14).default(2),
        /** F0s with the app who enter their code and upload keys. */
        uploadShare: share.default(0.8),
        /** Notified F1s who stay home for 10 days and get tested. */
        quarantineCompliance: share.default(0.7),
      })
      .strict()
      .default({
        initialInfected: 10,
        transmissionPerMinute: 0.0004,
        latentDays: 3,
        infectiousDays: 7,
        symptomaticShare: 0.6,
        testDelayDays: 2,
        uploadShare: 0.8,
        quarantineCompliance: 0.7,
      }),
    /** Phones check for new keys every this many hours (GAEN allows up to 6 checks a day). */
    checkEveryHours: z.number().int().min(1).max(24).default(4),
    /** An F0 with the app enters the code and uploads within this many hours of the result. */
    uploadWithinHours: z.number().min(0).max(72).default(6),
  })
  .strict();

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Validates an already-parsed object; `source` names it in errors. */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new SimError('invalid_scenario', `${source}: ${path}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Reads a YAML (.yaml/.yml) or JSON scenario file. */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SimError('invalid_scenario', `cannot read scenario ${path}: ${(err as Error).message}`, { cause: err });
  }
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new SimError(
      'invalid_scenario',
      `${path}: not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(err as Error).message}`,
    );
  }
  return parseScenario(value, path);
}

/** Scales every commune so the total population is about `people` (the `--people` option). */
export function scalePopulation(s: Scenario, people: number): Scenario {
  const total = s.communes.reduce((a, c) => a + c.population, 0);
  const f = people / total;
  return { ...s, communes: s.communes.map((c) => ({ ...c, population: Math.max(1, Math.round(c.population * f)) })) };
}

/** Sets every group's adoption to one level (the `--adoption` sweep). */
export function withAdoption(s: Scenario, level: number): Scenario {
  return { ...s, adoption: { staff: level, students: level, residents: level, tourists: level } };
}
