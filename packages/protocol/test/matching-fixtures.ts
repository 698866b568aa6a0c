// Builds what a receiving phone would have recorded: advertisements derived from real TEKs
// with the protocol's own RPI/AEM functions, so matching is tested end to end.
import {
  associatedMetadataKey,
  type CryptoBackend,
  type DiagnosisKey,
  encodeMetadata,
  encryptMetadata,
  ReportType,
  rollingProximityId,
  rollingProximityIdKey,
  type Sighting,
} from '@bluezone/protocol';

export const DAY_START_ENIN = 2_700_000 - (2_700_000 % 144); // a UTC midnight in Nov 2021
export const MINUTE_MS = 60_000;
export const INTERVAL_MS = 600_000;

export function diagnosisKey(backend: CryptoBackend, overrides: Partial<DiagnosisKey> = {}): DiagnosisKey {
  return {
    keyData: backend.randomBytes(16),
    rollingStartIntervalNumber: DAY_START_ENIN,
    rollingPeriod: 144,
    transmissionRiskLevel: 0,
    reportType: ReportType.ConfirmedTest,
    ...overrides,
  };
}

/** What a receiver records when it hears `key`'s advertisement of interval `enin` at `timeMs`. */
export function sightingOf(
  backend: CryptoBackend,
  key: DiagnosisKey,
  enin: number,
  timeMs: number,
  { rssi = -60, txPowerDbm = -20, calibrationConfidence = 2, receiverModel = undefined as string | undefined } = {},
): Sighting {
  const rpi = rollingProximityId(backend, rollingProximityIdKey(backend, key.keyData), enin);
  const metadata = encodeMetadata({ majorVersion: 1, minorVersion: 0, calibrationConfidence, txPowerDbm });
  const aem = encryptMetadata(backend, associatedMetadataKey(backend, key.keyData), rpi, metadata);
  return { timeMs, rpi, aem, rssi, receiverModel };
}

/** An advertisement from a phone that never reported (random RPI and AEM). */
export function strangerSighting(backend: CryptoBackend, timeMs: number): Sighting {
  return { timeMs, rpi: backend.randomBytes(16), aem: backend.randomBytes(4), rssi: -70 };
}
