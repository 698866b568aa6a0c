// The SDK's use of the served configuration document: applied only when a trusted export key
// signed it, for this region, and not older than what the phone applied; the exposure check
// then decides with its parameters unless the app pins its own.
import {
  appliedConfiguration,
  applyConfiguration,
  ClientError,
  fetchConfiguration,
  MemoryStore,
} from '@bluezone/client';
import {
  type ConfigurationDocument,
  DEFAULT_PROXIMITY_PARAMETERS,
  defaultConfiguration,
  type SignedConfiguration,
  signConfiguration,
} from '@bluezone/protocol';
import { configurationAuthority } from '@bluezone/test-support';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';

const AUTHORITY = configurationAuthority();
const IMPOSTOR = configurationAuthority();

const version = (v: number, notifyCloseMinutes = 15): ConfigurationDocument => ({
  ...defaultConfiguration('VN', '2026-11-20T00:00:00.000Z'),
  version: v,
  proximity: { ...DEFAULT_PROXIMITY_PARAMETERS, notifyCloseMinutes },
});

/** Why a refusal happened: the protocol's code behind the SDK's `configuration_rejected`. */
async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClientError);
  expect((err as ClientError).code).toBe('configuration_rejected');
  return ((err as ClientError).cause as { code: string }).code;
}

describe.each(BACKENDS)('served configuration on the %s backend', (backend) => {
  const options = (store: MemoryStore) => ({
    backend,
    store,
    publicKeys: AUTHORITY.trusted,
    region: 'VN',
  });
  const signed = (doc: ConfigurationDocument, signer = AUTHORITY.signer) => signConfiguration(backend, doc, [signer]);

  it('applies a signed newer version, keeps it, and takes the same version again as no change', async () => {
    const store = new MemoryStore();
    expect(await appliedConfiguration(store)).toBeUndefined();
    const first = await applyConfiguration(signed(version(1, 25)), options(store));
    expect(first).toMatchObject({ changed: true, document: { version: 1 } });
    expect((await appliedConfiguration(store))?.proximity.notifyCloseMinutes).toBe(25);
    expect((await applyConfiguration(signed(version(1, 25)), options(store))).changed).toBe(false);
    expect((await applyConfiguration(signed(version(3, 30)), options(store))).document.version).toBe(3);
  });

  it('refuses a tampered document and applies nothing', async () => {
    const store = new MemoryStore();
    const good = signed(version(1, 25));
    const tampered: SignedConfiguration = {
      ...good,
      payload: good.payload.replace('"notifyCloseMinutes":25', '"notifyCloseMinutes":2'),
    };
    expect(tampered.payload).not.toBe(good.payload);
    expect(await refusal(applyConfiguration(tampered, options(store)))).toBe('invalid_signature');
    expect(await appliedConfiguration(store)).toBeUndefined();
  });

  it('refuses a document signed by a key the app does not trust, or with a wrong key id', async () => {
    const store = new MemoryStore();
    expect(await refusal(applyConfiguration(signed(version(1), IMPOSTOR.signer), options(store)))).toBe(
      'invalid_signature',
    );
    const otherId = { ...options(store), publicKeys: [{ pem: AUTHORITY.publicKeyPem, keyId: '999' }] };
    expect(await refusal(applyConfiguration(signed(version(1)), otherId))).toBe('invalid_signature');
    expect(await refusal(applyConfiguration({ payload: '{}', signatures: [] }, options(store)))).toBe(
      'invalid_signature',
    );
    expect(await appliedConfiguration(store)).toBeUndefined();
  });

  it('refuses a version older than the applied one (a replay), and another region\u2019s', async () => {
    const store = new MemoryStore();
    const old = signed(version(1, 25));
    await applyConfiguration(signed(version(2, 30)), options(store));
    expect(await refusal(applyConfiguration(old, options(store)))).toBe('configuration_outdated');
    expect((await appliedConfiguration(store))?.version).toBe(2);
    const foreign = signed({ ...version(5), region: 'DE' });
    expect(await refusal(applyConfiguration(foreign, options(store)))).toBe('invalid_config');
    expect((await appliedConfiguration(store))?.version).toBe(2);
  });

  it('fetches the document from the key server\u2019s /api/configuration', async () => {
    const store = new MemoryStore();
    const urls: string[] = [];
    const fetch = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(signed(version(4, 20))), { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const result = await fetchConfiguration('https://keys.example/', fetch, options(store));
    expect(urls).toEqual(['https://keys.example/api/configuration']);
    expect(result.document.proximity.notifyCloseMinutes).toBe(20);
  });
});
