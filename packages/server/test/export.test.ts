import {
  type DiagnosisKey,
  type ParsedExport,
  type PublishKey,
  ReportType,
  readExportZip,
  toBase64,
  verifyExportSignature,
} from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../src/blobs/blob-store';
import type { LocalFolderBlobStore } from '../src/blobs/local-folder-blob-store';
import { tryAcquireLease } from '../src/database/lease';
import { runExport } from '../src/export/export-worker';
import { ROTATION_OVERLAP_MS, rotateSigningKey } from '../src/export/signing-keys';
import { refuseInserts } from './support/refused-inserts';
import { certify, createTestApi, dailyKeys, publishBody, type TestApi } from './support/test-api';

const DAY = 86_400_000;
const ENV = { EXPORT_MIN_RECORDS: '50', EXPORT_PADDING_JITTER: '10', EXPORT_FILE_MAX_RECORDS: '20' };

/** A blob store that fails on its Nth put, like a disk filling up or a process dying mid-run. */
class FailingBlobStore implements BlobStore {
  puts = 0;
  constructor(
    private readonly inner: BlobStore,
    private readonly failOn: number,
  ) {}
  async put(path: string, bytes: Uint8Array, type: string) {
    if (++this.puts === this.failOn) throw new Error('disk full');
    return this.inner.put(path, bytes, type);
  }
  get = (path: string) => this.inner.get(path);
  delete = (path: string) => this.inner.delete(path);
  list = (prefix: string) => this.inner.list(prefix);
}

