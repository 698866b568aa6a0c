/**
 * Listening for one rolling proximity identifier: what the gatekeeper's phone does after it has
 * read a visitor's pass. It subscribes to the SDK's scanner (any BleTransport: MemoryRadio in
 * tests and the browser build, BlePlxTransport on a phone) and answers as soon as a 0xFD6F
 * advertisement carries that RPI, or "not heard" when the window closes. Phones advertise every
 * 200–270 ms (GAEN Bluetooth spec v1.2 §"Advertising"), so a few seconds is many chances. The
 * RPI is compared in memory and dropped; nothing is stored or sent.
 */
import { decodeServiceData, equalBytes } from '@bluezone/protocol';
import type { SightingListener } from '../ble/ble-transport';

/** How long the gatekeeper's phone listens before it says "not heard". */
export const RADIO_LISTEN_MS = 8_000;

export interface RadioSource {
  onSighting(listener: SightingListener): () => void;
}

export type RadioResult = { heard: true; rssi: number; atMs: number } | { heard: false };

/** Waits `ms`; rejects nothing. Tests pass one they resolve themselves. */
export type ListenWindow = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realListenWindow: ListenWindow = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export function listenForRpi(
  source: RadioSource,
  rpi: Uint8Array,
  options: { listenMs?: number; window?: ListenWindow; signal?: AbortSignal } = {},
): Promise<RadioResult> {
  return new Promise((resolve) => {
    let done = false;
    let unsubscribe = () => {};
    const finish = (result: RadioResult) => {
      if (done) return;
      done = true;
      unsubscribe();
      resolve(result);
    };
    unsubscribe = source.onSighting((s) => {
      let heard: Uint8Array;
      try {
        heard = 'serviceData' in s ? decodeServiceData(s.serviceData).rpi : s.rpi;
      } catch {
        return; // malformed advertisement: not the one we wait for
      }
      if (equalBytes(heard, rpi)) finish({ heard: true, rssi: s.rssi, atMs: s.timeMs });
    });
    void (options.window ?? realListenWindow)(options.listenMs ?? RADIO_LISTEN_MS, options.signal).then(() =>
      finish({ heard: false }),
    );
  });
}
