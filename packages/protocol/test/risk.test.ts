// GAEN v2 risk scoring with the published Corona-Warn-App and DP-3T (SwissCovid) parameters;
// every expected number is worked out by hand in the comments.
import {
  CWA_RISK_CONFIGURATION,
  classifyDay,
  classifyDays,
  type DailySummary,
  type ExposureWindow,
  Infectiousness,
  ProtocolError,
  parseRiskConfiguration,
  ReportType,
  RISK_PRESETS,
  type RiskConfiguration,
  type ScanInstance,
  SWISSCOVID_RISK_CONFIGURATION,
  scoreExposureWindow,
  scoreExposureWindows,
  validateRiskConfiguration,
} from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';

const DAY = 1_636_934_400; // 2021-11-15T00:00:00Z
const scan = (
  minAttenuationDb: number,
  typicalAttenuationDb = minAttenuationDb,
  secondsSinceLastScan = 300,
): ScanInstance => ({
  minAttenuationDb,
  typicalAttenuationDb,
  secondsSinceLastScan,
});
const window = (scans: ScanInstance[], over: Partial<ExposureWindow> = {}): ExposureWindow => ({
  dayUnixSeconds: DAY,
  reportType: ReportType.ConfirmedTest,
  infectiousness: Infectiousness.Standard,
  calibrationConfidence: 2,
  scanInstances: scans,
  ...over,
});
const CWA = CWA_RISK_CONFIGURATION;

describe('CWA v2 parameters', () => {
  // Three 5-minute scans at minimum attenuation 55, 65 and 75 dB:
  // weighted seconds = 300 × 0.8 + 300 × 1.0 + 300 × 0.1 = 240 + 300 + 30 = 570 s = 9.5 min.
  const scans = [scan(55), scan(65), scan(75)];

  it('confirmed test, standard infectiousness: TRL 6 + 1 = 7, × 0.2 = 1.4; 9.5 min × 1.4 = 13.3 ≥ 13 → high', () => {
    const s = scoreExposureWindow(window(scans), CWA);
    expect(s?.weightedDurationSeconds).toBeCloseTo(570, 9);
    expect(s?.transmissionWeight).toBeCloseTo(1.4, 9);
    expect(s?.score).toBeCloseTo(798, 9); // 570 s × 1.4 = 798 s = 13.3 min
    const [day] = scoreExposureWindows([window(scans)], CWA);
    expect(classifyDay(day, CWA)).toBe('high');
  });

  it('self report: TRL 2 + 1 = 3, × 0.2 = 0.6; 9.5 × 0.6 = 5.7 min < 13 → low', () => {
    const [day] = scoreExposureWindows([window(scans, { reportType: ReportType.SelfReport })], CWA);
    expect((day as DailySummary).scoreSum / 60).toBeCloseTo(5.7, 9);
    expect(classifyDay(day, CWA)).toBe('low');
  });

  it('clinical diagnosis, high infectiousness: TRL 4 + 2 = 6 → 1.2; two windows 11.4 + 11.4 = 22.8 min → high by the daily sum', () => {
    const w = window(scans, { reportType: ReportType.ConfirmedClinicalDiagnosis, infectiousness: Infectiousness.High });
    const [day] = scoreExposureWindows([w, w], CWA);
    expect(day).toMatchObject({ dayUnixSeconds: DAY, windowCount: 2 });
    expect((day as DailySummary).maximumScore).toBeCloseTo(684, 9); // 570 × 1.2
    expect((day as DailySummary).scoreSum).toBeCloseTo(1368, 9);
    expect((day as DailySummary).weightedDurationSum).toBeCloseTo(1140, 9);
    expect(classifyDay(day, CWA)).toBe('high');
  });

  it('recursive reports (TRL 0 + 1 = 1 or 0 + 2 = 2) are dropped by the TRL filter 1..2', () => {
    for (const infectiousness of [Infectiousness.Standard, Infectiousness.High]) {
      expect(
        scoreExposureWindow(window(scans, { reportType: ReportType.Recursive, infectiousness }), CWA),
      ).toBeUndefined();
    }
  });

  it('drops a window with less than 5 minutes below 79 dB, keeps one with exactly 5', () => {
    // 4 min at 70 dB + 10 min at 85 dB: 4 < 5 → dropped.
    expect(scoreExposureWindow(window([scan(70, 70, 240), scan(85, 85, 600)]), CWA)).toBeUndefined();
    // 5 min at 78 dB: kept; 300 × 0.1 × 1.4 = 42 → low.
    const s = scoreExposureWindow(window([scan(78)]), CWA);
    expect(s?.score).toBeCloseTo(42, 9);
  });

  it('buckets the minimum attenuation, not the typical one', () => {
    // min 62 (≤ 62: weight 0.8) although typical 80 (other: 0): 300 × 0.8 × 1.4 = 336.
    expect(scoreExposureWindow(window([scan(62, 80)]), CWA)?.score).toBeCloseTo(336, 9);
    // min 63 falls in [63, 73): weight 1.0 → 420.
    expect(scoreExposureWindow(window([scan(63, 50)]), CWA)?.score).toBeCloseTo(420, 9);
  });
});

