// Gatekeeper mode's listening window in the browser build: the SDK's real 8 s unless a test holds
// it; a held window ignores the clock and closes when the test says, so the browser journey's
// "heard" and "not heard" do not race a timer on a loaded machine.
import { listenForRpi, RADIO_LISTEN_MS, type SightingListener } from '@bluezone/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenWindowControl } from '../src/web/web-listen-window';

const RPI = new Uint8Array(16).fill(7);

/** A scanner the test delivers sightings to. */
function radio() {
  const listeners = new Set<SightingListener>();
  return {
    onSighting(l: SightingListener) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    hear(rpi: Uint8Array) {
      for (const l of [...listeners]) l({ rpi, rssi: -50, timeMs: 1 } as Parameters<SightingListener>[0]);
    },
  };
}

/** Whether the promise has settled once pending callbacks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('the browser build’s listening window', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is the SDK’s real window until held', async () => {
    vi.useFakeTimers();
    const listen = listenWindowControl();
    const result = listenForRpi(radio(), RPI, { window: listen.window });
    await vi.advanceTimersByTimeAsync(RADIO_LISTEN_MS);
    expect(await result).toEqual({ heard: false });
  });

  it('once held, stays open past the 8 s and hears the phone whenever it advertises', async () => {
    vi.useFakeTimers();
    const listen = listenWindowControl();
    listen.hold();
    const r = radio();
    const result = listenForRpi(r, RPI, { window: listen.window });
    await vi.advanceTimersByTimeAsync(10 * RADIO_LISTEN_MS);
    expect(await settled(result)).toBe(false);
    r.hear(new Uint8Array(16).fill(8)); // another phone
    expect(await settled(result)).toBe(false);
    r.hear(RPI);
    expect(await result).toMatchObject({ heard: true, rssi: -50 });
    // Its window stays open until closed, as the real one runs its 8 s out.
    expect(listen.close()).toBe(1);
  });

  it('says "not heard" when the test closes it, and an aborted check closes its own', async () => {
    vi.useFakeTimers();
    const listen = listenWindowControl();
    listen.hold();
    const result = listenForRpi(radio(), RPI, { window: listen.window });
    await vi.advanceTimersByTimeAsync(10 * RADIO_LISTEN_MS);
    expect(await settled(result)).toBe(false);
    expect(listen.close()).toBe(1);
    expect(await result).toEqual({ heard: false });
    const abort = new AbortController();
    const aborted = listenForRpi(radio(), RPI, { window: listen.window, signal: abort.signal });
    abort.abort();
    expect(await aborted).toEqual({ heard: false });
    expect(listen.close()).toBe(0);
  });
});
