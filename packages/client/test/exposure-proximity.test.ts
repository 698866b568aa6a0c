// The exposure check's notification decision from the proximity estimator: close minutes are
// estimated per matched key and stored on its windows, and a day is high risk when they reach
// notifyCloseMinutes, only among days whose windows count under the risk configuration.
import {
  buildExposureWindows,
  CWA_RISK_CONFIGURATION,
  DEFAULT_DATA_MAPPING,
  DEFAULT_PROXIMITY_PARAMETERS,
  type KeyMatch,
  ReportType,
  receiverActivityOfCounts,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import {
  keyReadings,
  LIKELY_PROBABILITY,
  proximityRiskDays,
  withCloseMinutes,
} from '../src/exposure/exposure-proximity';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
const receiver = { rssiCorrection: 0, txPower: -24 };

/** A key heard in GAEN-like scans every 5 minutes for `minutes`, at attenuation −24 − rssi (TX power −24 dBm). */
function match(minutes: number, rssi: number, reportType = ReportType.ConfirmedTest): KeyMatch {
  const sightings = [];
  for (let m = 0; m < minutes; m += 5) {
    for (const dt of [0, 1000]) {
      sightings.push({
        sighting: { timeMs: T0 + m * 60_000 + dt, rpi: new Uint8Array(16), aem: new Uint8Array(4), rssi },
        enin: Math.floor((T0 + m * 60_000) / 600_000),
        metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 0, txPowerDbm: -24 },
      });
    }
  }
  return {
    key: {
      keyData: new Uint8Array(16),
      rollingStartIntervalNumber: 0,
      rollingPeriod: 144,
      transmissionRiskLevel: 0,
      reportType,
    },
    sightings,
  };
}

function windowsOf(m: KeyMatch) {
  const options = { dataMapping: DEFAULT_DATA_MAPPING, receiverCalibration: () => receiver, scanIntervalSeconds: 300 };
  return withCloseMinutes(keyReadings(m, receiver), buildExposureWindows(m, options));
}

describe('exposure check with the proximity estimator', () => {
  it('stores each window with its share of the day\u2019s close minutes', () => {
    const w = windowsOf(match(60, -73)); // 49 dB: clearly near
    expect(w.length).toBeGreaterThan(1);
    const total = w.reduce((s, x) => s + (x.closeMinutes ?? 0), 0);
    expect(total).toBeGreaterThanOrEqual(40);
  });

  it('notifies a long near contact, not a long far one nor a short near one', () => {
    const near = proximityRiskDays(windowsOf(match(60, -73)), CWA_RISK_CONFIGURATION);
    expect(near.map((d) => d.level)).toEqual(['high']);
    const far = proximityRiskDays(windowsOf(match(60, -103)), CWA_RISK_CONFIGURATION); // 79 dB
    expect(far.every((d) => d.level !== 'high')).toBe(true);
    const short = proximityRiskDays(windowsOf(match(10, -73)), CWA_RISK_CONFIGURATION);
    expect(short.every((d) => d.level !== 'high')).toBe(true);
  });

  it('follows notifyCloseMinutes and the configuration\u2019s report-type weights', () => {
    const w = windowsOf(match(60, -73));
    expect(
      proximityRiskDays(w, CWA_RISK_CONFIGURATION, { ...DEFAULT_PROXIMITY_PARAMETERS, notifyCloseMinutes: 90 })[0]
        ?.level,
    ).toBe('low');
    const revoked = windowsOf(match(60, -73, ReportType.Revoked));
    expect(proximityRiskDays(revoked, CWA_RISK_CONFIGURATION)).toEqual([]);
  });

  it('reports the day’s uncertainty: an interval around the close minutes, a probability and its wording', () => {
    const sure = proximityRiskDays(windowsOf(match(120, -66)), CWA_RISK_CONFIGURATION)[0]?.estimate; // 42 dB for 2 h
    if (!sure) throw new Error('no estimate');
    expect(sure.lowCloseMinutes).toBeLessThanOrEqual(sure.closeMinutes);
    expect(sure.closeMinutes).toBeLessThanOrEqual(sure.highCloseMinutes);
    expect(sure.probability).toBeGreaterThanOrEqual(LIKELY_PROBABILITY);
    expect(sure.confidence).toBe('likely');
    const unsure = proximityRiskDays(windowsOf(match(30, -90)), CWA_RISK_CONFIGURATION)[0]?.estimate; // 66 dB for 30 min
    if (!unsure) throw new Error('no estimate');
    expect(unsure.probability).toBeLessThan(sure.probability);
    expect(unsure.probability).toBeLessThan(LIKELY_PROBABILITY);
    expect(unsure.confidence).toBe('possible');
    expect(unsure.highCloseMinutes - unsure.lowCloseMinutes).toBeGreaterThan(0);
  });

  it('classifies windows stored without an estimate as the configuration does', () => {
    const legacy = windowsOf(match(60, -73)).map(({ closeMinutes: _, ...w }) => w);
    expect(proximityRiskDays(legacy, CWA_RISK_CONFIGURATION)[0]?.level).toBe('high');
  });
});

describe('the phone’s own scans in the estimate', () => {
  /** The census of a phone whose every scan slot over the key's hour heard `heard` identifiers. */
  const census = (heard: number) =>
    receiverActivityOfCounts(
      Array.from({ length: 13 }, (_, k) => ({ timeMs: T0 + k * 300_000, heard })),
      DEFAULT_PROXIMITY_PARAMETERS.binSeconds,
    );
  const options = { dataMapping: DEFAULT_DATA_MAPPING, receiverCalibration: () => receiver, scanIntervalSeconds: 300 };
  const closeMinutes = (m: KeyMatch, heard?: number) =>
    withCloseMinutes(
      keyReadings(m, receiver),
      buildExposureWindows(m, options),
      DEFAULT_PROXIMITY_PARAMETERS,
      300,
      heard === undefined ? undefined : census(heard),
    ).reduce((s, w) => s + (w.closeMinutes ?? 0), 0);

  it('counts fewer close minutes for a key heard among twenty than among four, at the same level', () => {
    const m = match(60, -88); // 64 dB: between the close and mid bands
    const few = closeMinutes(m, 4);
    const crowd = closeMinutes(m, 20);
    expect(crowd).toBeLessThan(few * 0.75);
    // A clearly near key (49 dB for an hour) still reaches the notify threshold in the crowd.
    expect(closeMinutes(match(60, -73), 20)).toBeGreaterThanOrEqual(DEFAULT_PROXIMITY_PARAMETERS.notifyCloseMinutes);
  });

  it('takes silence in scans that heard others as the key’s phone being away', () => {
    // Heard in the first 20 minutes only, while the phone's scans went on hearing others for an hour.
    const m = match(20, -80);
    expect(closeMinutes(m, 4)).toBeLessThanOrEqual(closeMinutes(m) + 1e-9);
  });
});
