/**
 * The public keys this app verifies key exports with, from the health authority's server:
 * `GET /api/export-keys` (every active key version, so a signing-key rotation with overlap keeps
 * working) — served from the first start of the server, unlike `exports/<region>/public-key.pem`,
 * which appears with the first export run.
 */
import type { ExportPublicKey, Fetch } from '@bluezone/client';

interface ExportKeysBody {
  keys?: { keyId?: unknown; publicKeyPem?: unknown; active?: unknown }[];
}

export async function fetchExportKeys(serverUrl: string, fetch: Fetch): Promise<ExportPublicKey[]> {
  try {
    const res = await fetch(`${serverUrl.replace(/\/+$/, '')}/api/export-keys`);
    if (!res.ok) return [];
    const body = (await res.json()) as ExportKeysBody;
    return (body.keys ?? []).flatMap((k) =>
      k.active === true && typeof k.publicKeyPem === 'string' && typeof k.keyId === 'string'
        ? [{ pem: k.publicKeyPem, keyId: k.keyId }]
        : [],
    );
  } catch {
    return [];
  }
}

/** What the SDK is given when no key could be fetched: it then rejects every export (never trusts one). */
export const NO_EXPORT_KEY: ExportPublicKey = { pem: 'no export key fetched yet', keyId: 'none' };
