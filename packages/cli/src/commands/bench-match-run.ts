/**
 * The work of `bluezone bench match`, run in a child process of its own: times on-device
 * matching of N diagnosis keys against an encounter log of M sightings, against a baseline
 * measured in the same run.
 *
 * The irreducible work of matching is, per key, one HKDF (RPIK), one AES key schedule and
 * one AES-ECB pass over its padded blocks (rolling period + 2 × 12). The baseline
 * (`aesSeconds`, the one `ratio` divides by) is exactly the AES part: the same block count
 * per key, each key its own cipher (`nodeBackend.aes128Ecb`, the call the matcher makes).
 * `bulkAesSeconds` is the same number of blocks under one key in 1 MiB buffers — raw AES
 * throughput, which no per-key scheme can reach. Key and encounter generation are not timed.
 *
 * A child process, so that `peakRssMb` is the memory of matching (node + the protocol, bundled
 * by packages/cli/build.mjs) and not of every module the CLI's other commands load. Usage:
 * bench-match-run.ts N M [T] (directly under tsx, or bundled);
 * prints one JSON line. With T > 1 worker threads, a parallel run follows the single-threaded
 * one (bench-match-parallel.ts); its ratio still divides by the single-threaded baseline.
 */
import { hkdfSync } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import {
  buildSightingIndex,
  createTekKeyBatchDeriver,
  createTekKeyDeriver,
  type DiagnosisKey,
  type KeyMatch,
  matchDiagnosisKeysSync,
  matchRange,
  TEK_BATCH_MAX,
  TEK_ROLLING_PERIOD,
  writePaddedData,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { generateEncounters, generateKeys } from './bench-match-data';
import { matchInParallel } from './bench-match-parallel';

const INTERVAL_MS = 600_000;

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
  /** Worker threads of the parallel run (1: none). */
  threads: number;
  /** With `threads` > 1: wall time of the parallel run, its ratio to the single-threaded baseline, its recall and peak RSS. */
  parallel?: { seconds: number; ratio: number; recall: number; falsePositives: number; peakRssMb: number };
  /** Per-key cost of the parts, µs, measured on a sample of keys. */
  perKeyMicros: {
    hkdfSpecialised: number;
    hkdfSimd: number | null;
    hkdfSync: number;
    aesPerKey: number;
    matcher: number;
  };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

/** Per-key AES with each key's own cipher: the matcher's AES work and nothing else. */
function perKeyAes(keyAt: (i: number) => DiagnosisKey, end: number, start = 0): number {
  const padded = new Uint8Array((TEK_ROLLING_PERIOD + 24) * 16);
  writePaddedData(padded, 0, TEK_ROLLING_PERIOD + 24);
  let sink = 0;
  for (let i = start; i < end; i++) {
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
  stream: (end: number) => Iterable<DiagnosisKey>,
  sample: number,
) {
  const derive = createTekKeyDeriver('EN-RPIK');
  const out = new Uint8Array(16);
  const empty = new Uint8Array(0);
  let t = process.hrtime.bigint();
  for (let i = 0; i < sample; i++) derive(keyAt(i).keyData, out);
  const hkdfSpecialised = (seconds(t) / sample) * 1e6;
  // The matcher's path where WebAssembly SIMD exists: keys in batches of TEK_BATCH_MAX.
  const batch = createTekKeyBatchDeriver('EN-RPIK');
  let hkdfSimd: number | null = null;
  if (batch) {
    const teks: Uint8Array[] = [];
    const outs = new Uint8Array(16 * TEK_BATCH_MAX);
    t = process.hrtime.bigint();
    for (let i = 0; i < sample; i += TEK_BATCH_MAX) {
      const count = Math.min(TEK_BATCH_MAX, sample - i);
      for (let k = 0; k < count; k++) teks[k] = keyAt(i + k).keyData;
      batch.derive(teks, count, outs);
    }
    hkdfSimd = (seconds(t) / sample) * 1e6;
  }
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
    hkdfSimd: hkdfSimd === null ? null : round(hkdfSimd),
    hkdfSync: round(hkdfSyncMicros),
    aesPerKey: round(aesPerKey),
    matcher: round(matcher),
  };
}

export async function benchMatch(n: number, m: number, threads = 1): Promise<BenchMatchResult> {
  const lastDayStart = Math.floor(Date.now() / INTERVAL_MS / TEK_ROLLING_PERIOD) * TEK_ROLLING_PERIOD;
  const { keyBytes, keyAt, stream } = generateKeys(n, lastDayStart);
  const { sightings, planted } = generateEncounters(m, n, keyAt);

  // Warm both paths up (JIT, OpenSSL tables) on a slice before timing.
  const warm = Math.min(n, 20_000);
  matchDiagnosisKeysSync(nodeBackend, stream(warm), sightings);
  perKeyAes(keyAt, warm);

  let t = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  const index = buildSightingIndex(sightings);
  let matchSeconds = seconds(t);
  let matchCpuSeconds = cpuSeconds(cpu);
  const indexSeconds = matchSeconds;
  let aesSeconds = 0;
  let aesCpuSeconds = 0;
  // Matcher and baseline alternate over tenths of the keys, so both see the same machine
  // load (the cores are shared); each total is the sum of its slices.
  const matches: KeyMatch[] = [];
  let rpis = 0;
  const rounds = Math.min(10, n);
  for (let r = 0; r < rounds; r++) {
    const start = Math.floor((r * n) / rounds);
    const end = Math.floor(((r + 1) * n) / rounds);
    t = process.hrtime.bigint();
    cpu = process.cpuUsage();
    const slice = matchDiagnosisKeysSync(nodeBackend, stream(end, start), index);
    matchSeconds += seconds(t);
    matchCpuSeconds += cpuSeconds(cpu);
    matches.push(...slice.matches);
    rpis += slice.rpisDerived;

    t = process.hrtime.bigint();
    cpu = process.cpuUsage();
    perKeyAes(keyAt, end, start);
    aesSeconds += seconds(t);
    aesCpuSeconds += cpuSeconds(cpu);
  }

  t = process.hrtime.bigint();
  bulkAes(rpis);
  const bulkAesSeconds = seconds(t);

  let found = 0;
  let falsePositives = 0;
  for (const match of matches) {
    for (const s of match.sightings) {
      if (planted.has(s.sighting)) found++;
      else falsePositives++;
    }
  }
  const micros = perKeyMicros(keyAt, stream, Math.min(n, 50_000));
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  const peakRssMb = round(process.resourceUsage().maxRSS / 1024, 1);
  let parallel: BenchMatchResult['parallel'];
  if (threads > 1) {
    const p = await matchInParallel(threads, keyBytes, lastDayStart, sightings);
    const plantedIndices = new Set(sightings.flatMap((s, i) => (planted.has(s) ? [i] : [])));
    const hits = p.matched.filter((i) => plantedIndices.has(i)).length;
    parallel = {
      seconds: round(p.seconds, 3),
      ratio: round(p.seconds / aesSeconds, 3),
      recall: planted.size === 0 ? 1 : hits / planted.size,
      falsePositives: p.matched.length - hits,
      peakRssMb,
    };
  }
  return {
    keys: n,
    rpis,
    seconds: round(matchSeconds, 3),
    aesSeconds: round(aesSeconds, 3),
    ratio: round(matchSeconds / aesSeconds, 3),
    recall: planted.size === 0 ? 1 : found / planted.size,
    peakRssMb,
    bulkAesSeconds: round(bulkAesSeconds, 3),
    encounters: sightings.length,
    planted: planted.size,
    falsePositives,
    indexSeconds: round(indexSeconds, 3),
    cpuSeconds: round(matchCpuSeconds, 3),
    aesCpuSeconds: round(aesCpuSeconds, 3),
    cpuRatio: round(matchCpuSeconds / aesCpuSeconds, 3),
    threads,
    ...(parallel ? { parallel } : {}),
    perKeyMicros: micros,
  };
}

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [n, m, threads] = process.argv.slice(2).map(Number);
  process.stdout.write(`${JSON.stringify(await benchMatch(n as number, m as number, threads ?? 1))}\n`);
}
