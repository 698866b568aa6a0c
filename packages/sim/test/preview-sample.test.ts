/**
 * docs/accuracy.md: a run's preview sample re-scored under the parameters the run was served
 * reproduces the run's own figures. Here the sample is a real run's (`previewSampleOf`, what
 * `bluezone simulate --preview-sample` writes), from the readings and scan census the phones'
 * exposure checks handed to `onKeyMatched`.
 */
import { type PreviewResult, type PreviewSample, previewNotifications, previewPhoneNotified } from '@bluezone/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildReport,
  MIT_MATRIX_RADIO_FIT,
  previewSampleOf,
  RadioModel,
  runSimulation,
  type SimulationReport,
  type SimulationResult,
} from '../src/index';
import { smallScenario } from './small-scenario';

/** CPU-bound on a shared machine: the limit only catches a hang (simulation.test.ts). */
const RUN_TIMEOUT_MS = 900_000;

describe('a run’s preview sample', () => {
  let result: SimulationResult;
  let report: SimulationReport;
  let sample: PreviewSample;
  let own: PreviewResult;
  beforeAll(async () => {
    // simulation.test.ts's smallest run: two days of the village, seed 11.
    const radio = new RadioModel(MIT_MATRIX_RADIO_FIT);
    result = await runSimulation({ ...smallScenario(), days: 2 }, { seed: 11, radio });
    report = buildReport(result, 'cwa-v2');
    sample = previewSampleOf(result);
    // Each re-scoring runs the estimator over every matched reading: seconds, not milliseconds.
    own = previewNotifications(sample, result.proximity);
  }, RUN_TIMEOUT_MS);
  afterAll(() => result?.server.close());

  it('holds every matched phone, each key with its readings and the phone’s scans around them', () => {
    // Phones that matched a key, and notifications among them, or the comparison proves nothing.
    expect(sample.phones.length).toBeGreaterThan(20);
    expect(report.detection.notified).toBeGreaterThan(10);
    expect(report.detection.truePositives).toBeGreaterThan(0);
    expect(report.detection.truePositives).toBeLessThan(report.detection.trueF1);
    expect(sample.phones.length).toBe(result.fleet.matchedReadings.size);
    expect(sample.trueContacts).toBe(report.detection.trueF1);
    for (const p of sample.phones) {
      expect(p.keys.length).toBeGreaterThan(0);
      for (const k of p.keys) {
        expect(k.readings.length).toBeGreaterThan(0);
        expect(k.scans?.length).toBeGreaterThan(0);
      }
    }
  });

  it('re-scored under the run’s own parameters gives the report’s notified phones, true contacts, precision and recall', () => {
    const d = report.detection;
    expect(own).toEqual({
      notified: d.notified,
      truePositives: d.truePositives,
      trueContacts: d.trueF1,
      precision: d.precision,
      recall: d.recall,
    });
    // The same phones, not only as many: the sample lists the matched phones in order of id.
    const matched = [...result.fleet.matchedReadings.keys()].sort((a, b) => a - b);
    const rescored = matched.filter((_, i) =>
      previewPhoneNotified(
        sample.phones[i] as PreviewSample['phones'][number],
        result.proximity,
        sample.scanPeriodSeconds,
      ),
    );
    expect(rescored).toEqual([...new Set(result.notifications.map((n) => n.phone))].sort((a, b) => a - b));
  });

  it('re-scored under other parameters notifies differently', () => {
    const stricter = previewNotifications(sample, { ...result.proximity, notifyCloseMinutes: 120 });
    expect(stricter.notified).toBeLessThan(own.notified);
    expect(stricter.trueContacts).toBe(own.trueContacts);
  });
});
