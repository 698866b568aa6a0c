import { parseScenario, type Scenario } from '../src/index';

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
