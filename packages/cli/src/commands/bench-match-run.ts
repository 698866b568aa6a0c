/**
 * The work of `bluezone bench match`, run in a child process of its own: times on-device matching of N diagnosis keys against an encounter
 * log of M sightings, against a baseline measured in the same run.
 *
 * The irreducible work of matching is, per key, one HKDF (RPIK), one AES key schedule and
 * one AES-ECB pass over its padded blocks (rolling period + 2 × 12). The baseline
 * (`aesSeconds`, the one `ratio` divides by) is exactly the AES part: the same block count
 * per key, each key its own cipher (`nodeBackend.aes128Ecb`, the call the matcher makes).
 * `bulkAesSeconds` is the same number of blocks under one key in 1 MiB buffers — raw AES
 * throughput, which no per-key scheme can reach. Key and encounter generation are not timed.
 *
 * A child process, so that `peakRssMb` is the memory of matching (node + tsx + the protocol)
 * and not of every module the CLI's other commands load. Usage: bench-match-run.ts N M;
 * prints one JSON line.
 */
import { hkdfSync } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  associatedMetadataKey,
  buildSightingIndex,
  createTekKeyDeriver,
  type DiagnosisKey,
  encodeMetadata,
  encryptMetadata,
  matchDiagnosisKeysSync,
  matchRange,
  ReportType,
  rollingProximityIdKey,
  rollingProximityIds,
  type Sighting,
  TEK_ROLLING_PERIOD,
  writePaddedData,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';

const INTERVAL_MS = 600_000;
const DAYS = 14;
/** Sightings recorded per planted (met) key: one per interval over 40 minutes. */
const SIGHTINGS_PER_PLANTED_KEY = 4;

export interface BenchMatchResult {
  keys: number;
  rpis: number;
  seconds: number;
  aesSeconds: number;
  ratio: number;
  recall: number;
  peakRssMb: number;
  bulkAesSeconds: number;
  encounters: number;
  planted: number;
  falsePositives: number;
  /** Building the index over the M sightings, included in `seconds`. */
  indexSeconds: number;
  /** Process CPU time of the matcher and of the baseline: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  aesCpuSeconds: number;
  cpuRatio: number;
  /** Per-key cost of the parts, µs, measured on a sample of keys. */
  perKeyMicros: { hkdfSpecialised: number; hkdfSync: number; aesPerKey: number; matcher: number };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

/** N keys over the last 14 days, their bytes in one buffer (no per-key allocation until streamed). */
function generateKeys(n: number, lastDayStart: number) {
  const keyBytes = nodeBackend.randomBytes(n * 16);
  const startOf = (i: number) => lastDayStart - (i % DAYS) * TEK_ROLLING_PERIOD;
  const keyAt = (i: number): DiagnosisKey => ({
    keyData: keyBytes.subarray(i * 16, i * 16 + 16),
    rollingStartIntervalNumber: startOf(i),
    rollingPeriod: TEK_ROLLING_PERIOD,
    transmissionRiskLevel: 0,
    reportType: ReportType.ConfirmedTest,
  });
  function* stream(count = n): Generator<DiagnosisKey> {
    for (let i = 0; i < count; i++) yield keyAt(i);
  }
  return { keyBytes, keyAt, stream };
}

/** An encounter log: real advertisements of some keys (inside their intervals) among strangers'. */
function generateEncounters(m: number, n: number, keyAt: (i: number) => DiagnosisKey) {
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

/** Per-key AES with each key's own cipher: the matcher's AES work and nothing else. */
function perKeyAes(keyAt: (i: number) => DiagnosisKey, n: number): number {
  const padded = new Uint8Array((TEK_ROLLING_PERIOD + 24) * 16);
  writePaddedData(padded, 0, TEK_ROLLING_PERIOD + 24);
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const key = keyAt(i);
    const { first, end } = matchRange(key);
    const out = nodeBackend.aes128Ecb(key.keyData, padded.subarray(0, (end - first) * 16));
    sink ^= out[0] as number;
  }
  return sink;
}

function bulkAes(blocks: number): number {
  const chunk = new Uint8Array(1 << 20);
  const key = nodeBackend.randomBytes(16);
  let sink = 0;
  for (let done = 0; done < blocks * 16; done += chunk.length) {
    const out = nodeBackend.aes128Ecb(key, chunk.subarray(0, Math.min(chunk.length, blocks * 16 - done)));
    sink ^= out[0] as number;
  }
  return sink;
}

function perKeyMicros(
  keyAt: (i: number) => DiagnosisKey,
  stream: (n: number) => Iterable<DiagnosisKey>,
  sample: number,
) {
  const derive = createTekKeyDeriver('EN-RPIK');
  const out = new Uint8Array(16);
  const empty = new Uint8Array(0);
  let t = process.hrtime.bigint();
  for (let i = 0; i < sample; i++) derive(keyAt(i).keyData, out);
  const hkdfSpecialised = (seconds(t) / sample) * 1e6;
  t = process.hrtime.bigint();
  for (let i = 0; i < sample; i++) hkdfSync('sha256', keyAt(i).keyData, empty, 'EN-RPIK', 16);
  const hkdfSyncMicros = (seconds(t) / sample) * 1e6;
  t = process.hrtime.bigint();
  perKeyAes(keyAt, sample);
  const aesPerKey = (seconds(t) / sample) * 1e6;
  t = process.hrtime.bigint();
  matchDiagnosisKeysSync(nodeBackend, stream(sample), []);
  const matcher = (seconds(t) / sample) * 1e6;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    hkdfSpecialised: round(hkdfSpecialised),
    hkdfSync: round(hkdfSyncMicros),
    aesPerKey: round(aesPerKey),
    matcher: round(matcher),
  };
}

