/**
 * Where export files go. Paths are `/`-separated and relative (e.g. `VN/index.txt`).
 * `put` must be atomic: a reader sees the old object, the new one, or none — never a torn
 * write. A local folder implements it with temp-file + rename; S3-compatible stores are
 * atomic per PUT, so an S3 implementation of this interface can replace the folder.
 */
export interface BlobStore {
  put(path: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** undefined when absent. */
  get(path: string): Promise<Uint8Array | undefined>;
  delete(path: string): Promise<void>;
  /** Paths under `prefix` (recursively). */
  list(prefix: string): Promise<string[]>;
}

/** Rejects absolute paths, `..` and anything outside [A-Za-z0-9._/-]. */
export function assertBlobPath(path: string): void {
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) || path.split('/').some((s) => s === '..' || s === '.')) {
    throw new RangeError(`invalid blob path "${path}"`);
  }
}
