// The whole flow over real HTTP on a listening server: health staff issue a code, the phone
// verifies it, gets a certificate and publishes 14 keys; the export worker signs a batch;
// a contact's phone downloads index.txt and the zips, checks the signature with the
// published public key and matches the keys against the advertisements it heard.
import {
  associatedMetadataKey,
  type DiagnosisKey,
  encodeMetadata,
  encryptMetadata,
  fromBase64,
  matchDiagnosisKeysSync,
  readExportZip,
  rollingProximityId,
  rollingProximityIdKey,
  type Sighting,
  toBase64,
  verifyExportSignature,
} from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import {
  createTestDatabase,
  DIALECTS,
  endpointCaller,
  reportAsPhone,
  TEST_EPOCH,
  type TestDatabase,
  testConfig,
} from '@bluezone/test-support/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/apikeys/api-key';
import { ManualClock } from '../src/clock';
import { runExport } from '../src/export/export-worker';
import { KEY_SERVER_FEATURES } from '../src/features';
import { silentLogger } from '../src/logging';
import { type RunningServer, startServer } from '../src/server';
import { dailyKeys } from './support/test-api';

const INTERVAL_MS = 600_000;

function heard(tek: Uint8Array, enin: number): Sighting {
  const rpi = rollingProximityId(nodeBackend, rollingProximityIdKey(nodeBackend, tek), enin);
  const metadata = encodeMetadata({ majorVersion: 1, minorVersion: 0, calibrationConfidence: 2, txPowerDbm: -20 });
  const aem = encryptMetadata(nodeBackend, associatedMetadataKey(nodeBackend, tek), rpi, metadata);
  return { timeMs: enin * INTERVAL_MS + 60_000, rpi, aem, rssi: -55 };
}

describe.each(DIALECTS)('end to end over HTTP on %s', (dialect) => {
  let server: RunningServer | undefined;
  let testDb: TestDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    await testDb?.cleanup().catch(() => undefined);
  });

  it('code → verify → certificate → publish → export → download → verify signature → match', async () => {
    testDb = await createTestDatabase(dialect);
    const clock = new ManualClock(TEST_EPOCH + 10 * 3600_000);
    const config = testConfig(testDb.dataDir, {
      EXPORT_MIN_RECORDS: '300',
      EXPORT_PADDING_JITTER: '20',
      EXPORT_FILE_MAX_RECORDS: '120',
      EXPORT_WORKER_INTERVAL_SECONDS: '0',
    });
    server = await startServer(config, {
      features: KEY_SERVER_FEATURES,
      clock,
      logger: silentLogger,
      database: testDb.database,
    });
    const call = endpointCaller(server.url);
    const admin = (await createApiKey(server.context.database, clock, 'admin')).key;
    const device = (await createApiKey(server.context.database, clock, 'device')).key;
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok', database: dialect });
    // Before any export: an empty index (a phone's check finds nothing, not a 404).
    const empty = await fetch(`${server.url}/exports/VN/index.txt`);
    expect([empty.status, await empty.text()]).toEqual([200, '']);

    // The resident tests positive; their phone holds 14 daily keys.
    const keys = dailyKeys(clock.now(), 14);
    const issued = await call(
      keyServerApi.issue,
      { testType: 'confirmed', symptomDate: '2026-11-18' },
      { apiKey: admin },
    );
    expect(issued.status).toBe(200);
    // Through the SDK's client, which refuses any answer but a 200 that parses with the contract.
    const published = await reportAsPhone({
      baseUrl: server.url,
      deviceKey: device,
      code: issued.body.code,
      keys,
      hmacKey: nodeBackend.randomBytes(32),
    });
    expect(published.insertedExposures).toBe(14);

    // Their neighbour heard them three days ago; the neighbour also heard a stranger.
    const metKey = keys[3] as (typeof keys)[number];
    const metEnin = metKey.rollingStartNumber + 50;
    const sightings = [
      heard(fromBase64(metKey.key), metEnin),
      heard(fromBase64(metKey.key), metEnin + 1),
      heard(nodeBackend.randomBytes(16), metEnin),
    ];

    clock.advance(60_000);
    const run = await runExport(server.context, { closeNow: true });
    expect(run.status).toBe('exported');

    const index = await (await fetch(`${server.url}/exports/VN/index.txt`)).text();
    const publicKey = await (await fetch(`${server.url}/exports/VN/public-key.pem`)).text();
    const keysJson = await (await fetch(`${server.url}/api/export-keys`)).json();
    expect(keysJson.keys[0].publicKeyPem).toBe(publicKey);
    const downloaded: DiagnosisKey[] = [];
    const files = index.split('\n').filter(Boolean);
    expect(files.length).toBe(3); // 300+ keys, 120 per file
    for (const path of files) {
      const res = await fetch(`${server.url}/exports/${path}`);
      expect(res.headers.get('content-type')).toBe('application/zip');
      const parsed = readExportZip(new Uint8Array(await res.arrayBuffer()));
      expect(verifyExportSignature(nodeBackend, parsed, publicKey, '452')).toBe(true);
      downloaded.push(...parsed.keys);
    }
    const published13 = new Set(keys.slice(1).map((k) => k.key));
    expect(downloaded.filter((k) => published13.has(toBase64(k.keyData)))).toHaveLength(13);

    const result = matchDiagnosisKeysSync(nodeBackend, downloaded, sightings);
    expect(result.matches).toHaveLength(1);
    const match = result.matches[0];
    expect(match && toBase64(match.key.keyData)).toBe(metKey.key);
    expect(match?.sightings).toHaveLength(2);
    expect(match?.key.daysSinceOnsetOfSymptoms).toBe(-1); // met on 11-17, onset 11-18

    const stats = await (await fetch(`${server.url}/api/stats`, { headers: { 'x-api-key': admin } })).json();
    expect(stats.codesIssued).toEqual([{ date: '2026-11-20', count: 1 }]);
    expect(stats.codesClaimed).toEqual([{ date: '2026-11-20', count: 1 }]);
    expect(stats.publishes).toEqual([{ date: '2026-11-20', count: 1, keys: 14 }]);
    expect(stats.onsetToUploadDays).toEqual([{ days: 2, count: 1 }]);
    expect(stats.exports).toMatchObject([{ keys: 13, files: 3 }]);
    expect(stats.exports[0].keys + stats.exports[0].padding).toBeGreaterThanOrEqual(300);
    const asDevice = await fetch(`${server.url}/api/stats`, { headers: { 'x-api-key': device } });
    expect(asDevice.status).toBe(403);
  });
});
