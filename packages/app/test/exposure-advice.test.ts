// The health authority's advice from the signed configuration document: the app fetches the
// document through the SDK (which verifies and applies it) and keeps its advice for the exposure
// screen; offline, or a document the SDK refuses, leaves what the phone applied before.

import { applyConfiguration, ClientError } from '@bluezone/client';
import {
  type ConfigurationDocument,
  defaultConfiguration,
  type ExportSigner,
  portableBackend,
  signConfiguration,
} from '@bluezone/protocol';
import { configurationAuthority } from '@bluezone/test-support';
import { describe, expect, it } from 'vitest';
import { AppModel, type AppServices } from '../src/model/app-model';
import { testApp } from './support/app-fixture';

const AUTHORITY = configurationAuthority();
const signed = (version: number, advice?: ConfigurationDocument['advice'], signer: ExportSigner = AUTHORITY.signer) =>
  signConfiguration(
    portableBackend,
    { ...defaultConfiguration('VN', '2026-12-05T00:00:00.000Z'), version, ...(advice ? { advice } : {}) },
    [signer],
  );

/** A key server whose answers the test queues: a signed document, or a failure. */
function servedDocuments() {
  const answers: (ReturnType<typeof signed> | Error)[] = [];
  const fetchConfiguration: NonNullable<AppServices['fetchConfiguration']> = async (store) => {
    const next = answers.shift() ?? new ClientError('network', 'offline');
    if (next instanceof Error) throw next;
    return applyConfiguration(next, {
      backend: portableBackend,
      store,
      publicKeys: AUTHORITY.trusted,
      region: 'VN',
    });
  };
  return { answers, fetchConfiguration };
}

describe('advice from the served configuration', () => {
  it('is fetched at start and before each check, and kept while offline or refused', async () => {
    const server = servedDocuments();
    const advice = { vi: 'Ở nhà 10 ngày, gọi trạm y tế xã.', en: 'Stay home for 10 days.' };
    const t = testApp({ fetchConfiguration: server.fetchConfiguration });
    await t.model.load(); // its fetch finds the server offline: the app's own steps
    expect(t.model.state.advice).toBeNull();
    server.answers.push(signed(1, advice));
    await t.model.refreshConfiguration();
    expect(t.model.state.advice).toEqual(advice);
    // Offline: nothing changes.
    await t.model.refreshConfiguration();
    expect(t.model.state.advice).toEqual(advice);
    // A document with advice signed by a key the app does not trust is refused by the SDK.
    server.answers.push(signed(2, { vi: 'Không cần làm gì.' }, configurationAuthority().signer));
    await t.model.refreshConfiguration();
    expect(t.model.state.advice).toEqual(advice);
    // A newer version without advice: the app's own steps again.
    server.answers.push(signed(3));
    await t.model.refreshConfiguration();
    expect(t.model.state.advice).toBeNull();
  });

  it('is read back from the store at the next start, before any fetch', async () => {
    const server = servedDocuments();
    const t = testApp({ fetchConfiguration: server.fetchConfiguration });
    await t.model.load();
    server.answers.push(signed(1, { vi: 'Gọi 115 nếu khó thở.' }));
    await t.model.refreshConfiguration();
    expect(t.model.state.advice).toEqual({ vi: 'Gọi 115 nếu khó thở.' });
    const again = testApp({ fetchConfiguration: async () => new Promise(() => {}) });
    // The same phone's store, restarted, with the key server out of reach for good.
    const restarted = new AppModel({ ...again.services, store: t.store });
    await restarted.load();
    expect(restarted.state.advice).toEqual({ vi: 'Gọi 115 nếu khó thở.' });
  });
});
