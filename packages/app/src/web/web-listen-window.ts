/**
 * How long gatekeeper mode listens in the browser build: the SDK's real window (8 s) unless a
 * test holds it. A held window stays open until the test closes it, as the SDK's and the Jest
 * tests close theirs, so a browser journey checks "heard" and "not heard" without racing a clock
 * on a loaded machine. Exposed through `window.bluezoneSim` (web-simulator.ts).
 */
import { type ListenWindow, realListenWindow } from '@bluezone/client';

export interface ListenWindowControl {
  /** What gatekeeper mode waits on (AppServices.gateListenWindow). */
  window: ListenWindow;
  /** From now on, windows stay open until `close()` (or the check is aborted). */
  hold(): void;
  /** Closes the open held windows ("not heard" for a check still listening); returns how many. */
  close(): number;
}

export function listenWindowControl(real: ListenWindow = realListenWindow): ListenWindowControl {
  let held = false;
  const open = new Set<() => void>();
  return {
    window: (ms, signal) => {
      if (!held) return real(ms, signal);
      return new Promise((resolve) => {
        const done = () => {
          open.delete(done);
          resolve();
        };
        open.add(done);
        signal?.addEventListener('abort', done);
      });
    },
    hold() {
      held = true;
    },
    close() {
      const n = open.size;
      for (const done of [...open]) done();
      return n;
    },
  };
}
