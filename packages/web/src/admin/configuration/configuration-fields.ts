/**
 * The values of the configuration document the admin's card edits, and the names the server's
 * configuration_invalid problem gives them (`proximity.decisionQuantile`, `advice.vi`,
 * `risk.highRiskMinutesPerDay`): each has a `field.<name>` in the catalogues, so a refusal names
 * the box to fix in the page's language.
 */
import { ADVICE_LANGUAGES } from '@bluezone/protocol';

/** The estimator parameters edited; everything else of the parameters stays as served. */
export const PROXIMITY_FIELDS = [
  'notifyCloseMinutes',
  'decisionQuantile',
  'encounterOffsetSdDb',
  'receiverOffsetSdDb',
  'receiverCarrySdDb',
  'crowdCloseCount',
] as const;
export type ProximityField = (typeof PROXIMITY_FIELDS)[number];

/**
 * The parts of the risk configuration (protocol risk-configuration.ts) a refusal of the chosen risk
 * may name; a deeper path (`risk.transmission.reportTypeWeights.selfReport`) is said as its part.
 */
export const RISK_PARTS = [
  'attenuationBucketThresholdDb',
  'attenuationBucketWeights',
  'attenuationOf',
  'transmission',
  'minimumWindowScore',
  'minimumMinutesAtAttenuation',
  'highRiskMinutesPerDay',
] as const;

/** Every field a save may be refused on, as the problem body names it (paths, not catalogue keys). */
export const EDITED_FIELDS: readonly string[] = [
  ...PROXIMITY_FIELDS.map((f) => ['proximity', f].join('.')),
  'advice',
  ...ADVICE_LANGUAGES.map((l) => ['advice', l].join('.')),
  'risk',
  ...RISK_PARTS.map((p) => ['risk', p].join('.')),
];
