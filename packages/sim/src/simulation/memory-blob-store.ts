/**
 * The key server's `BlobStore` in memory: where the simulated server's export worker writes
 * its zips, index.txt and public key, and what its /exports/ route serves. A two-week run
 * writes ~90 files of ~20 KB; a temp folder would add disk writes and cleanup for nothing.
 * Paths are checked as the server's local folder checks them, so a bad path fails alike.
 */
import { assertBlobPath, type BlobStore } from '@bluezone/server';

export class MemoryBlobStore implements BlobStore {
  readonly #blobs = new Map<string, Uint8Array>();

  async put(path: string, bytes: Uint8Array): Promise<void> {
    assertBlobPath(path);
    // A copy: the caller may reuse its buffer, and a reader must never see a torn write.
    this.#blobs.set(path, bytes.slice());
  }

  async get(path: string): Promise<Uint8Array | undefined> {
    assertBlobPath(path);
    return this.#blobs.get(path);
  }

  async delete(path: string): Promise<void> {
    assertBlobPath(path);
    this.#blobs.delete(path);
  }

  async list(prefix: string): Promise<string[]> {
    if (prefix !== '') assertBlobPath(prefix);
    const under = prefix === '' ? '' : `${prefix}/`;
    return [...this.#blobs.keys()].filter((p) => p.startsWith(under)).sort();
  }
}
