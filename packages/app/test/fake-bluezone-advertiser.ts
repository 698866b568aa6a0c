// A fake of the native BluezoneAdvertiser module that behaves as BluezoneAdvertiserModule.kt
// does (hand-written from that source; the Kotlin is not compiled here): base64 service data
// must decode to 20 bytes, `start`/`update` stop the current advertisement and start the new one,
// a start the stack refuses rejects with the module's coded error and leaves nothing on air.
import { fromBase64, toHex } from '@bluezone/protocol';
import type { BluezoneAdvertiserNative } from '../modules/bluezone-advertiser';

export class FakeBluezoneAdvertiser implements BluezoneAdvertiserNative {
  readonly calls: string[] = [];
  /** Hex of what is on air now, or null. */
  onAir: string | null = null;
  #failNext: number | undefined;

  constructor(private readonly supported = true) {}

  isSupported(): boolean {
    return this.supported;
  }

  /** The stack refuses the next start with AdvertiseCallback's error code (e.g. 2 = too many advertisers). */
  failNextStart(errorCode: number): void {
    this.#failNext = errorCode;
  }

  start(serviceDataBase64: string): Promise<void> {
    return this.#advertise('start', serviceDataBase64);
  }

  update(serviceDataBase64: string): Promise<void> {
    return this.#advertise('update', serviceDataBase64);
  }

  async stop(): Promise<void> {
    this.calls.push('stop');
    this.onAir = null;
  }

  async #advertise(call: string, base64: string): Promise<void> {
    const data = fromBase64(base64);
    this.calls.push(`${call}(${toHex(data)})`);
    if (data.length !== 20)
      throw Object.assign(new Error(`service data must be 20 bytes (RPI ‖ AEM), got ${data.length}`), {
        code: 'ERR_ADVERTISER_SERVICE_DATA',
      });
    this.onAir = null; // the previous advertisement is stopped first
    const failure = this.#failNext;
    this.#failNext = undefined;
    if (failure !== undefined)
      throw Object.assign(new Error(`advertising failed to start: too many advertisers (${failure})`), {
        code: 'ERR_ADVERTISER_START_FAILED',
      });
    await new Promise((resolve) => setTimeout(resolve, 1)); // onStartSuccess arrives later
    this.onAir = toHex(data);
  }
}