export function benchMatch(n: number, m: number): BenchMatchResult {
  const lastDayStart = Math.floor(Date.now() / INTERVAL_MS / TEK_ROLLING_PERIOD) * TEK_ROLLING_PERIOD;
  const { keyAt, stream } = generateKeys(n, lastDayStart);
  const { sightings, planted } = generateEncounters(m, n, keyAt);

  // Warm both paths up (JIT, OpenSSL tables) on a slice before timing.
  const warm = Math.min(n, 20_000);
  matchDiagnosisKeysSync(nodeBackend, stream(warm), sightings);
  perKeyAes(keyAt, warm);

  let t = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  const index = buildSightingIndex(sightings);
  const indexSeconds = seconds(t);
  const result = matchDiagnosisKeysSync(nodeBackend, stream(), index);
  const matchSeconds = seconds(t);
  const matchCpuSeconds = cpuSeconds(cpu);

  t = process.hrtime.bigint();
  cpu = process.cpuUsage();
  perKeyAes(keyAt, n);
  const aesSeconds = seconds(t);
  const aesCpuSeconds = cpuSeconds(cpu);

  t = process.hrtime.bigint();
  bulkAes(result.rpisDerived);
  const bulkAesSeconds = seconds(t);

  let found = 0;
  let falsePositives = 0;
  for (const match of result.matches) {
    for (const s of match.sightings) {
      if (planted.has(s.sighting)) found++;
      else falsePositives++;
    }
  }
  const micros = perKeyMicros(keyAt, stream, Math.min(n, 50_000));
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  return {
    keys: n,
    rpis: result.rpisDerived,
    seconds: round(matchSeconds, 3),
    aesSeconds: round(aesSeconds, 3),
    ratio: round(matchSeconds / aesSeconds, 3),
    recall: planted.size === 0 ? 1 : found / planted.size,
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    bulkAesSeconds: round(bulkAesSeconds, 3),
    encounters: sightings.length,
    planted: planted.size,
    falsePositives,
    indexSeconds: round(indexSeconds, 3),
    cpuSeconds: round(matchCpuSeconds, 3),
    aesCpuSeconds: round(aesCpuSeconds, 3),
    cpuRatio: round(matchCpuSeconds / aesCpuSeconds, 3),
    perKeyMicros: micros,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [n, m] = process.argv.slice(2).map(Number);
  process.stdout.write(`${JSON.stringify(benchMatch(n as number, m as number))}\n`);
}
