/**
 * The key server as phones see it, in process: every positive report becomes one signed GAEN
 * export file (protocol `createExportZip`, P-256 signature, as the key server's export job
 * writes them), listed in `<region>/index.txt`; phones fetch through `fetch`, so the client's
 * `ExposureChecker` runs unchanged (index → new files only → signature check → match).
 *
 * The signing key and ECDSA nonces come from node:crypto, not from the seed: they never reach
 * the report (signatures are verified, then dropped), so runs stay reproducible.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Fetch } from '@bluezone/client';
import { type CryptoBackend, createExportZip, type DiagnosisKey, type ExportSigner } from '@bluezone/protocol';

export const SIM_REGION = 'VN';
export const SIM_EXPORT_BASE_URL = 'https://keys.bluezone.sim/exports/';

export interface KeyBatch {
  id: number;
  uploader: number;
  /** Step of the uploader's positive test result. */
  positiveStep: number;
  publishedStep: number;
  keys: DiagnosisKey[];
  path: string;
}

export class InProcessKeyServer {
  readonly batches: KeyBatch[] = [];
  readonly #files = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly signer: ExportSigner;
  readonly publicKeyPem: string;

  constructor(readonly backend: CryptoBackend) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.signer = {
      keyId: '452',
      keyVersion: 'v1',
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  publish(
    uploader: number,
    positiveStep: number,
    publishedStep: number,
    nowMs: number,
    keys: DiagnosisKey[],
  ): KeyBatch {
    const id = this.batches.length;
    const path = `${SIM_REGION}/batch-${String(id + 1).padStart(6, '0')}.zip`;
    const seconds = Math.floor(nowMs / 1000);
    const zip = createExportZip(
      this.backend,
      { startTimestamp: seconds - 3600, endTimestamp: seconds, region: SIM_REGION, batchNum: 1, batchSize: 1, keys },
      [this.signer],
    );
    this.#files.set(path, new Uint8Array(zip));
    const batch = { id, uploader, positiveStep, publishedStep, keys, path };
    this.batches.push(batch);
    return batch;
  }

  since(cursor: number): KeyBatch[] {
    return this.batches.slice(cursor);
  }

  get cursor(): number {
    return this.batches.length;
  }

  /** What phones reach over HTTP: `index.txt` and the export files, as a `fetch`. */
  readonly fetch: Fetch = async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(SIM_EXPORT_BASE_URL)) return new Response('not found', { status: 404 });
    const path = url.slice(SIM_EXPORT_BASE_URL.length);
    if (path === `${SIM_REGION}/index.txt`) {
      return new Response(this.batches.map((b) => b.path).join('\n'), { headers: { 'content-type': 'text/plain' } });
    }
    const file = this.#files.get(path);
    return file
      ? new Response(file, { headers: { 'content-type': 'application/zip' } })
      : new Response('not found', { status: 404 });
  };
}
