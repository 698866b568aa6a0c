import { BluezoneClient, MemoryRadio, MemoryStore, seededRandom } from '@bluezone/client';
import { ManualClock, portableBackend } from '@bluezone/protocol';
import { fakeServers } from '@bluezone/test-support/fakes';
import { describe, expect, it } from 'vitest';
import { MIDNIGHT, MINUTE_MS } from './backends';
import { TEST_SERVER } from './test-server';

describe('BluezoneClient', () => {
  const setup = (decoys: false | { meanIntervalMs: number }) => {
    const clock = new ManualClock(MIDNIGHT + 8 * 3_600_000);
    const radio = new MemoryRadio({ clock, random: seededRandom(1) });
    const servers = fakeServers(portableBackend);
    const phone = (id: string, seed: number) => {
      const store = new MemoryStore();
      const client = new BluezoneClient({
        store,
        transport: radio.transport(id),
        server: TEST_SERVER,
        clock,
        random: seededRandom(seed),
        sleep: async () => {},
        fetch: servers.fetch,
        decoys,
      });
      return { client, store, transport: radio.transport(id) };
    };
    return { clock, radio, servers, phone };
  };

  it('changes the advertisement and the BLE address together at every rotation', async () => {
    const { clock, phone } = setup(false);
    const a = phone('a', 2);
    await a.client.start();
    const seen: { address: string; payload: string }[] = [];
    for (let m = 0; m < 120; m++) {
      await a.client.tick();
      const last = seen.at(-1);
      const now = { address: a.transport.address, payload: a.transport.serviceData?.join() ?? '' };
      if (last === undefined || last.address !== now.address || last.payload !== now.payload) seen.push(now);
      clock.advance(MINUTE_MS);
    }
    // Two hours of 10–20 minute RPIs: 6 to 12 advertisements, each with its own address and payload.
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen.length).toBeLessThanOrEqual(13);
    expect(new Set(seen.map((s) => s.address)).size).toBe(seen.length);
    expect(new Set(seen.map((s) => s.payload)).size).toBe(seen.length);
    expect(a.transport.stats.advertisements).toBe(seen.length);
  });

  it('records what its transport hears, and stops hearing after stop()', async () => {
    const { radio, phone } = setup(false);
    const a = phone('a', 2);
    const b = phone('b', 3);
    await a.client.start();
    await b.client.start();
    radio.scan();
    await b.client.stop();
    radio.scan();
    expect(b.client.recorder.stats.recorded).toBe(1);
    expect((await b.store.listScans(0, Number.MAX_SAFE_INTEGER)).length).toBe(1);
  });

  it('sends decoys from tick() when enabled, and none when disabled', async () => {
    for (const decoys of [false, { meanIntervalMs: 3_600_000 }] as const) {
      const { clock, servers, phone } = setup(decoys);
      const a = phone('a', 4);
      await a.client.start();
      for (let m = 0; m < 24 * 60; m += 10) {
        await a.client.tick();
        clock.advance(10 * MINUTE_MS);
      }
      const chaff = servers.calls.filter((c) => c.headers['x-chaff'] === '1');
      if (decoys === false) expect(chaff).toEqual([]);
      else expect(chaff.length).toBeGreaterThan(0);
      expect(servers.calls.length).toBe(chaff.length);
    }
  });
});
