/**
 * The client SDK's `BleAdvertiser` over the native BluezoneAdvertiser module: checks the payload
 * is GAEN service data (RPI ‖ AEM, 20 bytes) before it crosses the bridge, uses `start` for the
 * first advertisement and `update` at each rotation, and runs calls one at a time so a rotation
 * never races a stop. Without the module (iOS, Expo Go, a phone without peripheral mode) it is a
 * no-op that says once why the phone is not heard.
 */
import type { BleAdvertiser } from '@bluezone/client';
import { SERVICE_DATA_LENGTH, toBase64 } from '@bluezone/protocol';
import type { BluezoneAdvertiserNative } from './bluezone-advertiser-native';

export function nativeBleAdvertiser(
  native: BluezoneAdvertiserNative | null,
  warn: (message: string) => void = console.warn,
): BleAdvertiser {
  if (native === null || !native.isSupported()) {
    let warned = false;
    return {
      async start() {
        if (!warned)
          warn(
            native === null
              ? 'Bluezone: no native BLE advertiser on this platform; scanning only'
              : 'Bluezone: this phone cannot advertise over Bluetooth LE; scanning only',
          );
        warned = true;
      },
      async stop() {},
    };
  }
  let advertising = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };
  return {
    start(serviceData) {
      if (serviceData.length !== SERVICE_DATA_LENGTH)
        return Promise.reject(
          new RangeError(`serviceData must be ${SERVICE_DATA_LENGTH} bytes (RPI ‖ AEM), got ${serviceData.length}`),
        );
      const base64 = toBase64(serviceData);
      return serially(async () => {
        try {
          await (advertising ? native.update(base64) : native.start(base64));
          advertising = true;
        } catch (err) {
          // The old advertisement was stopped before the new one failed: nothing is on air.
          advertising = false;
          throw err;
        }
      });
    },
    stop() {
      return serially(async () => {
        if (!advertising) return;
        advertising = false;
        await native.stop();
      });
    },
  };
}
