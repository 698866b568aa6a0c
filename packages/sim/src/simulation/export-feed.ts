/**
 * The simulation's own reading of the server's exports, for bookkeeping only (phones fetch and
 * verify the files themselves through their `ExposureChecker`): which export files index.txt
 * lists, in order, and whose keys each holds. A file of the real worker mixes every uploader
 * whose keys became publishable in its 4-hour window with ~1000 random padding keys; padding
 * belongs to nobody. Owners come from the keys each phone released when it reported (`owners`).
 */
import type { Fetch } from '@bluezone/client';
import { exportIndexPath, parseExportIndex, readExportZip, toHex } from '@bluezone/protocol';
import { SimError } from '../sim-error';

export interface ExportFileOwners {
  path: string;
  /** Phones whose keys the file holds, ascending. */
  uploaders: number[];
  keys: number;
}

export class ExportFeed {
  readonly files: ExportFileOwners[] = [];
  readonly #seen = new Set<string>();

  constructor(
    readonly fetch: Fetch,
    readonly exportBaseUrl: string,
    readonly region: string,
    /** Key data (hex) → the phone that released it. */
    readonly owners: ReadonlyMap<string, number>,
  ) {}

  /** Reads index.txt and the files it lists for the first time; returns how many were new. */
  async refresh(): Promise<number> {
    const index = parseExportIndex(await this.#get(exportIndexPath(this.region)).then((r) => r.text()));
    let added = 0;
    for (const path of index) {
      if (this.#seen.has(path)) continue;
      this.#seen.add(path);
      const zip = readExportZip(new Uint8Array(await (await this.#get(path)).arrayBuffer()));
      const uploaders = new Set<number>();
      for (const k of [...zip.keys, ...(zip.revisedKeys ?? [])]) {
        const owner = this.owners.get(toHex(k.keyData));
        if (owner !== undefined) uploaders.add(owner);
      }
      this.files.push({ path, uploaders: [...uploaders].sort((a, b) => a - b), keys: zip.keys.length });
      added++;
    }
    return added;
  }

  async #get(path: string): Promise<Response> {
    const res = await this.fetch(`${this.exportBaseUrl}${path}`);
    if (!res.ok) throw new SimError('key_server', `GET /exports/${path}: HTTP ${res.status}`);
    return res;
  }
}
