// The export lease holds: one holder when several processes race for it, an export run that
// loses it mid-way publishes nothing (no zip replaced, no batch committed) and the new holder
// exports every key once, and the in-server worker hands over when its process stops.
import { readExportZip } from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { createTestContext, DIALECTS, expiredKeys, type TestContext, testConfig } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../src/blobs/blob-store';
import { leaseStillHeld, tryAcquireLease } from '../src/database/lease';
import { type ExportWorkerJob, exportRunLease, runExport, startExportWorker } from '../src/export/export-worker';
import { KEY_SERVER_FEATURES } from '../src/features';
import { openServerContext } from '../src/server';
import { certify, createTestApi, publishBody, type TestApi } from './support/test-api';

const LEASE_MS = 60_000;

/** Delegates to a store, running `beforeZip` once before the first zip is written. */
class InterruptedBlobStore implements BlobStore {
  private fired = false;
  constructor(
    private readonly inner: BlobStore,
    private readonly beforeZip: (path: string) => Promise<void>,
  ) {}
  private async interrupt(path: string) {
    if (path.endsWith('.zip') && !this.fired) {
      this.fired = true;
      await this.beforeZip(path);
    }
  }
  put = async (path: string, bytes: Uint8Array, type: string) => {
    await this.interrupt(path);
    return this.inner.put(path, bytes, type);
  };
  putNew = async (path: string, bytes: Uint8Array, type: string) => {
    await this.interrupt(path);
    return this.inner.putNew?.(path, bytes, type) ?? false;
  };
  get = (path: string) => this.inner.get(path);
  delete = (path: string) => this.inner.delete(path);
  list = (prefix: string) => this.inner.list(prefix);
}