describe.each(DIALECTS)('exports on %s', (dialect) => {
  let t: TestContext;
  let api: TestApi;
  beforeEach(async () => {
    t = await createTestContext(dialect, ENV);
    api = await createTestApi(t);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function upload(
    keys: PublishKey[],
    testType: 'confirmed' | 'likely' | 'negative' = 'confirmed',
    revisionToken?: string,
  ) {
    const res = await api.call(keyServerApi.publish, {
      ...publishBody(keys, await certify(api, keys, testType)),
      ...(revisionToken ? { revisionToken } : {}),
    });
    expect(res.status).toBe(200);
    t.clock.advance(60_000); // a window closed "now" holds what was published before now
    return res.body;
  }

  async function download(path: string): Promise<Uint8Array> {
    const res = await api.request(`/exports/${path}`);
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  }

  async function downloadAll(): Promise<ParsedExport[]> {
    const index = new TextDecoder().decode(await download('VN/index.txt'));
    const publicKey = new TextDecoder().decode(await download('VN/public-key.pem'));
    const files = index.split('\n').filter(Boolean);
    return Promise.all(
      files.map(async (path) => {
        const parsed = readExportZip(await download(path));
        expect(verifyExportSignature(nodeBackend, parsed, publicKey, '452')).toBe(true);
        return parsed;
      }),
    );
  }

  const keySet = (keys: readonly DiagnosisKey[]) => new Set(keys.map((k) => toBase64(k.keyData)));

  it('exports published keys into signed, sorted, padded and split files listed in index.txt', async () => {
    const keys = dailyKeys(t.clock.now(), 14);
    await upload(keys);
    const result = await runExport(t.ctx, { closeNow: true });
    expect(result.status).toBe('exported');
    expect(result.batch?.keyCount).toBe(13); // today's key is embargoed until it expires
    const exports = await downloadAll();
    const total = exports.reduce((n, e) => n + e.keys.length, 0);
    expect(total).toBeGreaterThanOrEqual(50);
    expect(total).toBeLessThanOrEqual(60);
    expect(exports.length).toBe(Math.ceil(total / 20));
    exports.forEach((e, i) => {
      expect(e.batchNum).toBe(i + 1);
      expect(e.batchSize).toBe(exports.length);
      expect(e.region).toBe('VN');
      expect(e.keys.length).toBeLessThanOrEqual(20);
    });
    const all = exports.flatMap((e) => e.keys);
    const hexes = all.map((k) => Buffer.from(k.keyData).toString('hex'));
    expect(hexes).toEqual([...hexes].sort());
    expect(new Set(hexes).size).toBe(hexes.length);
    const [todayKey, yesterdayKey] = keys as [PublishKey, PublishKey];
    const exported = keySet(all);
    for (const k of keys.slice(1)) expect(exported.has(k.key)).toBe(true);
    expect(exported.has(todayKey.key)).toBe(false);
    const real = all.find((k) => toBase64(k.keyData) === yesterdayKey.key);
    expect(real).toMatchObject({
      rollingStartIntervalNumber: yesterdayKey.rollingStartNumber,
      reportType: ReportType.ConfirmedTest,
      transmissionRiskLevel: 4,
    });

    // Once today's key has expired, the next window carries it.
    t.clock.advance(DAY);
    const next = await runExport(t.ctx, { closeNow: true });
    expect(next.batch?.keyCount).toBe(1);
    const later = await downloadAll();
    expect(keySet(later.flatMap((e) => e.keys)).has(todayKey.key)).toBe(true);
  });

  it('waits for the window to close unless told --now', async () => {
    await upload(dailyKeys(t.clock.now() - 2 * DAY, 1));
    t.clock.advance(60_000);
    const first = await runExport(t.ctx);
    // The window before the current one closes at once (there was no batch before it)...
    expect(first.status).toBe('exported');
    expect(first.batch?.keyCount).toBe(0);
    // ...but the key published in the current window waits for it to end.
    expect((await runExport(t.ctx)).status).toBe('no_closed_window');
    t.clock.advance(4 * 3600_000);
    expect((await runExport(t.ctx)).batch?.keyCount).toBe(1);
  });

  it('carries revocations of exported keys as revisedKeys', async () => {
    const keys = dailyKeys(t.clock.now() - DAY, 3);
    const first = await upload(keys, 'likely');
    await runExport(t.ctx, { closeNow: true });
    t.clock.advance(60_000);
    await upload(keys, 'negative', first.revisionToken);
    const result = await runExport(t.ctx, { closeNow: true });
    expect(result.batch).toMatchObject({ keyCount: 0, revisedCount: 3 });
    const exports = await downloadAll();
    const last = exports.filter((e) => e.endTimestamp === result.batch?.endTimestamp);
    const revised = last.flatMap((e) => e.revisedKeys ?? []);
    expect(keySet(revised)).toEqual(new Set(keys.map((k) => k.key)));
    expect(revised.every((k) => k.reportType === ReportType.Revoked)).toBe(true);
  });

  it('loses no key and lists no file when a run dies mid-way', async () => {
    const keys = dailyKeys(t.clock.now() - DAY, 14);
    await upload(keys);
    const store = t.ctx.blobs as LocalFolderBlobStore;
    // Puts: public key, index (first run only), zip 1, zip 2 → fail on the second zip.
    const failing = new FailingBlobStore(store, 4);
    await expect(runExport({ ...t.ctx, blobs: failing }, { closeNow: true })).rejects.toThrow('disk full');
    const index = new TextDecoder().decode((await store.get('VN/index.txt')) ?? new Uint8Array());
    expect(index).toBe('');
    expect(await t.ctx.database.db.selectFrom('export_batch').selectAll().execute()).toEqual([]);
    expect((await store.list('VN')).filter((p) => p.endsWith('.tmp'))).toEqual([]);
    expect((await store.list('VN')).filter((p) => p.endsWith('.zip'))).toHaveLength(1); // complete but unlisted

    t.clock.advance(60_000);
    const rerun = await runExport(t.ctx, { closeNow: true });
    expect(rerun.batch?.keyCount).toBe(14);
    const exported = keySet((await downloadAll()).flatMap((e) => e.keys));
    for (const k of keys) expect(exported.has(k.key)).toBe(true);
    // The orphaned zip of the dead run is gone; only listed files remain.
    const zips = (await store.list('VN')).filter((p) => p.endsWith('.zip'));
    expect(zips.length).toBe(rerun.batch?.files.length);
  });

  it('deletes keys and exports after 14 days', async () => {
    await upload(dailyKeys(t.clock.now() - DAY, 2));
    const first = await runExport(t.ctx, { closeNow: true });
    t.clock.advance(14 * DAY + 60_000);
    const later = await runExport(t.ctx, { closeNow: true });
    expect(later.deletedKeys).toBe(2);
    expect(later.deletedFiles).toBe(first.batch?.files.length);
    expect(await t.ctx.database.db.selectFrom('exposure').selectAll().execute()).toEqual([]);
    for (const path of first.batch?.files ?? []) {
      expect((await api.request(`/exports/${path}`)).status).toBe(404);
    }
    const index = new TextDecoder().decode(await download('VN/index.txt'));
    expect(index.split('\n').filter(Boolean)).toEqual(later.batch?.files);
  });

  it('runs as a singleton: a held lease skips the run', async () => {
    expect(await tryAcquireLease(t.ctx.database, 'export:VN', 'other-process', t.clock.now(), 60_000)).toBe(true);
    expect((await runExport(t.ctx, { closeNow: true })).status).toBe('lease_held');
    t.clock.advance(60_001);
    expect((await runExport(t.ctx, { closeNow: true })).status).toBe('exported');
  });

  it('signs with both keys during a rotation, then with the new one only', async () => {
    await runExport(t.ctx, { closeNow: true });
    const v1 = new TextDecoder().decode(await download('VN/public-key.pem'));
    const rotated = await rotateSigningKey(t.ctx);
    expect(rotated.keyVersion).toBe('v2');
    t.clock.advance(60_000);
    const during = await runExport(t.ctx, { closeNow: true });
    const v2 = new TextDecoder().decode(await download('VN/public-key.pem'));
    expect(v2).toBe(rotated.publicKeyPem);
    const file = readExportZip(await download(during.batch?.files[0] ?? ''));
    expect(file.signatures.map((s) => s.signatureInfo.verificationKeyVersion)).toEqual(['v1', 'v2']);
    expect(verifyExportSignature(nodeBackend, file, v1)).toBe(true);
    expect(verifyExportSignature(nodeBackend, file, v2)).toBe(true);
    t.clock.advance(ROTATION_OVERLAP_MS);
    const after = await runExport(t.ctx, { closeNow: true });
    const newer = readExportZip(await download(after.batch?.files[0] ?? ''));
    expect(verifyExportSignature(nodeBackend, newer, v1)).toBe(false);
    expect(verifyExportSignature(nodeBackend, newer, v2)).toBe(true);
    const listed = (await api.call(keyServerApi.exportKeys)).body;
    expect(listed.keys.map((k) => [k.keyVersion, k.active])).toEqual([
      ['v1', false],
      ['v2', true],
    ]);
  });

  /** A row as publish stores it, with the clock reading `at` (the publish read it then, whenever it commits). */
  function lateExposure(key: string, at: number) {
    return {
      key,
      region: 'VN',
      transmission_risk: 0,
      rolling_start: Math.floor(at / 600_000 / 144) * 144 - 144,
      rolling_period: 144,
      report_type: ReportType.ConfirmedTest,
      days_since_onset: null,
      traveler: 0,
      health_authority_id: 'late',
      created_at: at,
      publishable_at: at,
      export_batch_id: null,
      revised_report_type: null,
      revised_days_since_onset: null,
      revised_at: null,
      revised_export_batch_id: null,
    };
  }

  /** How many times each key appears across every listed export file. */
  async function exportCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const e of await downloadAll()) {
      for (const k of e.keys) counts.set(toBase64(k.keyData), (counts.get(toBase64(k.keyData)) ?? 0) + 1);
    }
    return counts;
  }

  it('still exports a key whose publish committed after the window it belongs to was cut', async () => {
    const first = await runExport(t.ctx, { closeNow: true });
    const cut = (first.batch?.endTimestamp ?? 0) * 1000;
    // A publish that read the clock before the cut and committed after it.
    const late = toBase64(new Uint8Array(16).fill(7));
    await t.ctx.database.db
      .insertInto('exposure')
      .values(lateExposure(late, cut - 1000))
      .execute();
    t.clock.advance(60_000);
    const next = await runExport(t.ctx, { closeNow: true });
    expect(next.batch?.keyCount).toBe(1);
    expect(keySet((await downloadAll()).flatMap((e) => e.keys)).has(late)).toBe(true);
  });

  it('exports exactly once a key whose publish committed hours after it read the clock', async () => {
    const onTime = dailyKeys(t.clock.now() - DAY, 2);
    await upload(onTime);
    const first = await runExport(t.ctx, { closeNow: true });
    expect(first.batch?.keyCount).toBe(2);
    const cut = (first.batch?.endTimestamp ?? 0) * 1000;
    // Read the clock 3 h before the cut (a stalled process, a long lock wait), committed after
    // the run: below any "previous end − margin" bound a time-based scan would use.
    const late = toBase64(new Uint8Array(16).fill(9));
    await t.ctx.database.db
      .insertInto('exposure')
      .values(lateExposure(late, cut - 3 * 3600_000))
      .execute();
    t.clock.advance(60_000);
    const second = await runExport(t.ctx, { closeNow: true });
    expect(second.batch?.keyCount).toBe(1);
    t.clock.advance(60_000);
    const third = await runExport(t.ctx, { closeNow: true });
    expect(third.batch?.keyCount).toBe(0);
    const counts = await exportCounts();
    expect(counts.get(late)).toBe(1);
    for (const k of onTime) expect(counts.get(k.key)).toBe(1);
  });

  // PostgreSQL only: SQLite has one writer at a time, so no publish can be open during a run.
  if (dialect === 'postgres')
    it('exports exactly once a key whose transaction was still open while a run cut its window', async () => {
      const other = t.testDb.reopen();
      try {
        const late = toBase64(new Uint8Array(16).fill(11));
        let commit = () => {};
        let inserted = () => {};
        const insertedNow = new Promise<void>((resolve) => {
          inserted = resolve;
        });
        const open = other.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('exposure')
            .values(lateExposure(late, t.clock.now() - 3 * 3600_000))
            .execute();
          inserted();
          await new Promise<void>((resolve) => {
            commit = resolve;
          });
        });
        await insertedNow;
        t.clock.advance(60_000);
        const during = await runExport(t.ctx, { closeNow: true });
        expect(during.batch?.keyCount).toBe(0); // not committed: invisible to the run
        commit();
        await open;
        t.clock.advance(60_000);
        const after = await runExport(t.ctx, { closeNow: true });
        expect(after.batch?.keyCount).toBe(1);
        t.clock.advance(60_000);
        expect((await runExport(t.ctx, { closeNow: true })).batch?.keyCount).toBe(0);
        expect((await exportCounts()).get(late)).toBe(1);
      } finally {
        await other.destroy();
      }
    });

  it('dies between writing the files and committing: the keys stay queued and go out once', async () => {
    const keys = dailyKeys(t.clock.now() - DAY, 3);
    await upload(keys);
    // The transaction that records the batch fails after the zips are written (as if the
    // process died before its commit): a trigger refuses the batch row.
    const lift = await refuseInserts(t.ctx.database.db, dialect, 'export_batch', 'process died');
    await expect(runExport(t.ctx, { closeNow: true })).rejects.toThrow('process died');
    await lift();
    const queued = await t.ctx.database.db
      .withTables<{ export_queue: { exposure_id: number } }>()
      .selectFrom('export_queue')
      .select('exposure_id')
      .execute();
    expect(queued).toHaveLength(3);
    expect(new TextDecoder().decode((await t.ctx.blobs.get('VN/index.txt')) ?? new Uint8Array())).toBe('');
    t.clock.advance(60_000);
    expect((await runExport(t.ctx, { closeNow: true })).batch?.keyCount).toBe(3);
    const counts = await exportCounts();
    for (const k of keys) expect(counts.get(k.key)).toBe(1);
  });
});
