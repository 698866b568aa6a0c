import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildReport,
  MIT_MATRIX_RADIO_FIT,
  parseScenario,
  RadioModel,
  runSimulation,
  type Scenario,
  type SimulationResult,
} from '../src/index';

/** A few hundred people, 3 days, an outbreak that tests and uploads quickly so the app has work to do. */
export function smallScenario(): Scenario {
  return parseScenario({
    name: 'test village',
    days: 3,
    communes: [
      { name: 'A', population: 200 },
      { name: 'B', population: 150 },
    ],
    tourists: 10,
    adoption: { staff: 0.8, students: 0.8, residents: 0.7, tourists: 0.5 },
    epidemic: {
      initialInfected: 25,
      latentDays: 0.5,
      infectiousDays: 5,
      symptomaticShare: 1,
      testDelayDays: 0,
      uploadShare: 1,
      quarantineCompliance: 1,
      transmissionPerMinute: 0.0004,
      // Positives on day 1 upload the same evening; their contacts of day 0–1 get notified.
    },
  });
}

const radio = new RadioModel(MIT_MATRIX_RADIO_FIT);
const DAY_MS = 86_400_000;

describe('simulation of a small village', () => {
  let result: SimulationResult;
  beforeAll(async () => {
    result = await runSimulation(smallScenario(), { seed: 11, radio, trackRange: true });
  }, 120_000);

  it('conserves people: every compartment total and every step’s places add up to the population', () => {
    const n = result.population.size;
    expect(n).toBe(360);
    for (const d of result.days) {
      expect(d.susceptible + d.exposed + d.infectious + d.recovered).toBe(n);
      expect(d.peoplePlaced).toBe(n);
    }
    expect(result.epidemic.infections).toBe(n - (result.days.at(-1)?.susceptible ?? 0));
  });

  it('records no sighting between phones that were never within radio range that day', () => {
    let checked = 0;
    const violations: string[] = [];
    const { radio: medium, contacts, population } = result;
    for (let r = 0; r < population.size; r++) {
      const log = medium.logs[r];
      if (!log) continue;
      if (population.hasApp[r] !== 1) violations.push(`receiver ${r} has no app`);
      for (let k = 0; k < log.length; k++) {
        const t = medium.owner(log.advId[k] as number);
        const day = Math.floor(((log.timeDs[k] as number) * 100) / DAY_MS);
        if (population.hasApp[t] !== 1 || contacts.rangeByDay[day]?.has(contacts.key(r, t)) !== true) {
          violations.push(`${r} heard ${t} on day ${day}`);
        }
        checked++;
      }
    }
    expect(violations.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('gives every long close contact between two app users sightings both ways', () => {
    const { radio: medium, contacts, population } = result;
    const heard = new Set<string>();
    for (let r = 0; r < population.size; r++) {
      const log = medium.logs[r];
      if (!log) continue;
      for (let k = 0; k < log.length; k++) {
        const day = Math.floor(((log.timeDs[k] as number) * 100) / DAY_MS);
        heard.add(`${day}:${r}:${medium.owner(log.advId[k] as number)}`);
      }
    }
    const between = contacts.contacts.filter((c) => population.hasApp[c.a] === 1 && population.hasApp[c.b] === 1);
    expect(between.length).toBeGreaterThan(50);
    for (const c of between) {
      expect(heard.has(`${c.day}:${c.a}:${c.b}`)).toBe(true);
      expect(heard.has(`${c.day}:${c.b}:${c.a}`)).toBe(true);
    }
  });

  it('notifies true contacts of uploaders with sane precision and recall', () => {
    const report = buildReport(result, 'cwa-v2');
    expect(report.epidemic.uploads).toBeGreaterThan(0);
    expect(report.detection.trueF1).toBeGreaterThan(0);
    expect(report.detection.truePositives).toBeGreaterThan(0);
    expect(report.detection.precision).toBeGreaterThan(0.2);
    expect(report.detection.recall).toBeGreaterThan(0.3);
    expect(report.timeToNotificationHours.count).toBeGreaterThan(0);
    expect(report.timeToNotificationHours.median).toBeGreaterThanOrEqual(0);
    // Every notification was raised by keys the server really published.
    const uploaders = new Set(result.uploads.map((u) => u.phone));
    for (const n of result.notifications) for (const u of n.uploaders) expect(uploaders.has(u)).toBe(true);
    // Battery counts: each phone advertises ~4×/s and scans every 5 minutes.
    expect(report.battery.scansPerPhoneDay).toBe(288);
    expect(report.battery.advertisementsPerPhoneDay).toBe(4 * 86_400);
    expect(report.battery.sightingsPerPhoneDay).toBeGreaterThan(10);
  });

  it('skips only checks that could not match: full checks raise the same notifications', async () => {
    const twoDays = { ...smallScenario(), days: 2 };
    const sparse = await runSimulation(twoDays, { seed: 11, radio });
    const full = await runSimulation(twoDays, { seed: 11, radio, fullChecks: true });
    const key = (r: SimulationResult) => r.notifications.map((n) => `${n.phone}@${n.exposureDay}/${n.step}`).sort();
    expect(sparse.notifications.length).toBeGreaterThan(0);
    expect(key(full)).toEqual(key(sparse));
    expect(full.fleet.stats.checksSkipped).toBe(0);
    expect(full.fleet.stats.checks).toBeGreaterThan(sparse.fleet.stats.checks);
  }, 120_000);
});

describe('determinism', () => {
  it('gives the same report digest for the same seed and a different one for another seed', async () => {
    const s = { ...smallScenario(), days: 2 };
    const a = buildReport(await runSimulation(s, { seed: 5, radio }), 'cwa-v2');
    const b = buildReport(await runSimulation(s, { seed: 5, radio }), 'cwa-v2');
    const c = buildReport(await runSimulation(s, { seed: 6, radio }), 'cwa-v2');
    expect(b.digest).toBe(a.digest);
    expect(c.digest).not.toBe(a.digest);
  }, 120_000);
});