describe('revoked keys and NONE infectiousness', () => {
  for (const config of [CWA, SWISSCOVID_RISK_CONFIGURATION]) {
    it(`never count (${config.name})`, () => {
      const scans = [scan(40), scan(40), scan(40), scan(40)];
      const windows = [
        window(scans, { reportType: ReportType.Revoked }),
        window(scans, { infectiousness: Infectiousness.None }),
        window(scans, { reportType: ReportType.Unknown }),
      ];
      expect(scoreExposureWindows(windows, config)).toEqual([]);
      expect(classifyDays(scoreExposureWindows(windows, config), config)).toBe('none');
      // The same scans from a confirmed, infectious key do count.
      expect(classifyDays(scoreExposureWindows([window(scans)], config), config)).toBe('high');
    });
  }
});

describe('SwissCovid (DP-3T SDK defaults)', () => {
  it('weights typical attenuation < 50 by 1.0 and 50–54 by 0.5; 15 minutes per day is high', () => {
    // 2 scans at 45 dB (600 s × 1.0) + 3 at 52 dB (900 s × 0.5) + 2 at 60 dB (× 0) = 600 + 450 = 1050 s = 17.5 min.
    const scans = [scan(10, 45), scan(10, 45), scan(10, 52), scan(10, 52), scan(10, 52), scan(10, 60), scan(10, 60)];
    const [day] = scoreExposureWindows([window(scans)], SWISSCOVID_RISK_CONFIGURATION);
    expect(day?.scoreSum).toBeCloseTo(1050, 9);
    expect(classifyDay(day, SWISSCOVID_RISK_CONFIGURATION)).toBe('high');
    // Without the two 45 dB scans: 450 s = 7.5 min → low.
    const [lowDay] = scoreExposureWindows([window(scans.slice(2))], SWISSCOVID_RISK_CONFIGURATION);
    expect(classifyDay(lowDay, SWISSCOVID_RISK_CONFIGURATION)).toBe('low');
  });
});

describe('daily summaries', () => {
  it('aggregate per UTC day, oldest first, with GAEN weights and a minimum window score', () => {
    const config: RiskConfiguration = {
      ...SWISSCOVID_RISK_CONFIGURATION,
      transmission: {
        kind: 'weights',
        reportTypeWeights: { confirmedTest: 1, confirmedClinicalDiagnosis: 0.8, selfReport: 0.5, recursive: 0 },
        infectiousnessWeights: { standard: 1, high: 2 },
      },
      minimumWindowScore: 100,
    };
    const windows = [
      window([scan(10, 40)], { dayUnixSeconds: DAY + 86_400, infectiousness: Infectiousness.High }), // 300 × 1 × 2 = 600
      window([scan(10, 40)], { reportType: ReportType.SelfReport }), // 300 × 0.5 = 150
      window([scan(10, 52, 120)], { reportType: ReportType.SelfReport }), // 120 × 0.5 × 0.5 = 30 < 100: dropped
    ];
    expect(scoreExposureWindows(windows, config)).toEqual([
      { dayUnixSeconds: DAY, maximumScore: 150, scoreSum: 150, weightedDurationSum: 300, windowCount: 1 },
      { dayUnixSeconds: DAY + 86_400, maximumScore: 600, scoreSum: 600, weightedDurationSum: 300, windowCount: 1 },
    ]);
  });

  it('rejects an invalid configuration with a ProtocolError', () => {
    const bad = { ...CWA, attenuationBucketThresholdDb: [70, 60, 80] } as RiskConfiguration;
    expect(() => scoreExposureWindows([], bad)).toThrow(ProtocolError);
    expect(() => scoreExposureWindows([], { ...CWA, highRiskMinutesPerDay: 0 })).toThrow(/highRiskMinutesPerDay/);
  });
});

