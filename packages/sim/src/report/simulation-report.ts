/**
 * What a run measured, as plain JSON: detection accuracy against ground truth, time from a
 * positive test to each F1's notification, the epidemic, battery-relevant counts, and (with a
 * sweep) infections averted per adoption level. `digest` is SHA-256 over the report without
 * wall-clock figures, so two runs with the same seed and inputs must print the same digest.
 */
import { createHash } from 'node:crypto';
import type { DailyCounts, SimulationResult } from '../simulation/simulation';
import { trueContactPhones } from '../simulation/true-contacts';
import { sortedQuantile } from '../sorted-quantile';
import { hoursToNotification } from './time-to-notification';

export interface AdoptionPoint {
  adoption: number;
  infections: number;
  averted: number;
  notifications: number;
}

export interface SimulationReport {
  scenario: {
    name: string;
    people: number;
    phones: number;
    days: number;
    seed: number;
    adoption: Record<string, number>;
  };
  riskConfiguration: string;
  /** The name of the estimator parameters that decided notifications (the served document's, or the defaults). */
  proximityParameters: string;
  epidemic: { infections: number; initialInfected: number; positives: number; uploads: number; days: DailyCounts[] };
  groundTruth: {
    closeContacts: number;
    closeContactsBetweenPhones: number;
    closeDistanceM: number;
    closeMinutes: number;
    /**
     * How app users' time within radio range of each other divides among the estimator's bands
     * (≤ 1, 1–2, 2–4 m and beyond, to the range): the district's counterpart of the band priors.
     */
    inRangeBandShares: { maxDistanceM: number; share: number }[];
  };
  detection: {
    /** App users with a close contact with an uploader on a day their keys cover. */
    trueF1: number;
    notified: number;
    truePositives: number;
    precision: number;
    recall: number;
  };
  /** Once per notification, from the positive result that made its day notify (time-to-notification.ts). */
  timeToNotificationHours: {
    count: number;
    median: number;
    p90: number;
    max: number;
    histogram: { fromHours: number; count: number }[];
  };
  battery: {
    advertisements: number;
    scans: number;
    sightingsRecorded: number;
    advertisementsPerPhoneDay: number;
    scansPerPhoneDay: number;
    sightingsPerPhoneDay: number;
  };
  matching: { checks: number; checksSkipped: number; keysMatched: number };
  sweep?: AdoptionPoint[];
  digest: string;
}

export function buildReport(r: SimulationResult, riskName: string, sweep?: AdoptionPoint[]): SimulationReport {
  const { population: pop, scenario } = r;
  // Truth: app users closer than the contact distance for long enough to an uploader, on a day its keys cover.
  const { phones: trueF1, closeContactsBetweenPhones: betweenPhones } = trueContactPhones(r);
  const notified = new Set(r.notifications.map((n) => n.phone));
  let tp = 0;
  for (const p of notified) if (trueF1.has(p)) tp++;
  const hours = hoursToNotification(r.notifications, r.positiveStep);
  const histogram: { fromHours: number; count: number }[] = [];
  for (let h = 0; h < 72; h += 6)
    histogram.push({ fromHours: h, count: hours.filter((x) => x >= h && x < h + 6).length });
  histogram.push({ fromHours: 72, count: hours.filter((x) => x >= 72).length });
  const phones = r.counters.phones;
  const phoneDays = Math.max(1, phones * scenario.days);
  const report: Omit<SimulationReport, 'digest'> = {
    scenario: {
      name: scenario.name,
      people: pop.size,
      phones,
      days: scenario.days,
      seed: r.seed,
      adoption: { ...scenario.adoption },
    },
    riskConfiguration: riskName,
    proximityParameters: r.proximity.name,
    epidemic: {
      infections: r.epidemic.infections,
      initialInfected: scenario.epidemic.initialInfected,
      positives: r.days.reduce((a, d) => a + d.positives, 0),
      uploads: r.uploads.length,
      days: r.days,
    },
    groundTruth: {
      closeContacts: r.contacts.contacts.length,
      closeContactsBetweenPhones: betweenPhones,
      closeDistanceM: scenario.contact.closeDistanceM,
      closeMinutes: scenario.contact.closeMinutes,
      inRangeBandShares: r.contacts.bandShares().map((share, i) => ({
        maxDistanceM: r.contacts.bandEdgesM[i] ?? scenario.radio.rangeM,
        share,
      })),
    },
    detection: {
      trueF1: trueF1.size,
      notified: notified.size,
      truePositives: tp,
      precision: notified.size === 0 ? 0 : tp / notified.size,
      recall: trueF1.size === 0 ? 0 : tp / trueF1.size,
    },
    timeToNotificationHours: {
      count: hours.length,
      median: sortedQuantile(hours, 0.5) ?? 0,
      p90: sortedQuantile(hours, 0.9) ?? 0,
      max: hours.at(-1) ?? 0,
      histogram,
    },
    battery: {
      advertisements: r.counters.advertisements,
      scans: r.counters.scans,
      sightingsRecorded: r.counters.readings,
      advertisementsPerPhoneDay: r.counters.advertisements / phoneDays,
      scansPerPhoneDay: r.counters.scans / phoneDays,
      sightingsPerPhoneDay: r.counters.readings / phoneDays,
    },
    matching: {
      checks: r.fleet.stats.checks,
      checksSkipped: r.fleet.stats.checksSkipped,
      keysMatched: r.fleet.stats.keysMatched,
    },
    ...(sweep ? { sweep } : {}),
  };
  return { ...report, digest: reportDigest(report) };
}

export function reportDigest(report: Omit<SimulationReport, 'digest'>): string {
  return createHash('sha256').update(JSON.stringify(report)).digest('hex');
}
