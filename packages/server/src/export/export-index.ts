/**
 * Writing `<region>/index.txt`, the list of export files phones fetch (its format:
 * @bluezone/protocol export/export-index.ts). Rewritten from the database, atomically, so it
 * only ever names files whose batch has committed.
 */
import { exportIndexPath, formatExportIndex } from '@bluezone/protocol';
import type { ServerContext } from '../feature';

export async function listedExportFiles(ctx: ServerContext, region: string): Promise<string[]> {
  const rows = await ctx.database.db
    .selectFrom('export_file')
    .innerJoin('export_batch', 'export_batch.id', 'export_file.batch_id')
    .select('export_file.path')
    .where('export_file.region', '=', region)
    .orderBy('export_batch.end_ts')
    .orderBy('export_file.batch_num')
    .execute();
  return rows.map((r) => r.path);
}

export async function writeIndex(ctx: ServerContext, region: string): Promise<string[]> {
  const paths = await listedExportFiles(ctx, region);
  await ctx.blobs.put(exportIndexPath(region), new TextEncoder().encode(formatExportIndex(paths)), 'text/plain');
  return paths;
}

/** Writes index.txt from the database when the blob store has none (first start, or a run that died before it). */
export async function ensureIndex(ctx: ServerContext, region: string): Promise<void> {
  if (!(await ctx.blobs.get(exportIndexPath(region)))) await writeIndex(ctx, region);
}
