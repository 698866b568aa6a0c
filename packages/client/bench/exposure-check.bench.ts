/**
 * How long a phone's exposure check takes: 14 days of sightings (20 devices around, 8 hours a
 * day, a scan every 5 minutes: 26,880 scan records) against one export of 10,000 keys, of which
 * one was really met. The baseline is Node's crypto backend (AES-NI), measured in the same run;
 * the figure that matters for phones is the portable (pure JS) backend, and the ratio.
 *
 *   npx tsx packages/client/bench/exposure-check.bench.ts [--keys 10000] [--devices 20]
 */
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ExposureChecker, KeySchedule, MemoryStore, type SightingObservation, seededRandom } from '@bluezone/client';
import {
  type CryptoBackend,
  createExportZip,
  type DiagnosisKey,
  portableBackend,
  ReportType,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';

const { values } = parseArgs({ options: { keys: { type: 'string' }, devices: { type: 'string' } } });
const KEYS = Number(values.keys ?? 10_000);
const DEVICES = Number(values.devices ?? 20);
const DAY_MS = 86_400_000;
const SCAN_MS = 300_000;
const START = Date.UTC(2026, 10, 1);
const NOW = START + 14 * DAY_MS + 9 * 3_600_000;

const { privateKey, publicKey } = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

async function phoneAndExport(backend: CryptoBackend) {
  const random = seededRandom(42);
  const store = new MemoryStore();
  const observations: SightingObservation[] = [];
  for (let day = 0; day < 14; day++) {
    for (let t = START + day * DAY_MS + 8 * 3_600_000; t < START + day * DAY_MS + 16 * 3_600_000; t += SCAN_MS) {
      for (let d = 0; d < DEVICES; d++) {
        observations.push({ rpi: random.bytes(16), aem: random.bytes(4), scanTimeMs: t, rssi: -60 - (d % 30) });
      }
    }
  }
  // One real contact: 30 minutes with an F0 on day 10.
  const clock = { ms: START + 10 * DAY_MS + 12 * 3_600_000, now: () => clock.ms };
  const f0 = new KeySchedule({
    backend,
    store: new MemoryStore(),
    clock,
    random: seededRandom(7),
    metadata: { majorVersion: 1, minorVersion: 0, calibrationConfidence: 0, txPowerDbm: -24 },
  });
  for (let m = 0; m < 30; m += 5) {
    const ad = await f0.advertisement();
    observations.push({ rpi: ad.rpi, aem: ad.aem, scanTimeMs: clock.ms, rssi: -55 });
    clock.ms += SCAN_MS;
  }
  await store.addSightings(observations);
  const keys: DiagnosisKey[] = Array.from({ length: KEYS - 1 }, (_, i) => ({
    keyData: random.bytes(16),
    rollingStartIntervalNumber: Math.floor((START + (i % 14) * DAY_MS) / 600_000),
    rollingPeriod: 144,
    transmissionRiskLevel: 0,
    reportType: ReportType.ConfirmedTest,
  }));
  keys.push({ ...(await f0.currentKey()), transmissionRiskLevel: 0, reportType: ReportType.ConfirmedTest });
  const zip = createExportZip(
    nodeBackend,
    { startTimestamp: 0, endTimestamp: 1, region: 'VN', batchNum: 1, batchSize: 1, keys },
    [{ keyId: '452', keyVersion: 'v1', privateKeyPem: privateKey }],
  );
  return { store, zip, records: observations.length };
}

async function run(backend: CryptoBackend) {
  const { store, zip, records } = await phoneAndExport(backend);
  const fetch = (async (url: string | URL | Request) =>
    String(url).endsWith('index.txt')
      ? new Response('VN/a.zip\n')
      : new Response(zip as Uint8Array<ArrayBuffer>)) as typeof globalThis.fetch;
  const checker = new ExposureChecker({
    backend,
    store,
    clock: { now: () => NOW },
    random: seededRandom(1),
    fetch,
    sleep: async () => {},
    exportBaseUrl: 'http://bench/exports/',
    region: 'VN',
    publicKeys: [{ pem: publicKey, keyId: '452' }],
    receiverCalibration: { rssiCorrection: 0, txPower: -24 },
  });
  const t0 = performance.now();
  const result = await checker.check();
  const ms = performance.now() - t0;
  if (result.keysMatched !== 1 || result.notifications.length !== 1) {
    throw new Error(`bench sanity: expected the one real contact, got ${JSON.stringify(result)}`);
  }
  return { backend: backend.name, ms: Math.round(ms), records, keys: KEYS };
}

// Each backend twice, alternating, keeping the faster run: the first pays for JIT warm-up.
const runs: Awaited<ReturnType<typeof run>>[] = [];
for (let i = 0; i < 2; i++) runs.push(await run(nodeBackend), await run(portableBackend));
const fastest = (name: string) => runs.filter((r) => r.backend === name).reduce((a, b) => (b.ms < a.ms ? b : a));
const baseline = fastest(nodeBackend.name);
const portable = fastest(portableBackend.name);
console.log(JSON.stringify({ ...baseline, role: 'baseline' }));
console.log(
  JSON.stringify({ ...portable, role: 'measured', ratioToBaseline: +(portable.ms / baseline.ms).toFixed(2) }),
);
