/**
 * The public keys this app verifies key exports with, from the health authority's server:
 * `GET /api/export-keys` (every active key version, so a signing-key rotation with overlap keeps
 * working) — served from the first start of the server, unlike `exports/<region>/public-key.pem`,
 * which appears with the first export run. Each listed key is parsed with the contract's schema
 * (@bluezone/protocol/api key-server.ts); one that does not parse is skipped, the others kept.
 */
import type { ExportPublicKey, Fetch } from '@bluezone/client';
import { keyServerApi } from '@bluezone/protocol/api';

export async function fetchExportKeys(serverUrl: string, fetch: Fetch): Promise<ExportPublicKey[]> {
  try {
    const res = await fetch(`${serverUrl.replace(/\/+$/, '')}${keyServerApi.exportKeys.path}`);
    if (!res.ok) return [];
    const body = (await res.json()) as { keys?: unknown };
    return (Array.isArray(body?.keys) ? body.keys : []).flatMap((listed: unknown) => {
      const k = keyServerApi.publishedExportKey.safeParse(listed);
      return k.success && k.data.active ? [{ pem: k.data.publicKeyPem, keyId: k.data.keyId }] : [];
    });
  } catch {
    return [];
  }
}

/** What the SDK is given when no key could be fetched: it then rejects every export (never trusts one). */
export const NO_EXPORT_KEY: ExportPublicKey = { pem: 'no export key fetched yet', keyId: 'none' };
