/**
 * A run's sample for the configuration preview (@bluezone/protocol configuration-preview.ts):
 * every phone that matched an uploader's key, with what it heard of each key, and whether it
 * truly had a close contact with an uploader (true-contacts.ts). The web admin re-scores it
 * under edited parameters to show their precision and recall without running the simulator.
 */

import { SCAN_PERIOD_MS } from '@bluezone/client';
import { encodePreviewKey, PREVIEW_SAMPLE_FORMAT, type PreviewSample } from '@bluezone/protocol';
import type { SimulationResult } from './simulation';
import { trueContactPhones } from './true-contacts';

export function previewSampleOf(r: SimulationResult): PreviewSample {
  const truth = trueContactPhones(r).phones;
  const phones = [...r.fleet.matchedReadings]
    .sort((a, b) => a[0] - b[0])
    .map(([phone, keys]) => ({
      trueContact: truth.has(phone),
      keys: [...keys.values()].map(({ readings, scans }) => encodePreviewKey(readings, scans)),
    }));
  return {
    format: PREVIEW_SAMPLE_FORMAT,
    version: 1,
    source: `${r.scenario.name}, seed ${r.seed}, ${r.scenario.days} days`,
    scanPeriodSeconds: SCAN_PERIOD_MS / 1000,
    trueContacts: truth.size,
    phones,
  };
}
