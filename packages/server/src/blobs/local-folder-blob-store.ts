/** BlobStore over a local folder (EXPORT_DIR): the default store, served at /exports by the HTTP app. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import nodePath from 'node:path';
import { assertBlobPath, type BlobStore } from './blob-store';

export class LocalFolderBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  private resolve(path: string): string {
    assertBlobPath(path);
    return nodePath.join(this.root, ...path.split('/'));
  }

  async put(path: string, bytes: Uint8Array): Promise<void> {
    const file = this.resolve(path);
    await fs.mkdir(nodePath.dirname(file), { recursive: true });
    // Write beside the target then rename: rename(2) replaces atomically within a filesystem.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  async putNew(path: string, bytes: Uint8Array): Promise<boolean> {
    const file = this.resolve(path);
    await fs.mkdir(nodePath.dirname(file), { recursive: true });
    // link(2) fails with EEXIST when the name is taken, atomically, and the file appears whole.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(tmp, bytes);
      await fs.link(tmp, file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  async get(path: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await fs.readFile(this.resolve(path)));
    } catch (err) {
      // A folder, or a name under a file (`VN/index.txt/x`): nothing stored there either.
      if (['ENOENT', 'EISDIR', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw err;
    }
  }

  async delete(path: string): Promise<void> {
    await fs.rm(this.resolve(path), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const dir = prefix === '' ? this.root : this.resolve(prefix);
    let entries: string[];
    try {
      entries = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
        .map((e) => nodePath.relative(this.root, nodePath.join(e.parentPath, e.name)).split(nodePath.sep).join('/'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return entries.sort();
  }
}
