/**
 * The browser stands in for Bluetooth with the SDK's MemoryRadio: a few virtual neighbour phones
 * advertise rotating identifiers and the app's transport hears them at a simulated RSSI every
 * minute. `window.bluezoneSim` lets a test (or a curious user in the console) inject what a real
 * phone would have heard, e.g. the RPIs of a phone that later reports positive, and hold or
 * close gatekeeper mode's listening window (web-listen-window.ts).
 */
import type { MemoryRadio, MemoryRadioTransport, RandomSource } from '@bluezone/client';
import { fromHex } from '@bluezone/protocol';
import type { ListenWindowControl } from './web-listen-window';

export interface BluezoneSim {
  /** Delivers one advertisement (hex RPI||AEM service data) to the app, as if heard at `timeMs`. */
  hear(serviceDataHex: string, rssi: number, timeMs?: number): boolean;
  /** One scan of the virtual neighbours. */
  scan(): number;
  /** Gatekeeper mode's listening windows stay open from now on until closeListenWindows(). */
  holdListenWindows(): void;
  /** Closes the held windows: a check still listening says "not heard". Returns how many closed. */
  closeListenWindows(): number;
}

export function startWebSimulator(
  radio: MemoryRadio,
  me: MemoryRadioTransport,
  neighbours: number,
  random: RandomSource,
  onHeard: () => void,
  listen: ListenWindowControl,
): BluezoneSim {
  const phones = Array.from({ length: neighbours }, (_, i) => radio.transport(`neighbour-${i}`));
  const rotate = () => {
    // Each virtual phone gets a new random identifier, as a real one does every 10–20 minutes.
    for (const p of phones) void p.advertise(random.bytes(20));
  };
  void Promise.all(phones.map((p) => p.start())).then(rotate);
  const sim: BluezoneSim = {
    hear(hex, rssi, timeMs = Date.now()) {
      if (!me.running) return false;
      me.deliver({ serviceData: fromHex(hex), rssi, timeMs });
      onHeard();
      return true;
    },
    scan() {
      const n = radio.scan([me.deviceId]);
      onHeard();
      return n;
    },
    holdListenWindows: () => listen.hold(),
    closeListenWindows: () => listen.close(),
  };
  setInterval(() => {
    if (random.float() < 0.1) rotate();
    sim.scan();
  }, 60_000);
  return sim;
}
