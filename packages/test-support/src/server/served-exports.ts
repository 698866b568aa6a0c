/**
 * What a deployment's export files look like from outside, for tests that run real server
 * processes: the files the database has committed, index.txt as each process serves it, and every
 * listed file downloaded from every process (they must serve the same bytes) with the keys it
 * holds counted.
 */
import { exportIndexPath, parseExportIndex, readExportZip } from '@bluezone/protocol';
import type { Database } from '@bluezone/server';

/** The export files the database has committed, in index.txt's order (oldest window first). */
export async function committedExportFiles(database: Database, region = 'VN'): Promise<string[]> {
  const rows = await database.db
    .selectFrom('export_file')
    .innerJoin('export_batch', 'export_batch.id', 'export_file.batch_id')
    .select('export_file.path')
    .where('export_file.region', '=', region)
    .orderBy('export_batch.end_ts')
    .orderBy('export_file.batch_num')
    .execute();
  return rows.map((r) => r.path);
}

/** index.txt as the server at `baseUrl` serves it, read as a phone reads it. */
export async function servedIndex(baseUrl: string, region = 'VN'): Promise<string[]> {
  const res = await fetch(`${baseUrl}/exports/${exportIndexPath(region)}`);
  if (res.status !== 200) throw new Error(`index.txt from ${baseUrl}: ${res.status}`);
  return parseExportIndex(await res.text());
}

/**
 * Downloads every file from every server: each must answer 200 application/zip with the same
 * bytes. Returns how many times each key (base64) appears across the files.
 */
export async function downloadExportKeys(baseUrls: readonly string[], files: readonly string[]) {
  const keys = new Map<string, number>();
  for (const path of files) {
    const bodies = await Promise.all(
      baseUrls.map(async (base) => {
        const res = await fetch(`${base}/exports/${path}`);
        if (res.status !== 200 || res.headers.get('content-type') !== 'application/zip') {
          throw new Error(`${path} from ${base}: ${res.status} ${res.headers.get('content-type')}`);
        }
        return Buffer.from(await res.arrayBuffer());
      }),
    );
    const first = bodies[0] as Buffer;
    if (bodies.some((b) => !b.equals(first))) throw new Error(`${path}: the servers serve different bytes`);
    for (const key of readExportZip(new Uint8Array(first)).keys) {
      const b64 = Buffer.from(key.keyData).toString('base64');
      keys.set(b64, (keys.get(b64) ?? 0) + 1);
    }
  }
  return keys;
}
