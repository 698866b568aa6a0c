// The two BlobStores (a local folder, a table in the database) behave alike, and /exports/…
// serves either with the same content types, caching headers, ETags and 404 problem bodies.
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../src/blobs/blob-store';
import { DatabaseBlobStore } from '../src/blobs/database-blob-store';
import { LocalFolderBlobStore } from '../src/blobs/local-folder-blob-store';
import { loadConfig } from '../src/config';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

describe.each(DIALECTS)('blob stores on %s', (dialect) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext(dialect);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const stores: [string, (t: TestContext) => BlobStore][] = [
    ['folder', (t) => new LocalFolderBlobStore(t.config.exportDir)],
    ['database', (t) => new DatabaseBlobStore(t.ctx.database, t.clock)],
  ];

  describe.each(stores)('%s', (_name, open) => {
    it('puts, replaces, lists under a prefix, deletes; putNew never replaces', async () => {
      const store = open(t);
      expect(await store.get('VN/index.txt')).toBeUndefined();
      await store.put('VN/index.txt', bytes('one'), 'text/plain');
      await store.put('VN/index.txt', bytes('two'), 'text/plain');
      expect(text(await store.get('VN/index.txt'))).toBe('two');
      expect(await store.putNew?.('VN/1-2-00001.zip', bytes('zip 1'), 'application/zip')).toBe(true);
      expect(await store.putNew?.('VN/1-2-00001.zip', bytes('zip 2'), 'application/zip')).toBe(false);
      expect(text(await store.get('VN/1-2-00001.zip'))).toBe('zip 1');
      await store.put('VN_2/index.txt', bytes('other region'), 'text/plain');
      await store.put('VN/sub/a_b.pem', bytes('pem'), 'application/x-pem-file');
      expect(await store.list('VN')).toEqual(['VN/1-2-00001.zip', 'VN/index.txt', 'VN/sub/a_b.pem']);
      expect(await store.list('')).toEqual(['VN/1-2-00001.zip', 'VN/index.txt', 'VN/sub/a_b.pem', 'VN_2/index.txt']);
      await store.delete('VN/index.txt');
      await store.delete('VN/index.txt'); // absent: nothing to do
      expect(await store.get('VN/index.txt')).toBeUndefined();
      expect(await store.get('VN/1-2-00001.zip/x')).toBeUndefined();
      await expect(store.get('../kek')).rejects.toThrow(RangeError);
      await expect(store.put(`VN/${'a'.repeat(300)}.zip`, bytes('x'), 'application/zip')).rejects.toThrow(RangeError);
    });

    it('is served at /exports with content types, caching headers, ETags and 404 problems', async () => {
      const store = open(t);
      const app = createApp({ ...t.ctx, blobs: store }, KEY_SERVER_FEATURES);
      await store.put('VN/index.txt', bytes('VN/1-2-00001.zip\n'), 'text/plain');
      await store.put('VN/1-2-00001.zip', bytes('PK zip'), 'application/zip');
      await store.put('VN/public-key.pem', bytes('-----BEGIN PUBLIC KEY-----'), 'application/x-pem-file');

      const index = await app.request('/exports/VN/index.txt');
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(index.headers.get('cache-control')).toBe('public, max-age=60');
      expect(await index.text()).toBe('VN/1-2-00001.zip\n');
      const zip = await app.request('/exports/VN/1-2-00001.zip');
      expect(zip.headers.get('content-type')).toBe('application/zip');
      expect(zip.headers.get('cache-control')).toBe('public, max-age=86400, immutable');
      expect(new Uint8Array(await zip.arrayBuffer())).toEqual(bytes('PK zip'));
      expect((await app.request('/exports/VN/public-key.pem')).headers.get('content-type')).toBe(
        'application/x-pem-file',
      );

      // A revalidation with the tag answers 304 without the body; a changed file gets a new tag.
      const tag = index.headers.get('etag') ?? '';
      expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      const unchanged = await app.request('/exports/VN/index.txt', { headers: { 'if-none-match': tag } });
      expect(unchanged.status).toBe(304);
      expect(unchanged.headers.get('etag')).toBe(tag);
      expect(await unchanged.text()).toBe('');
      await store.put('VN/index.txt', bytes('VN/1-2-00001.zip\nVN/2-3-00001.zip\n'), 'text/plain');
      const changed = await app.request('/exports/VN/index.txt', { headers: { 'if-none-match': tag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(tag);

      for (const missing of ['/exports/VN/missing.zip', '/exports/VN/index.txt/x', `/exports/VN/${'a'.repeat(300)}`]) {
        const res = await app.request(missing);
        expect(res.status, missing).toBe(404);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(await res.json()).toMatchObject({ status: 404, code: 'not_found' });
      }
    });
  });

  it('EXPORT_STORE defaults to the database on PostgreSQL and to the folder on SQLite', () => {
    expect(loadConfig({}).exportStore).toBe('folder');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/bluezone' }).exportStore).toBe('database');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/bluezone', EXPORT_STORE: 'folder' }).exportStore).toBe('folder');
    expect(loadConfig({ EXPORT_STORE: 'database' }).exportStore).toBe('database');
    expect(() => loadConfig({ EXPORT_STORE: 's3' })).toThrow('EXPORT_STORE must be folder or database');
    expect(() => loadConfig({ EXPORT_LEASE_SECONDS: '1' })).toThrow('EXPORT_LEASE_SECONDS must be at least 3');
  });
});
