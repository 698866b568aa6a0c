/**
 * Where export files go. Paths are `/`-separated and relative (e.g. `VN/index.txt`).
 * `put` must be atomic: a reader sees the old object, the new one, or none — never a torn
 * write. A local folder implements it with temp-file + rename, the database store with one
 * upsert; S3-compatible stores are atomic per PUT, so an S3 implementation of this interface can
 * replace either.
 */
export interface BlobStore {
  put(path: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /**
   * Optional: writes only if nothing is stored at `path` (atomically: of two concurrent calls
   * one wins); false if something is. Export zips are immutable once listed (and cached as
   * such), so the export worker writes them with this when the store has it: a run that lost
   * its lease can never replace a file another run has published. (S3: `If-None-Match: *`.)
   */
  putNew?(path: string, bytes: Uint8Array, contentType: string): Promise<boolean>;
  /** undefined when absent. */
  get(path: string): Promise<Uint8Array | undefined>;
  delete(path: string): Promise<void>;
  /** Paths under `prefix` (recursively). */
  list(prefix: string): Promise<string[]>;
}

/** Longest path accepted: far above any export file's, below every filesystem's limits. */
const MAX_BLOB_PATH = 200;

/** Rejects absolute paths, `..`, over-long paths and anything outside [A-Za-z0-9._/-]. */
export function assertBlobPath(path: string): void {
  if (
    path.length > MAX_BLOB_PATH ||
    !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) ||
    path.split('/').some((s) => s === '..' || s === '.')
  ) {
    throw new RangeError(`invalid blob path "${path.slice(0, MAX_BLOB_PATH)}"`);
  }
}
