/**
 * The synthetic workload of `bluezone bench match`: N diagnosis keys spread over 14 days and
 * an encounter log of M sightings, of which some are real advertisements of the keys
 * (RPIs and AEMs derived with the keys, at times inside their intervals). Deterministic
 * in shape, random in content; shared by the single- and multi-threaded runs.
 */
import {
  associatedMetadataKey,
  type DiagnosisKey,
  encodeMetadata,
  encryptMetadata,
  ReportType,
  rollingProximityIdKey,
  rollingProximityIds,
  type Sighting,
  TEK_ROLLING_PERIOD,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';

const INTERVAL_MS = 600_000;
export const DAYS = 14;
/** Sightings recorded per planted (met) key: one per interval over 40 minutes. */
const SIGHTINGS_PER_PLANTED_KEY = 4;

/** N keys over the last 14 days, their bytes in one buffer (no per-key allocation until streamed). */
export function generateKeys(n: number, lastDayStart: number, keyBytes = nodeBackend.randomBytes(n * 16)) {
  const startOf = (i: number) => lastDayStart - (i % DAYS) * TEK_ROLLING_PERIOD;
  const keyAt = (i: number): DiagnosisKey => ({
    keyData: keyBytes.subarray(i * 16, i * 16 + 16),
    rollingStartIntervalNumber: startOf(i),
    rollingPeriod: TEK_ROLLING_PERIOD,
    transmissionRiskLevel: 0,
    reportType: ReportType.ConfirmedTest,
  });
  function* stream(end = n, start = 0): Generator<DiagnosisKey> {
    for (let i = start; i < end; i++) yield keyAt(i);
  }
  return { keyBytes, keyAt, stream };
}

/** An encounter log: real advertisements of some keys (inside their intervals) among strangers'. */
export function generateEncounters(m: number, n: number, keyAt: (i: number) => DiagnosisKey) {
  const plantedKeys = Math.min(n, Math.max(1, Math.floor(m / 100)));
  const stride = Math.max(1, Math.floor(n / plantedKeys));
  const planted = new Set<Sighting>();
  const sightings: Sighting[] = [];
  for (let p = 0; p < plantedKeys && sightings.length + SIGHTINGS_PER_PLANTED_KEY <= m; p++) {
    const key = keyAt(p * stride);
    const rpik = rollingProximityIdKey(nodeBackend, key.keyData);
    const aemk = associatedMetadataKey(nodeBackend, key.keyData);
    const firstEnin = key.rollingStartIntervalNumber + ((p * 7) % (TEK_ROLLING_PERIOD - SIGHTINGS_PER_PLANTED_KEY));
    const rpis = rollingProximityIds(nodeBackend, rpik, firstEnin, SIGHTINGS_PER_PLANTED_KEY);
    const metadata = encodeMetadata({ majorVersion: 1, minorVersion: 0, calibrationConfidence: 2, txPowerDbm: -20 });
    for (let j = 0; j < SIGHTINGS_PER_PLANTED_KEY; j++) {
      const rpi = rpis.slice(j * 16, j * 16 + 16);
      const s: Sighting = {
        timeMs: (firstEnin + j) * INTERVAL_MS + 1000 * ((p + j) % 600),
        rpi,
        aem: encryptMetadata(nodeBackend, aemk, rpi, metadata),
        rssi: -55 - (j % 20),
      };
      planted.add(s);
      sightings.push(s);
    }
  }
  const firstMs = keyAt(DAYS - 1).rollingStartIntervalNumber * INTERVAL_MS;
  const spanMs = DAYS * TEK_ROLLING_PERIOD * INTERVAL_MS;
  const noise = nodeBackend.randomBytes((m - sightings.length) * 20);
  for (let i = 0; sightings.length < m; i++) {
    sightings.push({
      timeMs: firstMs + Math.floor((i * 7919 * 1000) % spanMs),
      rpi: noise.subarray(i * 20, i * 20 + 16),
      aem: noise.subarray(i * 20 + 16, i * 20 + 20),
      rssi: -80,
    });
  }
  return { sightings, planted };
}