describe.each(DIALECTS)('the export lease on %s', (dialect) => {
  let t: TestContext;
  let api: TestApi;
  beforeEach(async () => {
    t = await createTestContext(dialect, { EXPORT_MIN_RECORDS: '5', EXPORT_PADDING_JITTER: '0' });
    api = await createTestApi(t);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function publish(count: number): Promise<string[]> {
    const keys = expiredKeys(t.clock.now(), count);
    const res = await api.call(keyServerApi.publish, publishBody(keys, await certify(api, keys)));
    expect(res.status).toBe(200);
    t.clock.advance(60_000);
    return keys.map((k) => k.key);
  }

  async function exportedKeys(): Promise<string[]> {
    const index = new TextDecoder().decode(await t.ctx.blobs.get('VN/index.txt'));
    const keys: string[] = [];
    for (const path of index.split('\n').filter(Boolean)) {
      const zip = await t.ctx.blobs.get(path);
      expect(zip, path).toBeDefined();
      for (const k of readExportZip(zip as Uint8Array).keys) keys.push(Buffer.from(k.keyData).toString('base64'));
    }
    return keys;
  }

  it('has one holder when two processes race for it', async () => {
    const other = t.testDb.reopen();
    try {
      for (let round = 0; round < 10; round++) {
        const now = t.clock.now() + round * (LEASE_MS + 1);
        const won = await Promise.all([
          tryAcquireLease(t.ctx.database, 'race', `a${round}`, now, LEASE_MS),
          tryAcquireLease(other, 'race', `b${round}`, now, LEASE_MS),
        ]);
        expect(won.filter(Boolean)).toHaveLength(1);
      }
    } finally {
      await other.destroy();
    }
  });

  it('fences a transaction: held until it expires or another holder takes it', async () => {
    const now = t.clock.now();
    const db = t.ctx.database.db;
    expect(await tryAcquireLease(t.ctx.database, 'fence', 'a', now, LEASE_MS)).toBe(true);
    expect(await db.transaction().execute((trx) => leaseStillHeld(trx, 'fence', 'a', now + 1))).toBe(true);
    expect(await db.transaction().execute((trx) => leaseStillHeld(trx, 'fence', 'b', now + 1))).toBe(false);
    expect(await db.transaction().execute((trx) => leaseStillHeld(trx, 'fence', 'a', now + LEASE_MS))).toBe(false);
    expect(await tryAcquireLease(t.ctx.database, 'fence', 'b', now + LEASE_MS, LEASE_MS)).toBe(true);
    expect(await db.transaction().execute((trx) => leaseStillHeld(trx, 'fence', 'a', now + LEASE_MS))).toBe(false);
  });

  it('a run that loses its lease publishes nothing; the new holder exports every key once', async () => {
    const keys = await publish(3);
    const original = t.ctx.blobs;
    // While the first run writes its zip, it stalls past its lease and another process takes it.
    t.ctx.blobs = new InterruptedBlobStore(original, async () => {
      t.clock.advance(LEASE_MS + 1);
      expect(await tryAcquireLease(t.ctx.database, exportRunLease('VN'), 'usurper', t.clock.now(), LEASE_MS)).toBe(
        true,
      );
    });
    await expect(runExport(t.ctx, { closeNow: true, holder: 'stalled' })).rejects.toMatchObject({ code: 'conflict' });
    t.ctx.blobs = original;
    expect(await t.ctx.database.db.selectFrom('export_batch').selectAll().execute()).toEqual([]);
    expect(await exportedKeys()).toEqual([]);

    const next = await runExport(t.ctx, { closeNow: true, holder: 'usurper' });
    expect(next.status).toBe('exported');
    expect((await exportedKeys()).filter((k) => keys.includes(k)).sort()).toEqual([...keys].sort());
    expect(await t.ctx.blobs.list('VN')).toEqual(
      [...(next.batch?.files ?? []), 'VN/index.txt', 'VN/public-key.pem'].sort(),
    );
  });

  it('never replaces a zip another run wrote: the run stops, the next one exports', async () => {
    const keys = await publish(2);
    const original = t.ctx.blobs;
    t.ctx.blobs = new InterruptedBlobStore(original, async (path) => {
      await original.put(path, new TextEncoder().encode('written by another run'), 'application/zip');
    });
    await expect(runExport(t.ctx, { closeNow: true })).rejects.toMatchObject({ code: 'conflict' });
    t.ctx.blobs = original;
    expect(await t.ctx.database.db.selectFrom('export_batch').selectAll().execute()).toEqual([]);
    t.clock.advance(1000);
    expect((await runExport(t.ctx, { closeNow: true })).status).toBe('exported');
    expect((await exportedKeys()).filter((k) => keys.includes(k)).sort()).toEqual([...keys].sort());
  });

  it('one process at a time is the export worker; stopping hands over', async () => {
    const env = { EXPORT_WORKER_INTERVAL_SECONDS: '1', EXPORT_LEASE_SECONDS: '3' };
    const first = startExportWorker({ ...t.ctx, config: { ...t.config, ...testConfig(t.testDb.dataDir, env) } });
    const second = await openServerContext(testConfig(t.testDb.dataDir, env), {
      features: KEY_SERVER_FEATURES,
      clock: t.clock,
      database: t.testDb.reopen(),
    });
    let standby: ExportWorkerJob | undefined;
    try {
      await expect.poll(() => first?.isExporter(), { timeout: 20_000 }).toBe(true);
      standby = startExportWorker(second);
      expect(standby?.isExporter()).toBe(false);
      const lease = () =>
        t.ctx.database.db.selectFrom('lease').select('holder').where('name', '=', 'export-worker:VN').execute();
      expect(await lease()).toEqual([{ holder: first?.holder }]);
      expect(first?.holder).toMatch(new RegExp(`:${process.pid}:[0-9a-f]{8}$`));
      await first?.stop();
      await expect.poll(() => standby?.isExporter(), { timeout: 20_000 }).toBe(true);
    } finally {
      await first?.stop();
      await standby?.stop();
      await second.database.destroy();
    }
  }, 60_000);
});
