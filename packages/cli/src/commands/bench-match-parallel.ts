/**
 * The multi-threaded variant of `bluezone bench match`: the keys are split into contiguous
 * ranges, one per worker thread; each worker builds its own sighting index (included in the
 * time, as on a phone that matches on several cores) and matches its range. Key bytes are
 * shared (SharedArrayBuffer); the encounter log is copied to each worker before timing.
 * Workers start and generate their copies first, then all get "go" at once.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { buildSightingIndex, matchDiagnosisKeysSync, type Sighting } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { generateKeys } from './bench-match-data';

interface ParallelInput {
  keyBytes: Uint8Array;
  n: number;
  lastDayStart: number;
  /** The encounter log, flattened: time, RPI ‖ AEM (20 bytes) and RSSI per sighting. */
  times: Float64Array;
  payload: Uint8Array;
  rssi: Int8Array;
  start: number;
  end: number;
}

export interface ParallelResult {
  seconds: number;
  rpis: number;
  /** Indices (into the encounter log) of the sightings the workers matched. */
  matched: number[];
}

export async function matchInParallel(
  threads: number,
  keyBytes: Uint8Array,
  lastDayStart: number,
  sightings: readonly Sighting[],
): Promise<ParallelResult> {
  const n = keyBytes.length / 16;
  const shared = new Uint8Array(new SharedArrayBuffer(keyBytes.length));
  shared.set(keyBytes);
  const m = sightings.length;
  const times = new Float64Array(m);
  const payload = new Uint8Array(m * 20);
  const rssi = new Int8Array(m);
  sightings.forEach((s, i) => {
    times[i] = s.timeMs;
    payload.set(s.rpi, i * 20);
    payload.set(s.aem, i * 20 + 16);
    rssi[i] = s.rssi;
  });
  const workers = Array.from({ length: threads }, (_, w) => {
    const input: ParallelInput = {
      keyBytes: shared,
      n,
      lastDayStart,
      times,
      payload,
      rssi,
      start: Math.floor((w * n) / threads),
      end: Math.floor(((w + 1) * n) / threads),
    };
    // Bundled (bench-match.ts), this file is JavaScript; run from source, worker threads do
    // not inherit the tsx loader: each registers it, then loads this file.
    const self = JSON.stringify(import.meta.url);
    const bootstrap = import.meta.url.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${self}); });`
      : `import(${self});`;
    return new Worker(bootstrap, { eval: true, workerData: input });
  });
  const message = (worker: Worker) =>
    new Promise<{ rpis: number; matched: number[] } | 'ready'>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  try {
    await Promise.all(workers.map(message));
    const t = process.hrtime.bigint();
    const done = workers.map(message);
    for (const worker of workers) worker.postMessage('go');
    const results = (await Promise.all(done)) as { rpis: number; matched: number[] }[];
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    return {
      seconds,
      rpis: results.reduce((a, r) => a + r.rpis, 0),
      matched: results.flatMap((r) => r.matched),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function runWorker(input: ParallelInput): void {
  const { keyAt } = generateKeys(input.n, input.lastDayStart, input.keyBytes);
  const sightings: Sighting[] = [];
  const indexOf = new Map<Sighting, number>();
  for (let i = 0; i < input.times.length; i++) {
    const s: Sighting = {
      timeMs: input.times[i] as number,
      rpi: input.payload.subarray(i * 20, i * 20 + 16),
      aem: input.payload.subarray(i * 20 + 16, i * 20 + 20),
      rssi: input.rssi[i] as number,
    };
    sightings.push(s);
    indexOf.set(s, i);
  }
  function* keys() {
    for (let i = input.start; i < input.end; i++) yield keyAt(i);
  }
  // Warm up on a slice outside the timed run, as the single-threaded run does.
  matchDiagnosisKeysSync(
    nodeBackend,
    (function* () {
      for (let i = input.start; i < Math.min(input.end, input.start + 5000); i++) yield keyAt(i);
    })(),
    [],
  );
  parentPort?.once('message', () => {
    const result = matchDiagnosisKeysSync(nodeBackend, keys(), buildSightingIndex(sightings));
    const matched = result.matches.flatMap((m) => m.sightings.map((s) => indexOf.get(s.sighting) as number));
    parentPort?.postMessage({ rpis: result.rpisDerived, matched });
  });
  parentPort?.postMessage('ready');
}

if (!isMainThread && workerData) runWorker(workerData as ParallelInput);
