// The health authority's advice in the served configuration document: the SDK applies a signed
// document carrying it and keeps it with the rest, and refuses one whose advice is not a bounded
// text per language the app speaks — even signed by a trusted key, nothing is applied.
import { appliedConfiguration, applyConfiguration, ClientError, MemoryStore } from '@bluezone/client';
import {
  type ConfigurationDocument,
  defaultConfiguration,
  MAX_ADVICE_LENGTH,
  signConfiguration,
} from '@bluezone/protocol';
import { configurationAuthority } from '@bluezone/test-support';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';

const AUTHORITY = configurationAuthority();

const document = (version: number, advice?: unknown): ConfigurationDocument =>
  ({
    ...defaultConfiguration('VN', '2026-12-05T00:00:00.000Z'),
    version,
    ...(advice === undefined ? {} : { advice }),
  }) as ConfigurationDocument;

describe.each(BACKENDS)('served advice on the %s backend', (backend) => {
  const options = (store: MemoryStore) => ({
    backend,
    store,
    publicKeys: AUTHORITY.trusted,
    region: 'VN',
  });
  const apply = (store: MemoryStore, doc: ConfigurationDocument) =>
    applyConfiguration(signConfiguration(backend, doc, [AUTHORITY.signer]), options(store));

  it('applies a document with the authority’s advice and keeps it; a later one without it drops it', async () => {
    const store = new MemoryStore();
    const advice = { vi: 'Ở nhà 14 ngày, gọi trạm y tế xã.', en: 'Stay home for 14 days; call your health station.' };
    expect((await apply(store, document(1, advice))).document.advice).toEqual(advice);
    expect((await appliedConfiguration(store))?.advice).toEqual(advice);
    await apply(store, document(2));
    expect((await appliedConfiguration(store))?.advice).toBeUndefined();
  });

  it('refuses advice in a language the app does not speak, empty or too long, and applies nothing', async () => {
    const store = new MemoryStore();
    await apply(store, document(1, { vi: 'Ở nhà 14 ngày.' }));
    for (const [i, advice] of [
      { vi: 'x'.repeat(MAX_ADVICE_LENGTH + 1) },
      { en: '' },
      { fr: 'Restez chez vous.' },
      'Ở nhà',
    ].entries()) {
      const err = await apply(store, document(2 + i, advice)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, JSON.stringify(advice)).toBeInstanceOf(ClientError);
      expect((err as ClientError).code).toBe('configuration_rejected');
      expect(((err as ClientError).cause as { code: string; message: string }).code).toBe('invalid_config');
      expect(((err as ClientError).cause as Error).message).toMatch(/advice/);
    }
    expect(await appliedConfiguration(store)).toMatchObject({ version: 1, advice: { vi: 'Ở nhà 14 ngày.' } });
  });
});