describe('risk configuration validation', () => {
  it('refuses non-object configurations with a ProtocolError, not a TypeError', () => {
    for (const bad of [undefined, null, 42, 'cwa', []]) {
      expect(() => validateRiskConfiguration(bad as unknown as RiskConfiguration)).toThrow(
        expect.objectContaining({ name: 'ProtocolError', code: 'invalid_config' }),
      );
    }
  });

  it('accepts the published CWA preset and refuses a broken threshold order', () => {
    expect(() => validateRiskConfiguration(CWA_RISK_CONFIGURATION)).not.toThrow();
    const broken = {
      ...CWA_RISK_CONFIGURATION,
      attenuationBucketThresholdDb: [70, 50, 60] as [number, number, number],
    };
    expect(() => validateRiskConfiguration(broken)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });
});

describe('parseRiskConfiguration', () => {
  it('returns every preset as it is', () => {
    for (const preset of Object.values(RISK_PRESETS)) expect(parseRiskConfiguration(preset)).toStrictEqual(preset);
  });

  it('leaves out what is not a RiskConfiguration field, nested fields too, and keeps the value it was given', () => {
    const cwa = CWA_RISK_CONFIGURATION;
    if (cwa.transmission.kind !== 'transmission-risk-level') throw new Error('CWA weighs by TRL');
    const withExtras = {
      ...cwa,
      comment: 'district file, edited by hand',
      transmission: {
        ...cwa.transmission,
        note: 'from the CWA repository',
        reportTypeOffsets: { ...cwa.transmission.reportTypeOffsets, revoked: 9 },
        infectiousnessOffsets: { ...cwa.transmission.infectiousnessOffsets, none: 9 },
        dropTrl: { ...cwa.transmission.dropTrl, why: 'low TRLs' },
      },
      minimumMinutesAtAttenuation: { ...cwa.minimumMinutesAtAttenuation, source: 'CWA' },
    };
    const copy = JSON.parse(JSON.stringify(withExtras)) as unknown;
    const parsed = parseRiskConfiguration(copy);
    expect(parsed).toStrictEqual(cwa);
    expect(JSON.stringify(parsed)).not.toMatch(/comment|note|revoked|none|why|source/);
    // The value given is not changed.
    expect(copy).toStrictEqual(withExtras);

    const swiss = SWISSCOVID_RISK_CONFIGURATION;
    if (swiss.transmission.kind !== 'weights') throw new Error('SwissCovid weighs by weights');
    const parsedSwiss = parseRiskConfiguration({
      ...swiss,
      extra: [1, 2],
      transmission: {
        ...swiss.transmission,
        reportTypeWeights: { ...swiss.transmission.reportTypeWeights, unknown: 1 },
        infectiousnessWeights: { ...swiss.transmission.infectiousnessWeights, none: 0 },
      },
    });
    expect(parsedSwiss).toStrictEqual(swiss);
  });

  it('refuses what validateRiskConfiguration refuses, a name that is not a text, and null nested objects, with a ProtocolError', () => {
    const refused = (value: unknown, message: RegExp) =>
      expect(() => parseRiskConfiguration(value)).toThrow(
        expect.objectContaining({
          name: 'ProtocolError',
          code: 'invalid_config',
          message: expect.stringMatching(message),
        }),
      );
    refused(null, /JSON object/);
    refused({ ...CWA_RISK_CONFIGURATION, highRiskMinutesPerDay: 0 }, /^highRiskMinutesPerDay/);
    refused({ ...CWA_RISK_CONFIGURATION, name: 7 }, /^name must be a text/);
    const { name: _, ...unnamed } = CWA_RISK_CONFIGURATION;
    refused(unnamed, /^name must be a text/);
    // null where an optional object goes is refused naming it, not a TypeError.
    refused({ ...CWA_RISK_CONFIGURATION, minimumMinutesAtAttenuation: null }, /^minimumMinutesAtAttenuation/);
    refused(
      { ...CWA_RISK_CONFIGURATION, transmission: { ...CWA_RISK_CONFIGURATION.transmission, dropTrl: null } },
      /^transmission\.dropTrl/,
    );
  });
});
