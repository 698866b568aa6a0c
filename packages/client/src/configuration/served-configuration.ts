/**
 * The health authority's configuration document on the phone: fetched from the key server,
 * verified with the export signing keys the app already trusts, and kept as its exact signed
 * text in the store's settings. The exposure check then uses its estimator and risk parameters
 * (and notify threshold) unless the app pins its own. Refused, with nothing applied: a document
 * no trusted key signed (tampered, or signed by a wrong key), one for another region, and one
 * older than what the phone applied (a replay); the same version again changes nothing.
 */
import {
  type ConfigurationDocument,
  type CryptoBackend,
  ProtocolError,
  parseConfigurationDocument,
  type SignedConfiguration,
  verifyConfiguration,
} from '@bluezone/protocol';
import { configurationApi } from '@bluezone/protocol/api';
import { ClientError } from '../client-error';
import type { ExportPublicKey } from '../exposure/export-public-key';
import type { Fetch } from '../report/key-server-client';
import type { ClientStore } from '../storage/client-store';

/** The store setting holding the applied document's signed text. */
export const CONFIGURATION_SETTING = 'configuration.document';

/** The document the phone applied last, if any (a stored text that no longer parses counts as none). */
export async function appliedConfiguration(store: ClientStore): Promise<ConfigurationDocument | undefined> {
  const text = await store.getSetting(CONFIGURATION_SETTING);
  if (text === undefined) return undefined;
  try {
    return parseConfigurationDocument(text);
  } catch {
    return undefined;
  }
}

export interface ApplyConfigurationOptions {
  backend: CryptoBackend;
  store: ClientStore;
  /** The keys exports are verified with (ExposureCheckOptions.publicKeys). */
  publicKeys: readonly ExportPublicKey[];
  region: string;
}

export interface AppliedConfiguration {
  document: ConfigurationDocument;
  /** False when this version was already applied. */
  changed: boolean;
}

/** Verifies a served document and applies it; throws `configuration_rejected` (cause: the ProtocolError) when refused. */
export async function applyConfiguration(
  signed: SignedConfiguration,
  o: ApplyConfigurationOptions,
): Promise<AppliedConfiguration> {
  const current = await appliedConfiguration(o.store);
  const appliedVersion = current?.version ?? 0;
  let document: ConfigurationDocument;
  try {
    document = verifyConfiguration(o.backend, signed, o.publicKeys, { region: o.region, appliedVersion });
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    throw new ClientError('configuration_rejected', err.message, { cause: err });
  }
  if (current !== undefined && document.version === appliedVersion) return { document: current, changed: false };
  await o.store.setSetting(CONFIGURATION_SETTING, signed.payload);
  return { document, changed: true };
}

/** GETs the key server's document (`keyServerUrl` + /api/configuration) and applies it. */
export async function fetchConfiguration(
  keyServerUrl: string,
  fetch: Fetch,
  o: ApplyConfigurationOptions,
): Promise<AppliedConfiguration> {
  const url = `${keyServerUrl.replace(/\/+$/, '')}${configurationApi.getConfiguration.path}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (err) {
    throw new ClientError('network', `GET ${url} failed: ${(err as Error).message}`, { cause: err });
  }
  if (!response.ok)
    throw new ClientError('server_rejected', `GET ${url}: ${response.status}`, { status: response.status });
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ClientError('invalid_response', `GET ${url}: response is not JSON`, { status: response.status });
  }
  const parsed = configurationApi.signedConfiguration.safeParse(json);
  if (!parsed.success) {
    throw new ClientError('invalid_response', `GET ${url}: response is not as the API defines it`, {
      status: response.status,
    });
  }
  return applyConfiguration(parsed.data, o);
}
