/**
 * Published risk parameters, as named presets.
 */
import type { RiskConfiguration } from './risk-configuration';

/**
 * Corona-Warn-App (Germany) v2 risk calculation, from corona-warn-app/cwa-server
 * `services/distribution/src/main/resources/main-config/v2/risk-calculation-parameters.yaml`
 * (commit 27da233a9bf6f0c31032c08bed3d8bbbe16aae5e), applied as in cwa-app-android
 * `de/rki/coronawarnapp/risk/DefaultRiskLevels.kt` (which buckets `minAttenuationDb`):
 * - minutes-at-attenuation-weights: [0, 63) → 0.8, [63, 73) → 1.0, [73, 79) → 0.1 (integer dB,
 *   so inclusive bounds 62 / 72 / 78; 79 and above weigh 0);
 * - minutes-at-attenuation-filters: drop a window with [0, 5) minutes at attenuation [0, 79);
 * - trlEncoding: report type offsets CONFIRMED_TEST 6, CONFIRMED_CLINICAL_DIAGNOSIS 4,
 *   SELF_REPORT 2, RECURSIVE 0; infectiousness offsets STANDARD 1, HIGH 2;
 *   trl-filters: drop TRL 1..2; transmission-risk-level-multiplier 0.2;
 * - normalized-time-per-day-to-risk-level-mapping: [0, 13) minutes LOW, [13, 99999] HIGH.
 * (An earlier version of the same file, commit fd252963, used [0,55) → 1.0, [55,63) → 0.5,
 * a 10-minute filter below 73 dB and a 15-minute threshold: `CWA_V1_THRESHOLDS_CONFIGURATION`.)
 */
export const CWA_RISK_CONFIGURATION: RiskConfiguration = {
  name: 'cwa-v2',
  attenuationBucketThresholdDb: [62, 72, 78],
  attenuationBucketWeights: [0.8, 1.0, 0.1, 0],
  attenuationOf: 'min',
  transmission: {
    kind: 'transmission-risk-level',
    reportTypeOffsets: { confirmedTest: 6, confirmedClinicalDiagnosis: 4, selfReport: 2, recursive: 0 },
    infectiousnessOffsets: { standard: 1, high: 2 },
    multiplier: 0.2,
    dropTrl: { min: 1, max: 2 },
  },
  minimumWindowScore: 0,
  minimumMinutesAtAttenuation: { maxAttenuationDb: 78, minutes: 5 },
  highRiskMinutesPerDay: 13,
};

/** Rules that weigh a key's report type and infectiousness alike: only time at attenuation counts. */
const EVERY_REPORT_WEIGHS_ONE: RiskConfiguration['transmission'] = {
  kind: 'weights',
  reportTypeWeights: { confirmedTest: 1, confirmedClinicalDiagnosis: 1, selfReport: 1, recursive: 1 },
  infectiousnessWeights: { standard: 1, high: 1 },
};

/**
 * The Corona-Warn-App's first thresholds (the same file at commit fd252963, quoted above) in this
 * shape: typical attenuation [0, 55) → 1.0, [55, 63) → 0.5, 63 and above 0; a window needs 10
 * minutes below 73 dB; 15 weighted minutes a day are high risk (every report type weighs 1: v1's
 * transmission risk scores were a separate factor, left out here). Not a preset a health authority
 * is offered (CWA itself replaced it); the accuracy tables score it because a strict rule of this
 * kind is what the outside evaluation's "Corona-Warn-App-style rule" figure reads like.
 */
export const CWA_V1_THRESHOLDS_CONFIGURATION: RiskConfiguration = {
  name: 'cwa-v1-thresholds',
  attenuationBucketThresholdDb: [54, 62, 72],
  attenuationBucketWeights: [1.0, 0.5, 0, 0],
  attenuationOf: 'typical',
  transmission: EVERY_REPORT_WEIGHS_ONE,
  minimumWindowScore: 0,
  minimumMinutesAtAttenuation: { maxAttenuationDb: 72, minutes: 10 },
  highRiskMinutesPerDay: 15,
};

/**
 * SwissCovid, from the defaults of the DP-3T SDK it is built on: DP-3T/dp3t-sdk-ios
 * `Sources/DP3TSDK/DP3TParameters.swift` (commit 40304eb9), `ContactMatching`:
 * lowerThreshold 50 dB, higherThreshold 55 dB, factorLow 1.0 (attenuation < 50),
 * factorHigh 0.5 (50 ≤ attenuation < 55), triggerThreshold 15 minutes. The SwissCovid
 * backend could override these at run time; the values served in production are not
 * published in the repositories we could read.
 */
export const SWISSCOVID_RISK_CONFIGURATION: RiskConfiguration = {
  name: 'swisscovid-dp3t-sdk',
  attenuationBucketThresholdDb: [49, 54, 54],
  attenuationBucketWeights: [1.0, 0.5, 0, 0],
  attenuationOf: 'typical',
  transmission: EVERY_REPORT_WEIGHS_ONE,
  minimumWindowScore: 0,
  highRiskMinutesPerDay: 15,
};

export const RISK_PRESETS: Readonly<Record<string, RiskConfiguration>> = {
  [CWA_RISK_CONFIGURATION.name]: CWA_RISK_CONFIGURATION,
  [SWISSCOVID_RISK_CONFIGURATION.name]: SWISSCOVID_RISK_CONFIGURATION,
};
